import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import { PEOPLE_QUERY_MAX, PEOPLE_QUERY_MIN } from '../../domain/privacyProtocol.ts'
import { MAX_ID_LENGTH } from '../../domain/records/fields.ts'
import { appendAudit } from '../storage/auditLog.ts'
import type { SessionGuard } from '../auth/guard.ts'
import type { Actor } from '../auth/users.ts'
import { ApiError } from '../errors.ts'
import { eraseRecords, exportSummary } from '../retention/erasure.ts'
import { peopleDataCsv, peopleDataJson, type ExportedPhoto } from '../retention/peopleExport.ts'
import { photoHashesOf, type PhotoRef } from '../../domain/photos.ts'
import { loadPhoto } from '../storage/photos.ts'
import { findPeopleData, groupHits } from '../retention/peopleSearch.ts'
import type { Storage } from '../storage/storage.ts'

/** Hits one search answer holds; the export and an erasure see every hit. */
const SEARCH_LIMIT = 2000
const ALL = Number.MAX_SAFE_INTEGER
/** Most record ids one erasure may name. */
const MAX_RECORD_IDS = 10_000

const q = v.pipe(v.string(), v.trim(), v.minLength(PEOPLE_QUERY_MIN), v.maxLength(PEOPLE_QUERY_MAX))
const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH))
const SearchQuery = v.strictObject({ q, teamId: v.optional(id) })
const ExportQuery = v.strictObject({ q, format: v.picklist(['json', 'csv']), teamId: v.optional(id) })
const AnonymiseBody = v.strictObject({ q, recordIds: v.pipe(v.array(id), v.minLength(1), v.maxLength(MAX_RECORD_IDS)), teamId: v.optional(id) })

function parse<S extends v.GenericSchema>(schema: S, input: unknown, code: 'invalid_query' | 'invalid_body'): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input)
  if (!parsed.success) throw new ApiError(400, code, v.summarize(parsed.issues))
  return parsed.output
}

/** Only a koordinator or admin handles access and erasure requests, and only in their own teams. */
function teamsFor(actor: Actor, teamId: string | undefined): string[] {
  if (actor.role !== 'koordinator' && actor.role !== 'admin') throw new ApiError(403, 'forbidden')
  if (teamId === undefined) return [...actor.teams]
  if (!actor.teams.includes(teamId)) throw new ApiError(403, 'forbidden')
  return [teamId]
}

/**
 * /api/people-data: for a person's access or erasure request, a koordinator (or admin) finds every
 * record of their teams that names the person, downloads them (JSON or CSV) and anonymises them.
 * Exports and erasures are audited with counts and ids, never with the searched name.
 */
export function registerPeopleDataRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  app.get('/api/people-data/search', async (request, reply) => {
    const actor = await guard.require(request)
    const query = parse(SearchQuery, request.query, 'invalid_query')
    const teams = teamsFor(actor, query.teamId)
    const { hits, truncated } = await findPeopleData(storage.db, teams, query.q, SEARCH_LIMIT)
    reply.header('cache-control', 'no-store')
    return groupHits(query.q, hits, truncated)
  })

  app.get('/api/people-data/export', async (request, reply) => {
    const actor = await guard.require(request)
    const query = parse(ExportQuery, request.query, 'invalid_query')
    const teams = teamsFor(actor, query.teamId)
    const now = Date.now()
    const { hits } = await findPeopleData(storage.db, teams, query.q, ALL)
    for (const teamId of teams) {
      const own = hits.filter((hit) => hit.teamId === teamId)
      await appendAudit(storage.db, { teamId, actorId: actor.id, action: 'export', details: { format: query.format, records: own.length, byTable: exportSummary(own) }, ip: request.ip }, now)
    }
    const day = new Date(now).toISOString().slice(0, 10)
    reply.header('cache-control', 'no-store')
    reply.header('content-disposition', `attachment; filename="personoplysninger-${day}.${query.format}"`)
    if (query.format === 'csv') return reply.type('text/csv; charset=utf-8').send(peopleDataCsv(hits))
    const photos: ExportedPhoto[] = []
    for (const hash of photoHashesOf(hits.map((hit) => hit.record as { photos?: readonly PhotoRef[] }))) {
      const photo = await loadPhoto(storage.db, [...new Set(hits.map((hit) => hit.teamId))], hash)
      if (photo) photos.push({ hash, contentType: photo.contentType, base64: photo.data.toString('base64') })
    }
    return reply.type('application/json; charset=utf-8').send(peopleDataJson(query.q, hits, now, photos))
  })

  app.post('/api/people-data/anonymise', { bodyLimit: 1024 * 1024 }, async (request) => {
    const actor = await guard.require(request)
    const body = parse(AnonymiseBody, request.body, 'invalid_body')
    const teams = teamsFor(actor, body.teamId)
    const { hits } = await findPeopleData(storage.db, teams, body.q, ALL)
    const result = await eraseRecords(storage, actor, hits, body.recordIds, request.ip)
    request.log.info({ userId: actor.id, anonymised: result.anonymised, skipped: result.skipped.length }, 'people data anonymised')
    return result
  })
}
