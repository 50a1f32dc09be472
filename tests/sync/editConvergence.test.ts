import fc from 'fast-check'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { listConflicts } from '../../src/db/conflicts.ts'
import { updateRequest } from '../../src/db/requests.ts'
import { createRecord, deleteRecord } from '../../src/db/write.ts'
import { editBaseOf, editedFields, editRevsOf, rebaseEdit, type EditBase } from '../../src/domain/editBase.ts'
import { mayDeleteRequest } from '../../src/domain/requestAccess.ts'
import { draftOf, type RequestDraft } from '../../src/domain/requestRules.ts'
import type { Request } from '../../src/domain/records/request.ts'
import { createUser } from '../../src/server/auth/users.ts'
import { describeBackends, type BackendKind } from '../server/support/backends.ts'
import { startServer, type TestServer } from '../server/support/harness.ts'
import { requestContent } from './support/content.ts'
import { Device, listen } from './support/device.ts'

// Issue #12, defect 1, as a property: three devices edit requests through edit forms (open, a sync
// lands, type, save), with random sync order, offline stretches and answers lost after the server
// applied the push. Oracle: a save never sends a field the person did not touch, the devices end
// equal to the server, and every value saved is the final value, a conflict stored on its writer's
// device, or replaced by a later save whose form showed it.

const FIELDS = ['description', 'requesterName', 'helpdeskCaseNo'] as const
type Field = (typeof FIELDS)[number]

type Action =
  | { kind: 'create'; device: number }
  | { kind: 'open'; device: number; pick: number }
  | { kind: 'type'; device: number; field: Field }
  | { kind: 'save'; device: number }
  | { kind: 'delete'; device: number; pick: number }
  | { kind: 'sync'; device: number; lose: boolean }

const device = fc.integer({ min: 0, max: 2 })
const actions: fc.Arbitrary<Action[]> = fc.array(fc.oneof(
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('create' as const), device }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('open' as const), device, pick: fc.nat(10) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('type' as const), device, field: fc.constantFrom(...FIELDS) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('save' as const), device }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), device, pick: fc.nat(10) }) },
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('sync' as const), device, lose: fc.boolean() }) },
), { minLength: 5, maxLength: 40 })

/** An open edit form: what it showed (kept up to date like the app's live query) and what was typed. */
interface Form { id: string; base: EditBase<RequestDraft>; draft: RequestDraft }

/** A value a save wrote, and whether a later save whose form showed it replaced it. */
interface Written { device: number; id: string; field: string; value: unknown; replaced: boolean }

let runs = 0
let values = 0

async function stored(d: Device, id: string): Promise<Request | undefined> {
  const r = await d.get('requests', id) as Request | undefined
  return r && r.deletedAt === null ? r : undefined
}

/** What the app's live query does for an open form after any change to the device's database. */
async function follow(d: Device, form: Form | null): Promise<Form | null> {
  if (!form) return null
  const r = await stored(d, form.id)
  if (!r) return null
  const rebased = rebaseEdit(form.base, form.draft, draftOf(r), r.rev)
  return { id: form.id, base: rebased.base, draft: rebased.draft }
}

