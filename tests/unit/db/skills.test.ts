import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { createRecord } from '../../../src/db/write.ts'
import { addColleague, listSkillPeople, saveSkills, SkillsError } from '../../../src/db/skills.ts'
import { skillsOf } from '../../../src/domain/skills.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }

async function oldPerson(name: string, competences: string[]) {
  // A record as a client from before levels wrote it: names only.
  const person = await createRecord('people', author, { name, initials: '', email: '', role: 'superbruger', homeDepartmentId: null, competences }, 1000)
  await db().outbox.clear()
  await db().people.update(person.id, { rev: 7 })
  return person
}

describe('saving skills', () => {
  it('stores names and levels together and queues one patch of both, based on the revision the form showed', async () => {
    const person = await oldPerson('Anna', ['Acadre'])
    expect(skillsOf(person)).toEqual([{ name: 'Acadre', level: 'kan hjælpe' }])
    const saved = await saveSkills(person.id, [{ name: 'Acadre', level: 'ekspert' }, { name: ' ArcGIS ', level: 'kan hjælpe' }], 2000, { rev: 5, fields: {} })
    expect(saved.competences).toEqual(['Acadre', 'ArcGIS'])
    expect(skillsOf(saved)).toEqual([{ name: 'Acadre', level: 'ekspert' }, { name: 'ArcGIS', level: 'kan hjælpe' }])
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ table: 'people', recordId: person.id, op: 'patch', baseRev: 5 })
    expect(outbox[0]!.fields).toEqual({ competences: ['Acadre', 'ArcGIS'], skills: saved.skills, updatedAt: 2000 })
  })

  it('refuses a name of only spaces or a repeated one and stores nothing', async () => {
    const person = await oldPerson('Bo', ['Excel'])
    await expect(saveSkills(person.id, [{ name: '   ', level: 'ekspert' }])).rejects.toMatchObject({ name: 'SkillsError', reason: 'blank' })
    await expect(saveSkills(person.id, [{ name: 'Excel', level: 'ekspert' }, { name: 'excel', level: 'kan hjælpe' }])).rejects.toMatchObject({ reason: 'duplicate' })
    expect((await db().people.get(person.id))!.competences).toEqual(['Excel'])
    expect(await db().outbox.count()).toBe(0)
  })
})

describe('a colleague without an account', () => {
  it('is added with role null, department, initials and skills, queued as one put', async () => {
    const colleague = await addColleague(author, { name: '  Ib   Holm ', homeDepartmentId: null, skills: [{ name: 'GIS', level: 'ekspert' }] }, 3000)
    expect(colleague).toMatchObject({ name: 'Ib Holm', initials: 'IH', role: null, email: '', competences: ['GIS'], skills: [{ name: 'GIS', level: 'ekspert' }] })
    expect(await db().outbox.toArray()).toEqual([expect.objectContaining({ table: 'people', recordId: colleague.id, op: 'put' })])
    expect((await listSkillPeople(author.teamId)).map((p) => p.name)).toEqual(['Ib Holm'])
  })

  it('needs a name and good skills; nothing is stored otherwise', async () => {
    await expect(addColleague(author, { name: ' ', homeDepartmentId: null, skills: [] })).rejects.toBeInstanceOf(SkillsError)
    await expect(addColleague(author, { name: 'Ib', homeDepartmentId: null, skills: [{ name: ' ', level: 'ekspert' }] })).rejects.toMatchObject({ reason: 'blank' })
    expect(await db().people.count()).toBe(0)
    expect(await db().outbox.count()).toBe(0)
  })
})
