import { describe, expect, it } from 'vitest'
import { db, useDatabase } from '../../../src/db/database.ts'
import { addManualEntry, deleteEntry, listEntriesForRequest, listMonth, loadMonth, logDuration, updateEntry } from '../../../src/db/timeEntries.ts'
import { getEntry, getRunningTimer, startTimer, stopTimer } from '../../../src/db/timer.ts'
import { listWeek, loadWeek } from '../../../src/db/timeWeek.ts'
import { markAbsent } from '../../../src/db/absences.ts'
import { RecordMissingError } from '../../../src/db/write.ts'
import type { PersonId, RequestId, TeamId, TimeEntryId } from '../../../src/domain/records/fields.ts'

const author = { teamId: 't1' as TeamId, personId: 'p1' as PersonId }
const other = { teamId: 't1' as TeamId, personId: 'p2' as PersonId }
const at = (m: number, d: number, h = 9, min = 0): number => new Date(2026, m - 1, d, h, min).getTime()
const H = 3_600_000
const manual = (start: number, hours: number, who = author) =>
  addManualEntry(who, { start, end: start + hours * H, activity: 'daglig hjælp', requestId: null, note: '' })

describe('timer', () => {
  it('is stored, so a reload (new Dexie instance on the same database) still finds it', async () => {
    const started = await startTimer(author, { activity: 'udvikling' }, at(11, 28, 9))
    const name = db().name
    useDatabase(name)
    await db().open()
    const running = await getRunningTimer(author.personId)
    expect(running).toMatchObject({ id: started.id, start: at(11, 28, 9), end: null, activity: 'udvikling', week: '2026-W48' })
    expect(await db().timeEntries.get(started.id)).toMatchObject({ running: 1 })
  })

  it('starting a second timer stops the first at that moment', async () => {
    const first = await startTimer(author, { activity: 'daglig hjælp' }, at(11, 28, 9))
    const second = await startTimer(author, { activity: 'videndeling', note: 'kursus' }, at(11, 28, 10))
    expect(await db().timeEntries.get(first.id)).toMatchObject({ end: at(11, 28, 10), running: 0 })
    expect(await getRunningTimer(author.personId)).toMatchObject({ id: second.id, note: 'kursus' })
    const ops = (await db().outbox.orderBy('mutationId').toArray()).map((m) => [m.op, m.recordId])
    expect(ops).toEqual([['put', first.id], ['patch', first.id], ['put', second.id]])
  })

  it('does not touch another person\'s timer', async () => {
    const theirs = await startTimer(other, { activity: 'daglig hjælp' }, at(11, 28, 8))
    await startTimer(author, { activity: 'daglig hjælp' }, at(11, 28, 9))
    expect(await getRunningTimer(other.personId)).toMatchObject({ id: theirs.id, end: null })
  })

  it('stop sets end and running = 0 and queues the patch without the local flag', async () => {
    const entry = await startTimer(author, { activity: 'daglig hjælp', requestId: 'r1' as RequestId }, at(11, 28, 9))
    const stopped = await stopTimer(entry.id, at(11, 28, 9, 45))
    expect(stopped).toMatchObject({ end: at(11, 28, 9, 45), requestId: 'r1' })
    expect(await db().timeEntries.get(entry.id)).toMatchObject({ running: 0 })
    expect(await getRunningTimer(author.personId)).toBeUndefined()
    const patch = (await db().outbox.toArray()).at(-1)
    expect(patch).toMatchObject({ op: 'patch', recordId: entry.id, fields: { end: at(11, 28, 9, 45) } })
    expect(patch?.fields).not.toHaveProperty('running')
  })

  it('stopping twice keeps the first end; stopping a missing entry throws', async () => {
    const entry = await startTimer(author, { activity: 'daglig hjælp' }, at(11, 28, 9))
    await stopTimer(entry.id, at(11, 28, 10))
    expect((await stopTimer(entry.id, at(11, 28, 11))).end).toBe(at(11, 28, 10))
    expect(await db().outbox.count()).toBe(2)
    await expect(stopTimer('nope' as TimeEntryId)).rejects.toBeInstanceOf(RecordMissingError)
  })
})

