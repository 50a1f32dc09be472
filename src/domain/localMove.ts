import type { Absence } from './records/absence.ts'
import type { Asset } from './records/asset.ts'
import type { AssetId, DepartmentId, Millis, PersonId, RequestId, TeamId, TimeEntryId, TipId } from './records/fields.ts'
import type { ChecklistAnswer } from './records/checklistAnswer.ts'
import type { ChecklistRun, ChecklistSubject } from './records/checklistRun.ts'
import type { ChecklistTemplate } from './records/checklistTemplate.ts'
import type { Department } from './records/department.ts'
import type { Request } from './records/request.ts'
import type { TimeEntry } from './records/timeEntry.ts'
import type { Tip } from './records/tip.ts'

// Moving what was logged without a sign-in into an account, as one pure plan: which records to
// store (rewritten for the account), which stay behind and why. db/moveLocalData.ts does the I/O.

/** The kinds of records a move carries over, in the order they are reported to the user. */
export const MOVE_KINDS = ['requests', 'timeEntries', 'absences', 'checklistRuns', 'assets', 'tips'] as const
export type MoveKind = (typeof MOVE_KINDS)[number]
/** How many records of each kind. */
export type MoveCounts = Readonly<Record<MoveKind, number>>
/** The tables a move writes: the kinds plus the answers that travel with their run. */
export type MoveTable = MoveKind | 'checklistAnswers'

/** What the local-only database holds (tombstones included; the plan skips them). */
export interface LocalData {
  /** The local profile's person, whose references become the account's. */
  readonly personId: PersonId | null
  readonly requests: readonly Request[]
  readonly timeEntries: readonly TimeEntry[]
  readonly absences: readonly Absence[]
  readonly checklistRuns: readonly ChecklistRun[]
  readonly checklistAnswers: readonly ChecklistAnswer[]
  readonly checklistTemplates: readonly ChecklistTemplate[]
  readonly assets: readonly Asset[]
  readonly tips: readonly Tip[]
  readonly departments: readonly Department[]
}

/** What the account's database holds that moved records are mapped onto. */
export interface AccountData {
  readonly teamId: TeamId
  readonly personId: PersonId
  readonly departments: readonly Department[]
  readonly templates: readonly ChecklistTemplate[]
  readonly assets: readonly Pick<Asset, 'id' | 'code' | 'deletedAt'>[]
  /** ISO weeks the account's person is already marked absent in. */
  readonly absenceWeeks: readonly string[]
  /** The account person's running timer, if any. */
  readonly runningTimer: TimeEntry | null
  /** Ids of local records the account already holds (moved by an earlier, interrupted move). */
  readonly existing: ReadonlySet<string>
}

/** One record to store in the account, already rewritten for it. */
export type PlannedRecord =
  | { readonly table: 'requests', readonly record: Request }
  | { readonly table: 'timeEntries', readonly record: TimeEntry }
  | { readonly table: 'absences', readonly record: Absence }
  | { readonly table: 'checklistRuns', readonly record: ChecklistRun }
  | { readonly table: 'checklistAnswers', readonly record: ChecklistAnswer }
  | { readonly table: 'assets', readonly record: Asset }
  | { readonly table: 'tips', readonly record: Tip }

/** The whole move: what to store, what may then leave the local database, what stays. */
export interface MovePlan {
  /** New records for the account (parents before the records that point at them). */
  readonly records: readonly PlannedRecord[]
  /** Local ids, per table, that leave the local database once the account's write committed. */
  readonly done: Readonly<Record<MoveTable, readonly string[]>>
  readonly moved: MoveCounts
  /** Records that stay local: runs without a matching template, assets whose code the account has. */
  readonly leftBehind: MoveCounts
  /** The account's running timer, stopped where a later-started moved timer begins. */
  readonly stopAccountTimer: { readonly id: TimeEntryId, readonly end: Millis } | null
}

const live = <T extends { deletedAt: Millis | null }>(r: T): boolean => r.deletedAt === null
const nameKey = (name: string): string => name.trim().toLocaleLowerCase('da')

