import * as v from 'valibot'
import {
  ACTIVITIES, ASSET_TYPES, CAMPAIGN_STATUSES, CHANNELS, HANDOFF_CHANNELS, HANDOFF_STATES, ITEM_KINDS, OBSERVATION_KINDS, OBSERVATION_STATUSES, OWNERS,
  RECURRENCE_SCOPES, RECURRENCE_UNITS, REQUEST_STATUSES, ROLES, SKILL_LEVELS, SUBJECT_KINDS,
  SYNC_TABLES, type ContentOf, type SyncTableName, type SyncTables,
} from './types.ts'
import { MAX_RECURRENCE_EVERY } from './recurrenceRule.ts'
import {
  DEFAULT_PULL_LIMIT, MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT, MAX_SEEN_CONFLICTS, type ConflictsSeenRequest, type PushRequest,
} from './protocol.ts'
import { MAX_PATTERN_LENGTH } from './namingPattern.ts'
import { isPhotoHash, MAX_PHOTOS_PER_RECORD, PHOTO_MAX_BYTES } from './photos.ts'
import { areValidNamingPatterns, MAX_EXAMPLE, MAX_EXAMPLES, MAX_EXPLANATION, MAX_NAMING_PATTERNS, MAX_RULE_NAME } from './namingRules.ts'

/** Longest id the server accepts (UUIDv7 needs 36). */
export const MAX_ID_LENGTH = 64
/** Longest one-line text (names, titles, codes). */
export const MAX_SHORT_TEXT = 500
/** Longest free text (descriptions, notes, tip bodies). */
export const MAX_LONG_TEXT = 50_000

const RUN_STATUSES = ['i gang', 'fuldført', 'annulleret'] as const
/** Most testers one campaign may have. */
export const MAX_CAMPAIGN_TESTERS = 500

/** A UTF-16 surrogate standing alone (no character): the databases cannot store it as text. */
const LONE_SURROGATE = /\p{Cs}/u
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH), v.check((s) => !LONE_SURROGATE.test(s), 'id must be valid Unicode text'))
const optId = v.nullable(id)
const short = v.pipe(v.string(), v.maxLength(MAX_SHORT_TEXT))
const long = v.pipe(v.string(), v.maxLength(MAX_LONG_TEXT))
const millis = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(8.64e15))
const count = v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(Number.MAX_SAFE_INTEGER))
const week = v.pipe(v.string(), v.regex(/^\d{4}-W\d{2}$/))
const isoDate = v.pipe(v.string(), v.regex(/^\d{4}-\d{2}-\d{2}$/))
const hours = v.pipe(v.number(), v.minValue(0), v.maxValue(168))
const band = v.pipe(v.strictObject({ minHours: hours, maxHours: hours }), v.check((b) => b.minHours <= b.maxHours, 'minHours must not exceed maxHours'))
const listOf = <T extends v.GenericSchema>(item: T, max: number) => v.pipe(v.array(item), v.maxLength(max))
/** Category keys and preset ids: built-in ones, or lower-case keys a team made from a label. */
const listKey = v.pipe(v.string(), v.regex(/^[a-zA-Z0-9][a-zA-Z0-9-]{0,47}$/))
const teamCategory = v.strictObject({ key: listKey, label: short, active: v.boolean() })
const teamPreset = v.strictObject({
  id: listKey, label: short, category: listKey, minutes: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(600)),
  activity: v.picklist(ACTIVITIES), owner: v.picklist(OWNERS), status: v.picklist(REQUEST_STATUSES), active: v.boolean(),
})

/** A team's naming rules: each shaped like NamingPattern, and together what the editor may save. */
const namingPatterns = v.pipe(
  listOf(v.strictObject({
    id: listKey, name: v.pipe(v.string(), v.maxLength(MAX_RULE_NAME)), pattern: v.pipe(v.string(), v.maxLength(MAX_PATTERN_LENGTH)),
    explanation: v.pipe(v.string(), v.maxLength(MAX_EXPLANATION)), examples: listOf(v.pipe(v.string(), v.maxLength(MAX_EXAMPLE)), MAX_EXAMPLES),
  }), MAX_NAMING_PATTERNS),
  v.check((list) => areValidNamingPatterns(list), 'naming patterns must be named uniquely and parse'),
)

