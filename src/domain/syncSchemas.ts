// The sync protocol's requests as the server parses them: a push (each mutation checked against
// its table's put or patch schema, see records/syncTables.ts), a pull's query and a conflict
// acknowledgement.
import * as v from 'valibot'
import { count, id, millis } from './records/fieldSchemas.ts'
import { patchSchema, putSchema, SYNC_TABLES } from './records/syncTables.ts'
import {
  DEFAULT_PULL_LIMIT, MAX_MUTATIONS_PER_PUSH, MAX_PULL_LIMIT, MAX_SEEN_CONFLICTS, type ConflictsSeenRequest, type PushRequest,
} from './protocol.ts'

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
    const result = v.safeParse(op === 'put' ? putSchema(table) : patchSchema(table), fields)
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