async function scenario(server: TestServer, baseUrl: string, script: Action[]): Promise<void> {
  const teamId = await server.team()
  const devices: Device[] = []
  const forms: (Form | null)[] = [null, null, null]
  const written: Written[] = []
  try {
    for (let n = 0; n < 3; n++) {
      const email = `edit-prop-${++runs}-${n}@test.dk`
      await createUser(server.app.storage.db, { email, name: email, role: 'superbruger', teams: [teamId], password: 'pw' })
      const d = new Device(baseUrl, { pullLimit: 7, pushLimit: 5 })
      await d.signIn(email, 'pw', teamId)
      devices.push(d)
    }
    // One request everyone has, so forms on different devices often meet on the same record.
    await devices[0]!.local(() => createRecord('requests', devices[0]!.author!, requestContent({ description: `delt ${++values}` })))
    for (const d of [...devices, devices[0]!]) await d.syncOk()
    for (const a of script) {
      const d = devices[a.device]!
      if (a.kind === 'sync') {
        d.loseNextAnswer = a.lose
        await d.sync()
        d.loseNextAnswer = false
      } else if (a.kind === 'create') {
        await d.local(() => createRecord('requests', d.author!, requestContent({ description: `ny ${++values}` })))
      } else if (a.kind === 'open' || a.kind === 'delete') {
        const live = await d.live('requests')
        const target = live[a.pick % Math.max(1, live.length)]
        // As the app offers it: a superbruger deletes only a request they logged or are responsible for.
        const mayDelete = target && mayDeleteRequest('superbruger', d.author!.personId, target as unknown as Request)
        if (mayDelete && a.kind === 'delete') await d.local(() => deleteRecord('requests', String(target.id)))
        const r = target && a.kind === 'open' ? await stored(d, String(target.id)) : undefined
        if (r) forms[a.device] = { id: r.id, base: editBaseOf(draftOf(r), r.rev), draft: draftOf(r) }
      } else if (a.kind === 'type') {
        const form = forms[a.device]
        if (form) forms[a.device] = { ...form, draft: { ...form.draft, [a.field]: `${a.field} ${++values}` } }
      } else {
        const form = forms[a.device]
        forms[a.device] = null
        if (!form || !(await stored(d, form.id))) continue // the app says the request is gone
        const fields = editedFields(form.base, form.draft)
        const before = (await d.database.outbox.toArray()).map((m) => m.mutationId)
        await d.local(() => updateRequest(form.id as Request['id'], fields, d.author!.personId, Date.now(), editRevsOf(form.base)))
        const sent = (await d.database.outbox.toArray()).filter((m) => !before.includes(m.mutationId))
        // Never a field the person did not touch (updatedAt is display-only and never clashes).
        for (const m of sent) for (const key of Object.keys(m.fields)) expect([...Object.keys(fields), 'updatedAt']).toContain(key)
        for (const w of written) {
          if (w.id === form.id && Object.hasOwn(fields, w.field) && form.base.values[w.field as Field] === w.value) w.replaced = true
        }
        for (const [field, value] of Object.entries(fields)) written.push({ device: a.device, id: form.id, field, value, replaced: false })
      }
      for (let n = 0; n < 3; n++) forms[n] = await follow(devices[n]!, forms[n]!)
    }
    // The network comes back for good: everyone sends, then everyone pulls what the others sent.
    for (const d of devices) await d.syncOk()
    for (const d of devices) await d.syncOk()

    const rows = await server.app.storage.db.selectFrom('records').selectAll().where('team_id', '=', teamId).where('tbl', '=', 'requests').execute()
    const serverLive = rows.filter((r) => r.deleted_at === null).map((r) => r.id).sort()
    for (const d of devices) {
      expect(await d.outboxSize()).toBe(0)
      expect((await d.live('requests')).map((r) => String(r.id))).toEqual(serverLive)
    }
    for (const w of written) {
      const row = rows.find((r) => r.id === w.id)
      if (!row || row.deleted_at !== null || w.replaced) continue
      const final = (JSON.parse(row.data) as Record<string, unknown>)[w.field]
      if (final === w.value) continue
      const conflicts = await listConflicts(devices[w.device]!.database)
      const shown = conflicts.some((c) => c.recordId === w.id && c.field === w.field && c.yours === w.value)
      expect(shown, `${w.field} = ${String(w.value)} by device ${w.device}: neither final (${String(final)}) nor a conflict on its device`).toBe(true)
    }
    for (const d of devices) {
      for (const r of await d.live('requests')) {
        const server = JSON.parse(rows.find((row) => row.id === r.id)!.data) as Record<string, unknown>
        for (const field of FIELDS) expect(r[field], `${String(r.id)}.${field}`).toEqual(server[field])
      }
    }
  } finally {
    for (const d of devices) await d.close()
  }
}

/** Counterexamples found, kept: each failed against a form that neither followed syncs nor kept its base. */
const FOUND: Action[][] = [
  // B saves a description; A's form, open since before, is saved untouched after the sync: the old
  // form sent B's field back with its stale value.
  [{ kind: 'open', device: 1, pick: 0 }, { kind: 'type', device: 1, field: 'description' }, { kind: 'open', device: 0, pick: 0 },
    { kind: 'save', device: 1 }, { kind: 'sync', device: 1, lose: false }, { kind: 'sync', device: 0, lose: false },
    { kind: 'sync', device: 0, lose: false }, { kind: 'save', device: 0 }, { kind: 'create', device: 0 }, { kind: 'sync', device: 0, lose: false }],
]

describeBackends('property: edit forms on three devices lose no edit and send no untouched field', (kind: BackendKind) => {
  let server: TestServer
  let baseUrl: string
  beforeAll(async () => {
    server = await startServer(kind)
    baseUrl = await listen(server.app)
  })
  afterAll(async () => {
    await server.app.close()
    await server.backend.drop()
  })

  it('holds for forms open across syncs, offline saves and lost answers', async () => {
    await fc.assert(fc.asyncProperty(actions, (script) => scenario(server, baseUrl, script)), {
      numRuns: Number(process.env.SYNC_PROPERTY_RUNS ?? 40),
      examples: FOUND.map((script) => [script] as [Action[]]),
    })
  }, 600_000)
})
