import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { NamingPatternsError, saveNamingPatterns } from '../../../src/db/namingPatterns.ts'
import { ensureProfile, getTeam } from '../../../src/db/profile.ts'
import { editBaseOf } from '../../../src/domain/editBase.ts'
import type { NamingPatternDraft } from '../../../src/domain/namingRules.ts'

const building: NamingPatternDraft = { id: '', name: ' Byggesag ', pattern: '{Emne} – {Adresse}', explanation: '', examples: 'Carport – Skovvej 3' }

describe('saving naming rules', () => {
  it('stores the cleaned rules on the team and queues one patch of that field only', async () => {
    const { teamId } = await ensureProfile()
    await saveNamingPatterns(teamId, [building], 1000)
    expect((await getTeam(teamId))?.namingPatterns).toEqual([
      { id: 'byggesag', name: 'Byggesag', pattern: '{Emne} – {Adresse}', explanation: '', examples: ['Carport – Skovvej 3'] },
    ])
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ table: 'teams', recordId: teamId, op: 'patch', baseRev: 0 })
    expect(Object.keys(outbox[0]!.fields).sort()).toEqual(['namingPatterns', 'updatedAt'])
  })

  it('refuses rules with problems, keeps nothing and queues nothing', async () => {
    const { teamId } = await ensureProfile()
    const error = await saveNamingPatterns(teamId, [building, { ...building, name: 'byggesag', pattern: '{Emne' }]).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NamingPatternsError)
    expect((error as NamingPatternsError).problems.map((p) => p.field)).toEqual(['name', 'pattern'])
    expect((await getTeam(teamId))?.namingPatterns).toBeUndefined()
    expect(await db().outbox.count()).toBe(0)
  })

  it('with the base the editor opened on, an unchanged list is not queued, and a changed one is based on that revision', async () => {
    const { teamId } = await ensureProfile()
    const saved = await saveNamingPatterns(teamId, [building])
    await db().outbox.clear()
    await db().teams.update(teamId, { rev: 7 })
    const opened = editBaseOf({ namingPatterns: saved.namingPatterns ?? [] }, 5)
    await saveNamingPatterns(teamId, [{ ...building, id: 'byggesag', name: 'Byggesag' }], 2000, opened)
    expect(await db().outbox.count()).toBe(0)
    await saveNamingPatterns(teamId, [{ ...building, id: 'byggesag', name: 'Byggesag', examples: 'Ny' }], 3000, opened)
    expect((await db().outbox.toArray()).map((m) => ({ base: m.baseRev, fields: Object.keys(m.fields).sort() })))
      .toEqual([{ base: 5, fields: ['namingPatterns', 'updatedAt'] }])
  })

  it('masks a CPR number in an example before it is stored or queued', async () => {
    const { teamId } = await ensureProfile()
    await saveNamingPatterns(teamId, [{ ...building, examples: 'Personalesag – 150530-4000' }])
    const stored = JSON.stringify((await getTeam(teamId))?.namingPatterns)
    expect(stored).not.toContain('150530-4000')
    expect(JSON.stringify((await db().outbox.toArray())[0]?.fields)).not.toContain('150530-4000')
  })
})