/** A record's photo list: each a content hash with its size; the images travel by /api/photos. */
const pixels = v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(100_000))
const photos = v.optional(listOf(v.strictObject({
  hash: v.pipe(v.string(), v.check(isPhotoHash, 'a photo hash is 64 lower-case hex digits')),
  width: pixels, height: pixels, bytes: v.pipe(count, v.maxValue(PHOTO_MAX_BYTES)), takenAt: millis,
}), MAX_PHOTOS_PER_RECORD))

type Entries<N extends SyncTableName> = { readonly [K in keyof ContentOf<SyncTables[N]>]-?: v.GenericSchema }

/** Content fields a client may send per table: names and types of domain/types.ts. */
const CONTENT = {
  teams: {
    name: short,
    budget: band,
    budgetOverrides: v.optional(listOf(v.pipe(v.strictObject({ personId: id, minHours: hours, maxHours: hours }), v.check((b) => b.minHours <= b.maxHours, 'minHours must not exceed maxHours')), 500)),
    retention: v.strictObject({ anonymiseAfterMonths: v.pipe(count, v.maxValue(1200)) }),
    categories: v.optional(listOf(teamCategory, 200)),
    presets: v.optional(listOf(teamPreset, 200)),
    namingPatterns: v.optional(namingPatterns),
  },
  people: {
    name: short, initials: v.pipe(v.string(), v.maxLength(10)), email: v.pipe(v.string(), v.maxLength(254)),
    role: v.nullable(v.picklist(ROLES)), homeDepartmentId: optId, competences: listOf(short, 200),
    // Old clients send only `competences`; a new one also sends the levels.
    skills: v.optional(listOf(v.strictObject({ name: v.pipe(short, v.check((s) => s.trim() !== '', 'a skill needs a name')), level: v.picklist(SKILL_LEVELS) }), 200)),
  },
  departments: { name: short, location: short },
  requests: {
    requesterName: short, departmentId: optId, channel: v.picklist(CHANNELS), category: listKey,
    presetId: optId, description: long, status: v.picklist(REQUEST_STATUSES), owner: v.picklist(OWNERS),
    assigneeId: optId,
    referrals: listOf(v.strictObject({ at: millis, from: optId, to: optId, note: long }), 200),
    history: listOf(v.strictObject({
      at: millis, by: id, from: v.nullable(v.picklist(REQUEST_STATUSES)), to: v.picklist(REQUEST_STATUSES),
    }), 1000),
    assetId: optId, helpdeskCaseNo: short, resolution: long, tipId: optId, photos,
    // Derived search words are local to the device; the client strips them before pushing.
    words: v.never(),
  },
  timeEntries: {
    personId: id, start: millis, end: v.nullable(millis), activity: v.picklist(ACTIVITIES),
    requestId: optId, note: long, week,
  },
  absences: { personId: id, week, note: long },
  checklistTemplates: {
    title: short, purpose: long, version: v.pipe(count, v.minValue(1)), archived: v.boolean(),
    items: listOf(v.strictObject({
      key: short, label: short, kind: v.picklist(ITEM_KINDS), required: v.boolean(),
      help: v.optional(long), choices: v.optional(listOf(short, 100)), schedulesNext: v.optional(v.boolean()),
    }), 500),
    recurrence: v.optional(v.nullable(v.strictObject({
      every: v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(MAX_RECURRENCE_EVERY)),
      unit: v.picklist(RECURRENCE_UNITS), scope: v.picklist(RECURRENCE_SCOPES), startDate: isoDate, seriesId: id,
    }))),
  },
  checklistRuns: {
    templateId: id, templateVersion: v.pipe(count, v.minValue(1)), title: short,
    subject: v.strictObject({ kind: v.picklist(SUBJECT_KINDS), refId: optId, label: short }),
    status: v.picklist(RUN_STATUSES), dueDate: v.nullable(isoDate), completedAt: v.nullable(millis),
    overrideReason: long, campaignId: v.optional(optId),
  },
  checklistAnswers: {
    runId: id, itemKey: short, answeredBy: id,
    value: v.nullable(v.union([v.boolean(), long, v.pipe(v.number(), v.finite())])),
  },
  assets: {
    code: v.pipe(v.string(), v.minLength(1), v.maxLength(32)), type: v.picklist(ASSET_TYPES), name: short,
    model: short, serial: short, building: short, floor: short, room: short, departmentId: optId,
    notes: long, retiredAt: v.nullable(millis), photos, forLoan: v.optional(v.boolean()),
  },
  tips: {
    title: short, body: long, tags: listOf(short, 50), category: v.nullable(listKey),
    requestIds: listOf(id, 500), public: v.optional(v.boolean()), photos,
  },
  tipReads: { tipId: id, personId: id },
  observations: {
    departmentId: optId, kind: v.picklist(OBSERVATION_KINDS), text: v.pipe(long, v.check((s) => s.trim() !== '', 'empty')),
    status: v.picklist(OBSERVATION_STATUSES),
    history: listOf(v.strictObject({ at: millis, by: id, from: v.nullable(v.picklist(OBSERVATION_STATUSES)), to: v.picklist(OBSERVATION_STATUSES) }), 200),
  },
  handOffs: {
    requestId: id, channel: v.picklist(HANDOFF_CHANNELS), tried: long, state: v.picklist(HANDOFF_STATES),
    reason: v.nullable(short), reasonDetail: short, externalNumber: short, sentAt: v.nullable(millis), itClosedAt: v.nullable(millis),
  },
  loans: {
    assetId: id, borrowerId: optId, borrowerName: short, departmentId: optId,
    since: isoDate, until: isoDate, returnedOn: v.nullable(isoDate), returnedBy: optId,
  },
  campaigns: {
    name: v.pipe(short, v.check((s) => s.trim() !== '', 'a campaign needs a name')),
    templateId: id, templateVersion: v.pipe(count, v.minValue(1)),
    testers: v.pipe(listOf(id, MAX_CAMPAIGN_TESTERS), v.minLength(1, 'a campaign needs at least one tester'),
      v.check((list) => new Set(list).size === list.length, 'each tester once')),
    deadline: isoDate, status: v.picklist(CAMPAIGN_STATUSES), closedAt: v.nullable(millis),
  },
} satisfies { readonly [N in SyncTableName]: Entries<N> }