/** Zero of every kind. */
export function noMoveCounts(): Record<MoveKind, number> {
  return { requests: 0, timeEntries: 0, absences: 0, checklistRuns: 0, assets: 0, tips: 0 }
}

/** The number of records in `counts`, all kinds together. */
export function totalMoveCount(counts: MoveCounts): number {
  return MOVE_KINDS.reduce((sum, kind) => sum + counts[kind], 0)
}

/** The account template a run can continue on: same title, and every answered item there with the same kind. */
function matchTemplate(run: ChecklistRun, answers: readonly ChecklistAnswer[], local: LocalData, account: AccountData): ChecklistTemplate | null {
  const own = local.checklistTemplates.find((t) => t.id === run.templateId)
  const fits = (t: ChecklistTemplate): boolean => answers.every((a) => {
    const item = t.items.find((i) => i.key === a.itemKey)
    const before = own?.items.find((i) => i.key === a.itemKey)
    return item !== undefined && (before === undefined || before.kind === item.kind)
  })
  const candidates = account.templates
    .filter((t) => live(t) && nameKey(t.title) === nameKey(run.title) && fits(t))
    .sort((a, b) => Number(a.archived) - Number(b.archived) || b.version - a.version)
  return candidates[0] ?? null
}

/** Maps a local department id to the account's department of the same name (null when it has none). */
function departmentMapper(local: readonly Department[], account: readonly Department[]): (id: string | null) => DepartmentId | null {
  const byName = new Map<string, DepartmentId>()
  for (const d of account.filter(live).sort((a, b) => a.id.localeCompare(b.id))) {
    if (!byName.has(nameKey(d.name))) byName.set(nameKey(d.name), d.id)
  }
  const names = new Map(local.filter(live).map((d) => [d.id as string, nameKey(d.name)]))
  return (id) => {
    const name = id === null ? undefined : names.get(id)
    return name === undefined ? null : byName.get(name) ?? null
  }
}

/**
 * One timer runs per person (as startTimer keeps it): of the moved running entries and the
 * account's, the latest-started keeps running and each other one ends where that one began.
 * Stops moved entries in `entries` itself; returns the account's timer to stop, if it must.
 */
function settleRunningTimers(entries: TimeEntry[], accountTimer: TimeEntry | null, now: Millis): MovePlan['stopAccountTimer'] {
  const running = [...entries.filter((e) => e.end === null), ...(accountTimer ? [accountTimer] : [])].sort((a, b) => b.start - a.start)
  let stopAccountTimer: MovePlan['stopAccountTimer'] = null
  for (const e of running.slice(1)) {
    const end = Math.max(running[0]!.start, e.start)
    if (e === accountTimer) stopAccountTimer = { id: e.id, end }
    else entries[entries.indexOf(e)] = { ...e, end, updatedAt: now }
  }
  return stopAccountTimer
}

/**
 * Plans moving the local records into the account: every record keeps its id (made on this
 * device, unknown to any server, so references between moved records stay intact) and gets the
 * account's team; references to the local person become the account's person; departments map
 * by name or become null; a run needs an account template with its title and answered items;
 * an asset whose code the account already uses stays local and references go to the account's.
 * Of two running timers the later-started keeps running and the other ends where it began.
 */
