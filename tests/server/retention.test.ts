import { expect, it } from 'vitest'
import { runRetention, runRetentionIfDue } from '../../src/server/retention/retentionJob.ts'
import { monthsBefore } from '../../src/server/retention/deadline.ts'
import { appendAudit } from '../../src/server/storage/auditLog.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'
import { describeBackends } from './support/backends.ts'
import { patchOf, putOf, useServer } from './support/harness.ts'
import { sampleRecord } from './support/records.ts'
import { dateInZone } from '../../src/domain/calendarDate.ts'
import { SimClient } from './support/simClient.ts'
import { tablesContaining } from './retentionSupport.ts'

const NOW = Date.now()
const OLD = monthsBefore(NOW, 13)
const RECENT = monthsBefore(NOW, 2)

describeBackends('deletion deadlines: the daily anonymisation job', (kind) => {
  const server = useServer(kind)

  async function setup() {
    const team = await server().team()
    const ko = await server().user('koordinator', [team])
    const sb = await server().user('superbruger', [team])
    const p = ko.actor.id
    const closed = (at: number, to = 'løst') => ({
      status: to, updatedAt: at,
      history: [{ at: OLD - 86_400_000, by: p, from: null, to: 'ny' }, { at, by: p, from: 'ny', to }],
    })
    const mutations = [
      putOf(1, 'requests', 'r-old', team, p, {
        requesterName: 'Oldsecret Olsen', description: 'oldsecret printer', resolution: 'oldsecret fixed', category: 'hardware',
        departmentId: 'dep-1', helpdeskCaseNo: 'HD-77', referrals: [{ at: OLD, from: p, to: null, note: 'oldsecret ref' }], ...closed(OLD),
      }),
      putOf(2, 'requests', 'r-outside', team, p, { requesterName: 'Oldsecret Other', description: 'oldsecret outside', ...closed(OLD, 'uden for rollen') }),
      putOf(3, 'requests', 'r-recent', team, p, { requesterName: 'Keepme Kim', description: 'keepme recent', ...closed(RECENT) }),
      putOf(4, 'requests', 'r-open', team, p, { requesterName: 'Keepme Open', description: 'keepme open', status: 'i gang', updatedAt: OLD,
        history: [{ at: OLD, by: p, from: null, to: 'i gang' }] }),
      putOf(5, 'timeEntries', 't-old', team, p, { start: OLD - 3_600_000, end: OLD, note: 'oldsecret note' }),
      putOf(6, 'timeEntries', 't-recent', team, p, { start: RECENT - 3_600_000, end: RECENT, note: 'keepme note' }),
      putOf(7, 'timeEntries', 't-running', team, p, { start: OLD, end: null, note: 'keepme running' }),
      putOf(8, 'checklistTemplates', 'tpl', team, p, { items: [
        { key: 'navn', label: 'Navn', kind: 'text', required: false },
        { key: 'valg', label: 'Valg', kind: 'choice', required: false, choices: ['a', 'b'] },
        { key: 'dato', label: 'Dato', kind: 'date', required: false },
      ] }),
      putOf(9, 'checklistRuns', 'run-old', team, p, { templateId: 'tpl', status: 'fuldført', completedAt: OLD,
        subject: { kind: 'person', refId: null, label: 'Oldsecret Ole' }, overrideReason: 'oldsecret reason' }),
      putOf(10, 'checklistAnswers', 'a-text', team, p, { runId: 'run-old', itemKey: 'navn', value: 'oldsecret answer', answeredBy: p }),
      putOf(11, 'checklistAnswers', 'a-choice', team, p, { runId: 'run-old', itemKey: 'valg', value: 'b', answeredBy: p }),
      putOf(12, 'checklistAnswers', 'a-date', team, p, { runId: 'run-old', itemKey: 'dato', value: '2024-03-01', answeredBy: p }),
      putOf(13, 'checklistRuns', 'run-open', team, p, { templateId: 'tpl', status: 'i gang', completedAt: null,
        subject: { kind: 'asset', refId: null, label: 'Printer 2' } }),
      putOf(14, 'checklistAnswers', 'a-open', team, p, { runId: 'run-open', itemKey: 'navn', value: 'keepme answer', answeredBy: p }),
      putOf(15, 'absences', 'abs-old', team, p, { note: 'oldsecret sick', updatedAt: OLD }),
      putOf(16, 'absences', 'abs-recent', team, p, { note: 'keepme holiday', updatedAt: RECENT }),
      putOf(17, 'observations', 'o-old', team, p, { text: 'oldsecret observation', status: 'gennemført', updatedAt: OLD,
        history: [{ at: OLD - 86_400_000, by: p, from: null, to: 'ny' }, { at: OLD, by: p, from: 'ny', to: 'gennemført' }] }),
      putOf(18, 'observations', 'o-open', team, p, { text: 'keepme observation', status: 'givet videre til ledelsen', updatedAt: OLD,
        history: [{ at: OLD, by: p, from: 'ny', to: 'givet videre til ledelsen' }] }),
    ]
    const put = await ko.pushOk({ clientId: 'ko-phone-01', mutations })
    // Hand-offs to IT are the server's to move on; they follow their request's deadline.
    const handOff = (id: string, extra: Record<string, unknown>) => ({ table: 'handOffs' as const, record: sampleRecord('handOffs', id, team, p, extra) })
    const loan = (id: string, extra: Record<string, unknown>) => ({ table: 'loans' as const, record: sampleRecord('loans', id, team, p, extra) })
    await writeSystemRecords(server().app.storage, [
      handOff('h-old', { requestId: 'r-old', state: 'sendt', tried: 'oldsecret tried', reasonDetail: '', updatedAt: RECENT }),
      handOff('h-open', { requestId: 'r-open', state: 'fejlet', tried: 'keepme tried', reasonDetail: 'keepme detail', updatedAt: OLD }),
      handOff('h-orphan', { requestId: 'r-gone', state: 'annulleret', tried: 'oldsecret orphan', reasonDetail: 'oldsecret detail', updatedAt: OLD }),
      // Loans of assets: the typed borrower's name follows the deadline from the return; a loan still out keeps it.
      loan('l-old', { borrowerName: 'Oldsecret Borrower', since: dateInZone(OLD - 30 * 86_400_000), until: dateInZone(OLD), returnedOn: dateInZone(OLD), returnedBy: p }),
      loan('l-recent', { borrowerName: 'Keepme Borrower', since: dateInZone(OLD), until: dateInZone(RECENT), returnedOn: dateInZone(RECENT), returnedBy: p }),
      loan('l-open', { borrowerName: 'Keepme Out', since: dateInZone(OLD - 30 * 86_400_000), until: dateInZone(OLD), returnedOn: null, updatedAt: OLD }),
    ])
    // Two devices edit the old description from the same base: the server keeps a conflict with both old texts.
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [patchOf(19, 'requests', 'r-old', { description: 'oldsecret newer' }, put.seq)] })
    const clash = await sb.pushOk({ clientId: 'sb-phone-01', mutations: [patchOf(1, 'requests', 'r-old', { description: 'oldsecret theirs' }, 1)] })
    expect(clash.conflicts).toHaveLength(1)
    return { team, ko, sb }
  }

  const recordOf = (sim: SimClient, table: string, id: string) => sim.records.get(`${table}/${id}`)!

  it('anonymises exactly the old closed records; a device pulling afterwards overwrites its copy; no old text is left', async () => {
    const { team, sb } = await setup()
    const storage = server().app.storage
    const device = new SimClient(server().app, 'sb-laptop-01', sb.cookie, sb.actor.id, team)
    await device.pull()
    expect(recordOf(device, 'requests', 'r-old').description).toBe('oldsecret newer')
    const before = device.cursor

    // sb's device has not acknowledged its conflict yet, so every pull still carries it …
    expect((await sb.pull(0)).conflicts).toMatchObject([{ field: 'description', yours: 'oldsecret theirs', theirs: 'oldsecret newer' }])
    const result = await runRetention(storage, 24, NOW)
    expect(result.anonymised).toEqual({ requests: 2, timeEntries: 1, absences: 1, checklistRuns: 1, checklistAnswers: 1, observations: 1, handOffs: 2, loans: 1 })
    // … until its values are wiped: there is nothing left to choose between.
    expect((await sb.pull(0)).conflicts).toEqual([])

    const page = await sb.pull(before)
    expect(page.records.map((r) => r.record.id).sort()).toEqual(['a-text', 'abs-old', 'h-old', 'h-orphan', 'l-old', 'o-old', 'r-old', 'r-outside', 'run-old', 't-old'])
    await device.pull()
    expect(recordOf(device, 'requests', 'r-old')).toMatchObject({
      requesterName: 'Anonymiseret', description: 'Anonymiseret', resolution: 'Anonymiseret', referrals: [{ at: OLD, note: 'Anonymiseret' }],
      status: 'løst', category: 'hardware', departmentId: 'dep-1', helpdeskCaseNo: 'HD-77', createdAt: 1000, updatedAt: OLD,
    })
    expect((recordOf(device, 'requests', 'r-old').history as unknown[]).length).toBe(2)
    expect(recordOf(device, 'requests', 'r-outside')).toMatchObject({ requesterName: 'Anonymiseret', status: 'uden for rollen' })
    expect(recordOf(device, 'timeEntries', 't-old')).toMatchObject({ note: 'Anonymiseret', start: OLD - 3_600_000, end: OLD })
    expect(recordOf(device, 'checklistRuns', 'run-old')).toMatchObject({ subject: { kind: 'person', label: 'Anonymiseret' }, overrideReason: 'Anonymiseret', completedAt: OLD })
    expect(recordOf(device, 'checklistAnswers', 'a-text').value).toBe('Anonymiseret')
    expect(recordOf(device, 'checklistAnswers', 'a-choice').value).toBe('b')
    expect(recordOf(device, 'checklistAnswers', 'a-date').value).toBe('2024-03-01')
    expect(recordOf(device, 'absences', 'abs-old').note).toBe('Anonymiseret')
    expect(recordOf(device, 'observations', 'o-old')).toMatchObject({ text: 'Anonymiseret', status: 'gennemført', kind: 'idé' })
    expect(recordOf(device, 'handOffs', 'h-old')).toMatchObject({ tried: 'Anonymiseret', reasonDetail: '', state: 'sendt', requestId: 'r-old' })
    expect(recordOf(device, 'handOffs', 'h-orphan')).toMatchObject({ tried: 'Anonymiseret', reasonDetail: 'Anonymiseret' })
    expect(recordOf(device, 'loans', 'l-old')).toMatchObject({ borrowerName: 'Anonymiseret', returnedOn: dateInZone(OLD), assetId: 'asset1' })
    for (const [table, id, field, value] of [
      ['requests', 'r-recent', 'description', 'keepme recent'], ['requests', 'r-open', 'description', 'keepme open'],
      ['timeEntries', 't-recent', 'note', 'keepme note'], ['timeEntries', 't-running', 'note', 'keepme running'],
      ['checklistAnswers', 'a-open', 'value', 'keepme answer'], ['absences', 'abs-recent', 'note', 'keepme holiday'],
      ['observations', 'o-open', 'text', 'keepme observation'], ['handOffs', 'h-open', 'tried', 'keepme tried'],
      ['handOffs', 'h-open', 'reasonDetail', 'keepme detail'],
      ['loans', 'l-recent', 'borrowerName', 'Keepme Borrower'], ['loans', 'l-open', 'borrowerName', 'Keepme Out'],
    ] as const) expect(recordOf(device, table, id)[field]).toBe(value)

    expect(await tablesContaining(storage, 'oldsecret')).toEqual([])
    expect(await tablesContaining(storage, 'keepme')).toEqual(['records.data'])
  })

  it('is idempotent: a second run rewrites nothing and hands out no sequence numbers', async () => {
    await setup()
    const storage = server().app.storage
    await runRetention(storage, 24, NOW)
    const head = async () => (await storage.db.selectFrom('sync_state').select('seq').executeTakeFirstOrThrow()).seq
    const seq = await head()
    expect((await runRetention(storage, 24, NOW + 60_000)).anonymised).toEqual({})
    expect(await head()).toBe(seq)
  })

  it('a coordinator shortening the deadline is audited and the next run uses it; a superbruger cannot change it', async () => {
    const { team, ko, sb } = await setup()
    const teamRev = (await ko.pullAll()).find((r) => r.table === 'teams')!.record.rev
    const denied = await sb.pushOk({ clientId: 'sb-phone-01', mutations: [patchOf(2, 'teams', team, { retention: { anonymiseAfterMonths: 1 } }, teamRev)] })
    expect(denied.rejected).toHaveLength(1)
    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [patchOf(20, 'teams', team, { name: 'Nyt navn' }, teamRev)] })
    const storage = server().app.storage
    expect(await storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'deadline_changed').execute()).toEqual([])

    await ko.pushOk({ clientId: 'ko-phone-01', mutations: [patchOf(21, 'teams', team, { retention: { anonymiseAfterMonths: 1 } }, teamRev)] })
    const rows = await storage.db.selectFrom('audit_log').selectAll().where('action', '=', 'deadline_changed').execute()
    expect(rows).toHaveLength(1)
    expect(rows[0]).toMatchObject({ team_id: team, actor_id: ko.actor.id, subject: team })
    expect(JSON.parse(rows[0]!.details)).toEqual({ from: { anonymiseAfterMonths: 12 }, to: { anonymiseAfterMonths: 1 } })

    const result = await runRetention(storage, 24, NOW)
    expect(result.anonymised).toMatchObject({ requests: 3, timeEntries: 2, absences: 2 })
    const records = await ko.pullAll()
    expect(records.find((r) => r.record.id === 'r-recent')!.record).toMatchObject({ description: 'Anonymiseret' })
    expect(records.find((r) => r.record.id === 'r-open')!.record).toMatchObject({ description: 'keepme open' })
  })

  it('purges audit rows past the audit deadline, records the run, and runs at most once a day', async () => {
    const storage = server().app.storage
    await appendAudit(storage.db, { teamId: null, actorId: null, action: 'export', details: { marker: 'too-old' } }, monthsBefore(NOW, 25))
    await appendAudit(storage.db, { teamId: null, actorId: null, action: 'export', details: { marker: 'kept' } }, monthsBefore(NOW, 23))
    const first = await runRetentionIfDue(storage, 24, NOW)
    expect(first).toMatchObject({ auditPurged: 1 })
    const rows = await storage.db.selectFrom('audit_log').select(['action', 'details', 'at']).orderBy('at').execute()
    expect(rows.map((r) => [r.action, JSON.parse(r.details).marker])).toEqual([['export', 'kept'], ['retention_run', undefined]])
    expect(JSON.parse(rows[1]!.details)).toEqual({ teams: 0, anonymised: {}, auditPurged: 1 })
    expect(await runRetentionIfDue(storage, 24, NOW + 3_600_000)).toBeNull()
    expect(await runRetentionIfDue(storage, 24, NOW + 24 * 3_600_000)).not.toBeNull()
  })
})
