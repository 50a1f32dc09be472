import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { listAbsences, markAbsent, unmarkAbsent } from '../../../src/db/absences.ts'
import type { PersonId, TeamId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const other = { teamId: 't1' as TeamId, personId: 'p2' as PersonId }

describe('absences', () => {
  it('marks a week absent once and queues it', async () => {
    const first = await markAbsent(author, '2026-W48', 'ferie')
    const again = await markAbsent(author, '2026-W48')
    expect(again.id).toBe(first.id)
    expect(first).toMatchObject({ personId: 'p1', week: '2026-W48', note: 'ferie', teamId: 't1' })
    expect(await db().outbox.toArray()).toMatchObject([{ op: 'put', table: 'absences', recordId: first.id }])
  })

  it('lists only the asked weeks of the asked person', async () => {
    await markAbsent(author, '2026-W47')
    await markAbsent(author, '2026-W52')
    await markAbsent(other, '2026-W48')
    const weeks = (await listAbsences(author.personId, ['2026-W47', '2026-W48', '2026-W49'])).map((a) => a.week)
    expect(weeks).toEqual(['2026-W47'])
    expect(await listAbsences(author.personId, [])).toEqual([])
  })

  it('unmarking makes it a net week again and queues the delete', async () => {
    const absence = await markAbsent(author, '2026-W48')
    await markAbsent(other, '2026-W48')
    await unmarkAbsent(author.personId, '2026-W48')
    expect(await listAbsences(author.personId, ['2026-W48'])).toEqual([])
    expect(await listAbsences(other.personId, ['2026-W48'])).toHaveLength(1)
    expect((await db().outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', recordId: absence.id })
    const remarked = await markAbsent(author, '2026-W48')
    expect(remarked.id).not.toBe(absence.id)
  })

  it('unmarking a week that is not absent writes nothing', async () => {
    await unmarkAbsent(author.personId, '2026-W10')
    expect(await db().outbox.count()).toBe(0)
  })
})
