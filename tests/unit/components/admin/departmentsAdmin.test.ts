import { afterEach, describe, expect, it } from 'vitest'
import DepartmentsAdminView from '../../../../src/views/DepartmentsAdminView.vue'
import RequestDetailView from '../../../../src/views/RequestDetailView.vue'
import { db } from '../../../../src/db/database.ts'
import { createDepartment, removeDepartment } from '../../../../src/db/departments.ts'
import { createRequest } from '../../../../src/db/requests.ts'
import { emptyDraft } from '../../../../src/domain/requestRules.ts'
import { buttonNamed, mountAdmin, typeInto, unmountAdmin, until } from './mountAdmin.ts'

afterEach(unmountAdmin)

const names = (host: HTMLElement) => [...host.querySelectorAll('.admin-department strong')].map((e) => e.textContent)

describe('departments admin screen', () => {
  it('adds, renames and removes departments of the team', async () => {
    const { host, author } = await mountAdmin(DepartmentsAdminView, 'koordinator')
    await until(() => names(host).length > 0)
    const before = names(host).length
    typeInto(host, '#department-new-name', 'Kultur')
    typeInto(host, '#department-new-location', 'Biblioteket')
    buttonNamed(host, 'Tilføj')!.click()
    await until(() => names(host).includes('Kultur'))
    expect(host.textContent).toContain('Biblioteket')
    // the same name again is explained, not stored
    typeInto(host, '#department-new-name', 'kultur')
    buttonNamed(host, 'Tilføj')!.click()
    await until(() => host.textContent!.includes('Der er allerede en afdeling med det navn.'))
    expect(names(host)).toHaveLength(before + 1)

    const kultur = (await db().departments.toArray()).find((d) => d.name === 'Kultur')!
    host.querySelector<HTMLButtonElement>('button[aria-label="Redigér Kultur"]')!.click()
    await until(() => host.querySelector(`#dep-name-${kultur.id}`) !== null)
    typeInto(host, `#dep-name-${kultur.id}`, 'Kultur og Fritid')
    buttonNamed(host, 'Gem')!.click()
    await until(() => names(host).includes('Kultur og Fritid'))

    await createRequest(author, { ...emptyDraft(), description: 'Printer', departmentId: kultur.id }, null, 1000)
    host.querySelector<HTMLButtonElement>('button[aria-label="Fjern Kultur og Fritid"]')!.click()
    await until(() => host.textContent!.includes('henvendelser: 1'))
    buttonNamed(host, 'Ja, fjern')!.click()
    await until(() => !names(host).includes('Kultur og Fritid'))
    expect((await db().departments.get(kultur.id))?.deletedAt).not.toBeNull()
  })

  it('shows a request whose department was removed without it, and nothing breaks', async () => {
    const { author } = await mountAdmin(DepartmentsAdminView, 'koordinator')
    const d = await createDepartment(author, { name: 'Kultur', location: '' })
    const request = await createRequest(author, { ...emptyDraft(), description: 'Skærm flimrer', departmentId: d.id }, null, 1000)
    await removeDepartment(d.id)
    unmountAdmin()
    const { host: detail } = await mountDetail(request.id)
    await until(() => detail.textContent!.includes('Skærm flimrer'))
    expect(detail.textContent).not.toContain('Kultur')
    expect(detail.textContent).not.toContain('Afdeling')
  })

  it('is closed to a superbruger', async () => {
    const { host } = await mountAdmin(DepartmentsAdminView, 'superbruger')
    await until(() => host.textContent!.includes('Kun koordinatorer og administratorer'))
    expect(host.querySelector('form')).toBeNull()
  })
})

async function mountDetail(id: string) {
  const { defineComponent, h } = await import('vue')
  const Wrapper = defineComponent(() => () => h(RequestDetailView, { id }))
  return mountAdmin(Wrapper, 'superbruger')
}
