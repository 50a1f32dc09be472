import { afterEach, describe, expect, it } from 'vitest'
import { defineComponent, h } from 'vue'
import TemplateEditAdminView from '../../../../src/views/TemplateEditAdminView.vue'
import TemplatesAdminView from '../../../../src/views/TemplatesAdminView.vue'
import { db } from '../../../../src/db/database.ts'
import { createTemplate, saveTemplateVersion } from '../../../../src/db/templates.ts'
import { emptyDraftItem } from '../../../../src/domain/templateDraft.ts'
import { buttonNamed, mountAdmin, typeInto, unmountAdmin, until } from './mountAdmin.ts'

afterEach(unmountAdmin)

const editor = (id?: string) => defineComponent(() => () => h(TemplateEditAdminView, id ? { id } : {}))
const labels = (host: HTMLElement) => [...host.querySelectorAll<HTMLInputElement>('input[id$="-label"]')].map((i) => i.value)

describe('template admin screens', () => {
  it('lists the current templates with version, items and use', async () => {
    const { host, author } = await mountAdmin(TemplatesAdminView, 'admin')
    await createTemplate(author, { title: 'Brugertest', purpose: '', items: [{ ...emptyDraftItem(), label: 'Log ind' }] })
    await until(() => host.textContent!.includes('Brugertest'))
    expect(host.textContent).toContain('Version 1 · 1 punkter · brugt i 0 tjeklister')
  })

  it('edits title and items, reorders, and saves as the next version', async () => {
    const setup = await mountAdmin(TemplatesAdminView, 'koordinator')
    const v1 = await createTemplate(setup.author, {
      title: 'Brugertest', purpose: 'Test', items: [{ ...emptyDraftItem(), label: 'Log ind' }, { ...emptyDraftItem(), label: 'Opret sag' }],
    })
    unmountAdmin()
    const { host, router } = await mountAdmin(editor(v1.id), 'koordinator')
    await until(() => labels(host).length === 2)
    const stored = await db().checklistTemplates.count()
    expect(host.textContent).toContain('Dette er version 1')
    typeInto(host, '#template-title', 'Brugertest Acadre')
    host.querySelector<HTMLButtonElement>('#item-1-up')!.click()
    await until(() => labels(host)[0] === 'Opret sag')
    expect(document.activeElement?.id).toBe('item-0-down')
    buttonNamed(host, 'Tilføj punkt')!.click()
    await until(() => labels(host).length === 3)
    // a new item without text is explained, nothing is saved
    buttonNamed(host, 'Gem')!.click()
    await until(() => host.textContent!.includes('Skriv punktets tekst.'))
    expect(await db().checklistTemplates.count()).toBe(stored)
    typeInto(host, '#item-2-label', 'Resultat')
    const kind = host.querySelector<HTMLSelectElement>('#item-2-kind')!
    kind.value = 'choice'
    kind.dispatchEvent(new Event('change'))
    await until(() => host.querySelector('#item-2-choices') !== null)
    typeInto(host, '#item-2-choices', 'Godkendt\nIkke godkendt')
    buttonNamed(host, 'Gem')!.click()
    await until(() => router.currentRoute.value.name === 'admin-templates')
    const current = (await db().checklistTemplates.toArray()).find((t) => !t.archived && t.title.startsWith('Brugertest A'))!
    expect(current).toMatchObject({ title: 'Brugertest Acadre', version: 2 })
    expect(current.items.map((i) => [i.label, i.kind])).toEqual([['Opret sag', 'check'], ['Log ind', 'check'], ['Resultat', 'choice']])
    expect(current.items[2]!.choices).toEqual(['Godkendt', 'Ikke godkendt'])
  })

  it('a version saved elsewhere while the form is open is not replaced: the edit is offered as a new template', async () => {
    const setup = await mountAdmin(TemplatesAdminView, 'koordinator')
    const v1 = await createTemplate(setup.author, { title: 'Onboarding', purpose: '', items: [{ ...emptyDraftItem(), label: 'Postkasse' }] })
    unmountAdmin()
    const { host, router, author } = await mountAdmin(editor(v1.id), 'koordinator')
    await until(() => labels(host).length === 1)
    typeInto(host, '#template-title', 'Onboarding (min)')
    // Another koordinator's version 2 arrives (by sync) while this form is open.
    await saveTemplateVersion(author, v1.id, { title: 'Onboarding (deres)', purpose: '', items: [{ ...emptyDraftItem(), label: 'Kalender' }] })
    await until(() => host.textContent!.includes('En anden har gemt en ny version'))
    expect(host.textContent).not.toContain('Arkivér')
    buttonNamed(host, 'Gem som ny skabelon')!.click()
    await until(() => router.currentRoute.value.name === 'admin-templates')
    const live = (await db().checklistTemplates.toArray()).filter((t) => !t.archived && t.title.startsWith('Onboarding (')).map((t) => [t.title, t.version]).sort()
    expect(live).toEqual([['Onboarding (deres)', 2], ['Onboarding (min)', 1]])
  })
})