/** Sync fields a `put` carries; the server overrides `rev`, `createdBy` and `deletedAt`. */
const SYNC_ENTRIES = {
  id, teamId: id, createdAt: millis, createdBy: id, updatedAt: millis, rev: count, deletedAt: v.null(),
}

function withoutLocal(entries: Record<string, v.GenericSchema>): Record<string, v.GenericSchema> {
  return Object.fromEntries(Object.entries(entries).filter(([, schema]) => schema.type !== 'never'))
}

function perTable(make: (table: SyncTableName) => v.GenericSchema): Record<SyncTableName, v.GenericSchema> {
  const out = {} as Record<SyncTableName, v.GenericSchema>
  for (const table of SYNC_TABLES) out[table] = make(table)
  return out
}

const PUT_SCHEMAS = perTable((table) => v.strictObject({ ...SYNC_ENTRIES, ...withoutLocal(CONTENT[table]) }))
const PATCH_SCHEMAS = perTable((table) => v.partial(v.strictObject({ ...withoutLocal(CONTENT[table]), updatedAt: millis })))

/** Content field names of a table (what a patch may change). */
export function contentFields(table: SyncTableName): readonly string[] {
  return Object.keys(withoutLocal(CONTENT[table]))
}

/** Schema of the fields of a `put` (the whole record) for one table; unknown fields are rejected. */
export function putSchema(table: SyncTableName): v.GenericSchema {
  return PUT_SCHEMAS[table]
}

