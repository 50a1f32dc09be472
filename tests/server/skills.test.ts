import { expect, it } from 'vitest'
import { skillsOf } from '../../src/domain/skills.ts'
import type { Person } from '../../src/domain/records/person.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'

describeBackends('skills with levels: old and new clients, who may change whose', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const koordinator = await server().user('koordinator', [team])
    const anne = await server().user('superbruger', [team])
    const bo = await server().user('superbruger', [team])
    // Anne's person record as the server wrote it before levels existed: names only.
    const rev = await writeSystemRecords(server().app.storage, [
      { table: 'people', record: sampleRecord('people', anne.actor.id, team, 'system', { name: 'Anne', competences: ['Acadre'] }) },
    ])
    const personOf = async (id: string) => (await bo.pullAll()).find((r) => r.record.id === id)!.record as unknown as Person
    return { team, koordinator, anne, bo, rev, personOf }
  }

  it('reads an old record as "kan hjælpe"; a person saves own levels, which every device then reads', async () => {
    const { anne, rev, personOf } = await setup()
    expect(skillsOf(await personOf(anne.actor.id))).toEqual([{ name: 'Acadre', level: 'kan hjælpe' }])
    const saved = await anne.pushOk({ clientId: 'anne-dev-1', mutations: [patchOf(1, 'people', anne.actor.id, {
      competences: ['Acadre', 'ArcGIS'], skills: [{ name: 'Acadre', level: 'ekspert' }, { name: 'ArcGIS', level: 'kan hjælpe' }],
    }, rev)] })
    expect(saved.rejected).toEqual([])
    expect(saved.conflicts).toEqual([])
    expect(skillsOf(await personOf(anne.actor.id))).toEqual([{ name: 'Acadre', level: 'ekspert' }, { name: 'ArcGIS', level: 'kan hjælpe' }])
  })

  it('an old client that changes only the names is obeyed, and the levels it does not know stay', async () => {
    const { anne, rev, personOf } = await setup()
    const saved = await anne.pushOk({ clientId: 'anne-dev-1', mutations: [patchOf(1, 'people', anne.actor.id, {
      competences: ['Acadre', 'ArcGIS'], skills: [{ name: 'Acadre', level: 'ekspert' }, { name: 'ArcGIS', level: 'ekspert' }],
    }, rev)] })
    await anne.pushOk({ clientId: 'anne-old-1', mutations: [patchOf(1, 'people', anne.actor.id, { competences: ['Acadre', 'Excel'] }, saved.seq)] })
    expect(skillsOf(await personOf(anne.actor.id))).toEqual([{ name: 'Acadre', level: 'ekspert' }, { name: 'Excel', level: 'kan hjælpe' }])
  })

  it("a superbruger may not change another person's skills nor add a colleague; the koordinator may do both", async () => {
    const { team, koordinator, anne, bo, rev, personOf } = await setup()
    const skills = { competences: ['Office'], skills: [{ name: 'Office', level: 'ekspert' }] }
    const refused = await bo.pushOk({ clientId: 'bo-dev-0001', mutations: [
      patchOf(1, 'people', anne.actor.id, skills, rev),
      putOf(2, 'people', 'colleague-by-bo', team, bo.actor.id, { name: 'Ib', role: null, ...skills }),
    ] })
    expect(refused.rejected.map((r) => r.reason)).toEqual(['forbidden', 'forbidden'])
    const allowed = await koordinator.pushOk({ clientId: 'koord-dev-1', mutations: [
      patchOf(2, 'people', anne.actor.id, skills, rev),
      putOf(3, 'people', 'colleague', team, koordinator.actor.id, { name: 'Ib Kortlægger', email: '', role: null, competences: ['GIS'], skills: [{ name: 'GIS', level: 'ekspert' }] }),
    ] })
    expect(allowed.rejected).toEqual([])
    expect(skillsOf(await personOf(anne.actor.id))).toEqual([{ name: 'Office', level: 'ekspert' }])
    const colleague = await personOf('colleague')
    expect(colleague).toMatchObject({ name: 'Ib Kortlægger', role: null })
    expect(skillsOf(colleague)).toEqual([{ name: 'GIS', level: 'ekspert' }])
    expect((await bo.pullAll()).some((r) => r.record.id === 'colleague-by-bo')).toBe(false)
  })

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a skill name of only spaces', { skills: [{ name: '   ', level: 'ekspert' }] }, /fields\.skills\.0\.name/],
    ['an unknown level', { skills: [{ name: 'GIS', level: 'guru' }] }, /fields\.skills\.0\.level/],
  ])('refuses %s, storing nothing', async (_name, fields, path) => {
    const { anne, rev, personOf } = await setup()
    const response = await anne.push({ clientId: 'anne-dev-1', mutations: [patchOf(1, 'people', anne.actor.id, fields, rev)] })
    expect(response.statusCode).toBe(400)
    expect(response.json().details).toMatch(path)
    expect(skillsOf(await personOf(anne.actor.id))).toEqual([{ name: 'Acadre', level: 'kan hjælpe' }])
  })
})
