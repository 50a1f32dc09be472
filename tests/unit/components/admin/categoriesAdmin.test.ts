import { afterEach, describe, expect, it, vi } from 'vitest'
import CategoriesAdminView from '../../../../src/views/CategoriesAdminView.vue'
import RequestFormView from '../../../../src/views/RequestFormView.vue'
import { db } from '../../../../src/db/database.ts'
import { getTeam } from '../../../../src/db/profile.ts'
import { CATEGORIES } from '../../../../src/domain/records/request.ts'
import { buttonNamed, mountAdmin, typeInto, unmountAdmin, until } from './mountAdmin.ts'

afterEach(unmountAdmin)

function setSelect(host: HTMLElement, selector: string, value: string): void {
  const select = host.querySelector<HTMLSelectElement>(selector)!
  select.value = value
  select.dispatchEvent(new Event('change'))
}

function check(host: HTMLElement, selector: string, checked: boolean): void {
  const box = host.querySelector<HTMLInputElement>(selector)!
  box.checked = checked
  box.dispatchEvent(new Event('change'))
}

describe('categories and presets screen', () => {
  it('renames, hides and adds categories and presets; the request form and quick-log then use them', async () => {
    const { host, author } = await mountAdmin(CategoriesAdminView, 'koordinator')
    await until(() => host.querySelector('#category-0-name') !== null)
    expect(host.querySelectorAll('[id$="-name"][id^="category-"]')).toHaveLength(CATEGORIES.length)
    typeInto(host, '#category-0-name', 'ESDH (Acadre)')
    check(host, '#category-1-shown', false)
    typeInto(host, '#category-new', 'Teams-møder')
    buttonNamed(host, 'Tilføj')!.click()
    await until(() => host.querySelector(`#category-${CATEGORIES.length}-name`) !== null)
    host.querySelector<HTMLButtonElement>(`#category-${CATEGORIES.length}-up`)!.click()
    await until(() => (host.querySelector<HTMLInputElement>(`#category-${CATEGORIES.length - 1}-name`)!).value === 'Teams-møder')

    typeInto(host, '#preset-new', 'Teams: lyd virker ikke')
    host.querySelectorAll<HTMLButtonElement>('.admin-list-add button')[1]!.click()
    const before = host.querySelectorAll('[id^="preset-"][id$="-name"]').length
    await until(() => host.querySelectorAll('[id^="preset-"][id$="-name"]').length === before + 1)
    const index = before
    setSelect(host, `#preset-${index}-category`, 'teams-moeder')
    typeInto(host, `#preset-${index}-minutes`, '0')
    buttonNamed(host, 'Gem')!.click()
    await until(() => host.textContent!.includes('Skriv et helt antal minutter fra 1 til 600.'))
    expect((await getTeam(author.teamId))?.categories).toBeUndefined()
    typeInto(host, `#preset-${index}-minutes`, '7')
    buttonNamed(host, 'Gem')!.click()
    const team = await vi.waitFor(async () => {
      const saved = await getTeam(author.teamId)
      expect(saved?.categories).toBeDefined()
      return saved
    })
    expect(team?.categories?.slice(0, 2)).toEqual([{ key: 'acadre', label: 'ESDH (Acadre)', active: true }, { key: 'office', label: '', active: false }])
    expect(team?.categories?.findIndex((c) => c.key === 'teams-moeder')).toBe(CATEGORIES.length - 1)
    expect(team?.presets?.at(-1)).toMatchObject({ id: 'teams-lyd-virker-ikke', label: 'Teams: lyd virker ikke', category: 'teams-moeder', minutes: 7, active: true })
    unmountAdmin()

    // The full form offers the team's categories: renamed, hidden one gone, own one there.
    const form = await mountAdmin(RequestFormView, 'superbruger', '/henvendelser/ny')
    await until(() => form.host.querySelector('#request-category option[value="teams-moeder"]') !== null)
    const options = [...form.host.querySelectorAll<HTMLOptionElement>('#request-category option')].map((o) => [o.value, o.textContent])
    expect(options).toContainEqual(['acadre', 'ESDH (Acadre)'])
    expect(options).toContainEqual(['teams-moeder', 'Teams-møder'])
    expect(options.map(([value]) => value)).not.toContain('office')
    unmountAdmin()

    // Quick-log shows the team's own preset, and logging with it uses its rules.
    const quick = await mountAdmin(RequestFormView, 'superbruger', '/henvendelser/ny?quick=1')
    await until(() => buttonNamed(quick.host, 'Teams: lyd virker ikke') !== undefined)
    buttonNamed(quick.host, 'Teams: lyd virker ikke')!.click()
    await until(() => quick.host.querySelector('form') !== null)
    expect(quick.host.querySelector<HTMLTextAreaElement>('#request-description')!.value).toBe('Teams: lyd virker ikke')
    buttonNamed(quick.host, 'Gem')!.click()
    await until(() => quick.router.currentRoute.value.name === 'home')
    const [request] = await db().requests.toArray()
    expect(request).toMatchObject({ category: 'teams-moeder', presetId: 'teams-lyd-virker-ikke' })
    const [entry] = await db().timeEntries.toArray()
    expect((entry!.end ?? 0) - entry!.start).toBe(7 * 60_000)
  })

  it('is closed to a leder', async () => {
    const { host } = await mountAdmin(CategoriesAdminView, 'leder')
    await until(() => host.textContent!.includes('Kun koordinatorer og administratorer'))
  })
})