/** Schema of the fields of a `patch` for one table: any subset of content fields plus updatedAt. */
export function patchSchema(table: SyncTableName): v.GenericSchema {
  return PATCH_SCHEMAS[table]
}

const MutationSchema = v.pipe(
  v.strictObject({
    mutationId: v.pipe(count, v.minValue(1)),
    table: v.picklist(SYNC_TABLES),
    recordId: id,
    op: v.picklist(['put', 'patch', 'delete']),
    fields: v.record(v.string(), v.unknown()),
    baseRev: count,
    at: millis,
  }),
  v.rawCheck(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    const { table, op, fields, recordId } = dataset.value
    if (op === 'delete') {
      if (Object.keys(fields).length > 0) addIssue({ message: 'a delete carries no fields', path: pathTo(dataset.value, 'fields') })
      return
    }
    const result = v.safeParse(op === 'put' ? PUT_SCHEMAS[table] : PATCH_SCHEMAS[table], fields)
    for (const issue of result.issues ?? []) {
      addIssue({ message: issue.message, path: [...pathTo(dataset.value, 'fields'), ...(issue.path ?? [])] })
    }
    if (op === 'put' && fields.id !== recordId) addIssue({ message: 'fields.id must equal recordId' })
  }),
)

function pathTo(input: Record<string, unknown>, key: string): [v.IssuePathItem, ...v.IssuePathItem[]] {
  return [{ type: 'object', origin: 'value', input, key, value: input[key] }]
}

/** Validates a whole push: structure, per-table fields, limits and strictly increasing mutation ids. */
export const PushRequestSchema = v.strictObject({
  clientId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{8,64}$/, 'clientId must be 8–64 letters, digits, - or _')),
  mutations: v.pipe(
    v.array(MutationSchema),
    v.maxLength(MAX_MUTATIONS_PER_PUSH, `at most ${MAX_MUTATIONS_PER_PUSH} mutations per push`),
    v.check((list) => list.every((m, i) => i === 0 || m.mutationId > list[i - 1]!.mutationId),
      'mutation ids must be strictly increasing'),
  ),
})

/** Validates the query of a pull; cursor and limit arrive as strings. */
export const PullQuerySchema = v.strictObject({
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number)), '0'),
  limit: v.optional(v.pipe(v.string(), v.regex(/^\d{1,4}$/), v.transform(Number),
    v.minValue(1), v.maxValue(MAX_PULL_LIMIT)), String(DEFAULT_PULL_LIMIT)),
  base: v.optional(v.pipe(v.string(), v.regex(/^\d{1,15}$/), v.transform(Number))),
})

/** Validates an acknowledgement of stored conflicts: their ids, at most MAX_SEEN_CONFLICTS. */
export const ConflictsSeenSchema = v.strictObject({
  ids: v.pipe(v.array(id), v.maxLength(MAX_SEEN_CONFLICTS, `at most ${MAX_SEEN_CONFLICTS} ids`)),
})

/** A parse that either gives the typed value or one readable reason naming the first bad paths. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string }

function parseWith<T>(schema: v.GenericSchema, input: unknown): Parsed<T> {
  const result = v.safeParse(schema, input)
  if (result.success) return { ok: true, value: result.output as T }
  const reasons = result.issues.slice(0, 5).map((issue) => {
    const path = v.getDotPath(issue)
    return path ? `${path}: ${issue.message}` : issue.message
  })
  return { ok: false, reason: reasons.join('; ') }
}

/** Parses a push body; nothing of an invalid push may be applied. */
export function parsePushRequest(input: unknown): Parsed<PushRequest> {
  return parseWith<PushRequest>(PushRequestSchema, input)
}

/** Parses the query string of a pull into numbers within the limits. */
export function parsePullQuery(input: unknown): Parsed<{ cursor: number; limit: number; base?: number }> {
  return parseWith(PullQuerySchema, input)
}

/** Parses the body of a conflict acknowledgement. */
export function parseConflictsSeen(input: unknown): Parsed<ConflictsSeenRequest> {
  return parseWith<ConflictsSeenRequest>(ConflictsSeenSchema, input)
}