export function planLocalMove(local: LocalData, account: AccountData, now: Millis): MovePlan {
  const moved = noMoveCounts()
  const leftBehind = noMoveCounts()
  const done: Record<MoveTable, string[]> = {
    requests: [], timeEntries: [], absences: [], checklistRuns: [], checklistAnswers: [], assets: [], tips: [],
  }
  const records: PlannedRecord[] = []
  const sync = { teamId: account.teamId, createdBy: account.personId, rev: 0, deletedAt: null }
  // A record the account already holds left the local database in spirit: it is deleted here,
  // neither stored nor counted again.
  const isNew = (table: MoveTable, id: string): boolean => {
    done[table].push(id)
    return !account.existing.has(id)
  }

  const person = (id: PersonId | null): PersonId | null => (id !== null && id === local.personId ? account.personId : null)
  const department = departmentMapper(local.departments, account.departments)

  const assetIds = new Map<string, AssetId>()
  for (const a of local.assets.filter(live)) {
    const holder = account.assets.find((b) => live(b) && b.code === a.code && b.id !== a.id)
    if (holder && !account.existing.has(a.id)) {
      assetIds.set(a.id, holder.id)
      leftBehind.assets += 1
      continue
    }
    assetIds.set(a.id, a.id)
    if (!isNew('assets', a.id)) continue
    moved.assets += 1
    records.push({ table: 'assets', record: { ...a, ...sync, departmentId: department(a.departmentId) } })
  }
  const asset = (id: string | null): AssetId | null => (id === null ? null : assetIds.get(id) ?? null)

  const tipIds = new Set(local.tips.filter(live).map((t) => t.id as string))
  const requestIds = new Set(local.requests.filter(live).map((r) => r.id as string))
  for (const t of local.tips.filter(live)) {
    if (!isNew('tips', t.id)) continue
    moved.tips += 1
    records.push({ table: 'tips', record: { ...t, ...sync, requestIds: t.requestIds.filter((id) => requestIds.has(id)) } })
  }
  for (const r of local.requests.filter(live)) {
    if (!isNew('requests', r.id)) continue
    moved.requests += 1
    records.push({
      table: 'requests',
      record: {
        ...r, ...sync, departmentId: department(r.departmentId), assigneeId: person(r.assigneeId),
        assetId: asset(r.assetId), tipId: r.tipId !== null && tipIds.has(r.tipId) ? r.tipId as TipId : null,
        referrals: r.referrals.map((f) => ({ ...f, from: person(f.from), to: person(f.to) })),
        history: r.history.map((h) => ({ ...h, by: account.personId })),
      },
    })
  }

  const entries: TimeEntry[] = []
  for (const e of local.timeEntries.filter(live)) {
    if (!isNew('timeEntries', e.id)) continue
    moved.timeEntries += 1
    const requestId = e.requestId !== null && requestIds.has(e.requestId) ? e.requestId as RequestId : null
    entries.push({ ...e, ...sync, personId: account.personId, requestId })
  }
  const accountTimer = account.runningTimer !== null && !done.timeEntries.includes(account.runningTimer.id) ? account.runningTimer : null
  const stopAccountTimer = settleRunningTimers(entries, accountTimer, now)
  for (const record of entries) records.push({ table: 'timeEntries', record })

  const weeks = new Set(account.absenceWeeks)
  for (const a of local.absences.filter(live)) {
    if (!isNew('absences', a.id)) continue
    // A week the account is already absent in is covered: the local absence just leaves.
    moved.absences += 1
    if (weeks.has(a.week)) continue
    weeks.add(a.week)
    records.push({ table: 'absences', record: { ...a, ...sync, personId: account.personId } })
  }

  for (const run of local.checklistRuns.filter(live)) {
    const all = local.checklistAnswers.filter((a) => a.runId === run.id)
    const answers = all.filter(live)
    const template = account.existing.has(run.id) ? null : matchTemplate(run, answers, local, account)
    if (!template && !account.existing.has(run.id)) {
      leftBehind.checklistRuns += 1
      continue
    }
    for (const a of all) done.checklistAnswers.push(a.id)
    if (!isNew('checklistRuns', run.id) || !template) continue
    moved.checklistRuns += 1
    records.push({ table: 'checklistRuns', record: { ...run, ...sync, templateId: template.id, templateVersion: template.version, subject: subjectFor(run.subject) } })
    for (const a of answers) {
      if (!account.existing.has(a.id)) records.push({ table: 'checklistAnswers', record: { ...a, ...sync, answeredBy: account.personId } })
    }
  }

  function subjectFor(subject: ChecklistSubject): ChecklistSubject {
    const refId = subject.refId
    const mapped = subject.kind === 'request' ? (refId !== null && requestIds.has(refId) ? refId : null)
      : subject.kind === 'asset' ? asset(refId)
        : subject.kind === 'department' ? department(refId)
          : person(refId as PersonId | null)
    return { ...subject, refId: mapped }
  }

  return { records, done, moved, leftBehind, stopAccountTimer }
}