describe('entries', () => {
  it('manual entries get week and running derived and are queued', async () => {
    const entry = await manual(at(11, 29, 20), 1)
    expect(entry).toMatchObject({ week: '2026-W48', end: at(11, 29, 21), personId: 'p1' })
    expect(await db().timeEntries.get(entry.id)).toMatchObject({ running: 0 })
    expect(await db().outbox.toArray()).toMatchObject([{ op: 'put', recordId: entry.id, fields: { week: '2026-W48' } }])
  })

  it('logDuration keeps working for requests', async () => {
    await logDuration(author, { start: at(11, 2), minutes: 15, activity: 'daglig hjælp', requestId: 'r9' as RequestId, note: '' })
    expect(await listEntriesForRequest('r9' as RequestId)).toMatchObject([{ end: at(11, 2, 9, 15), week: '2026-W45' }])
  })

  it('update recomputes week from start and running from end', async () => {
    const entry = await manual(at(11, 29, 20), 1)
    await updateEntry(entry.id, { start: at(11, 30, 8), end: at(11, 30, 9) })
    expect(await db().timeEntries.get(entry.id)).toMatchObject({ week: '2026-W49', running: 0 })
    expect(await listWeek(author.personId, '2026-W48')).toEqual([])
    await updateEntry(entry.id, { end: null })
    expect(await getRunningTimer(author.personId)).toMatchObject({ id: entry.id })
    await updateEntry(entry.id, { note: 'rettet' })
    expect(await db().timeEntries.get(entry.id)).toMatchObject({ running: 1, week: '2026-W49', note: 'rettet' })
    expect(await db().outbox.count()).toBe(4)
  })

  it('correcting a forgotten timer stops it', async () => {
    const entry = await startTimer(author, { activity: 'daglig hjælp' }, at(11, 27, 14))
    await updateEntry(entry.id, { end: at(11, 27, 16) })
    expect(await getRunningTimer(author.personId)).toBeUndefined()
    expect(await getEntry(entry.id)).toMatchObject({ end: at(11, 27, 16) })
  })

  it('delete removes the entry from every list and queues a delete', async () => {
    const entry = await startTimer(author, { activity: 'daglig hjælp', requestId: 'r1' as RequestId }, at(11, 28, 9))
    await deleteEntry(entry.id)
    expect(await getEntry(entry.id)).toBeUndefined()
    expect(await getRunningTimer(author.personId)).toBeUndefined()
    expect(await listWeek(author.personId, '2026-W48')).toEqual([])
    expect(await listEntriesForRequest('r1' as RequestId)).toEqual([])
    expect((await db().outbox.toArray()).at(-1)).toMatchObject({ op: 'delete', recordId: entry.id })
  })
})

describe('week and month queries', () => {
  it('listWeek returns one person\'s week, oldest first', async () => {
    const b = await manual(at(11, 29, 20), 1)
    const a = await manual(at(11, 23, 8), 1)
    await manual(at(11, 22, 23), 1) // Sunday of week 47
    await manual(at(11, 30, 0), 1) // Monday of week 49
    await manual(at(11, 24), 1, other)
    expect((await listWeek(author.personId, '2026-W48')).map((e) => e.id)).toEqual([a.id, b.id])
  })

  it('listMonth spans the weeks whose Thursday lies in the month', async () => {
    const sunday1 = await manual(at(11, 1), 1) // week 44: October's
    const monday2 = await manual(at(11, 2), 1) // week 45
    const sunday29 = await manual(at(11, 29, 22), 1) // week 48
    const monday30 = await manual(at(11, 30), 1) // week 49: December's
    await manual(at(11, 10), 1, other)
    expect((await listMonth(author.personId, 2026, 11)).map((e) => e.id)).toEqual([monday2.id, sunday29.id])
    expect((await listMonth(author.personId, 2026, 10)).map((e) => e.id)).toEqual([sunday1.id])
    expect((await listMonth(author.personId, 2026, 12)).map((e) => e.id)).toEqual([monday30.id])
  })

  it('loadWeek and loadMonth bring absences and the default band when the team is unknown', async () => {
    await manual(at(11, 24), 2)
    await markAbsent(author, '2026-W47')
    expect(await loadWeek(author, '2026-W47')).toMatchObject({ entries: [], absent: true, band: { minHours: 3, maxHours: 4 } })
    expect((await loadWeek(author, '2026-W48')).absent).toBe(false)
    const month = await loadMonth(author, { year: 2026, month: 11 })
    expect([...month.absentWeeks]).toEqual(['2026-W47'])
    expect(month.entries).toHaveLength(1)
  })

  it('the week query reads by index: none of 20 000 other entries is read', async () => {
    const base = { teamId: 't1', createdAt: 0, createdBy: 'p1', updatedAt: 0, rev: 0, deletedAt: null, activity: 'daglig hjælp', requestId: null, note: '', running: 0 }
    const rows = Array.from({ length: 20_000 }, (_, i) => {
      const start = at(1, 1) + i * 3 * H
      return { ...base, id: `e${i}`, personId: i % 2 ? 'p1' : 'p2', start, end: start + H, week: `x${i % 300}` }
    })
    await db().timeEntries.bulkAdd(rows as never)
    const mine = await manual(at(11, 24), 1)
    const spy = { scanned: 0 }
    db().timeEntries.hook('reading', (e) => { spy.scanned += 1; return e })
    expect((await listWeek(author.personId, '2026-W48')).map((e) => e.id)).toEqual([mine.id])
    expect(spy.scanned).toBe(1)
  }, 30_000) // storing the 20 000 rows takes 1.5 s alone and over 5 s on a busy machine; what counts is the rows read
})
