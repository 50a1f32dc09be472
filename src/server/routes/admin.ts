import type { FastifyInstance } from 'fastify'
import * as v from 'valibot'
import type { AdminPeopleResponse, InviteResponse, PersonChangeResponse } from '../../domain/adminProtocol.ts'
import { MAX_ID_LENGTH } from '../../domain/records/fields.ts'
import { ROLES } from '../../domain/records/person.ts'
import { requireManager } from '../admin/access.ts'
import { changePerson } from '../admin/changePerson.ts'
import { invitePerson } from '../admin/invite.ts'
import { listTeamPeople } from '../admin/people.ts'
import type { SessionGuard } from '../auth/guard.ts'
import { ApiError } from '../errors.ts'
import type { Storage } from '../storage/storage.ts'

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_ID_LENGTH))
const role = v.picklist(ROLES)

const ListQuery = v.strictObject({ teamId: id })
const PersonParams = v.strictObject({ id })
const InviteBody = v.strictObject({
  teamId: id,
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(200)),
  email: v.pipe(v.string(), v.trim(), v.maxLength(254), v.email()),
  role,
  initials: v.optional(v.pipe(v.string(), v.trim(), v.maxLength(10), v.toUpperCase())),
})
const ChangeBody = v.pipe(
  v.strictObject({ role: v.optional(role), disabled: v.optional(v.boolean()) }),
  v.check((body) => body.role !== undefined || body.disabled !== undefined, 'give role or disabled'),
)

function parse<S extends v.GenericSchema>(schema: S, input: unknown, code: 'invalid_body' | 'invalid_query'): v.InferOutput<S> {
  const parsed = v.safeParse(schema, input)
  if (!parsed.success) throw new ApiError(400, code, v.summarize(parsed.issues))
  return parsed.output
}

/**
 * /api/admin/people: list, invite and change the accounts of a team. Only a koordinator of the
 * team or an admin may (403 for everyone else); every change is audited with the caller's IP.
 */
export function registerAdminRoutes(app: FastifyInstance, storage: Storage, guard: SessionGuard): void {
  app.get('/api/admin/people', async (request, reply): Promise<AdminPeopleResponse> => {
    const actor = await guard.require(request)
    const { teamId } = parse(ListQuery, request.query, 'invalid_query')
    requireManager(actor, teamId)
    reply.header('cache-control', 'no-store')
    return { people: await listTeamPeople(storage.db, teamId) }
  })

  app.post('/api/admin/people', { bodyLimit: 16 * 1024 }, async (request, reply): Promise<InviteResponse> => {
    const actor = await guard.require(request)
    const body = parse(InviteBody, request.body, 'invalid_body')
    const invited = await invitePerson(storage, actor, body, request.ip)
    request.log.info({ userId: actor.id, invited: invited.person.id, role: body.role }, 'person invited')
    reply.header('cache-control', 'no-store').status(201)
    return invited
  })

  app.patch('/api/admin/people/:id', { bodyLimit: 16 * 1024 }, async (request): Promise<PersonChangeResponse> => {
    const actor = await guard.require(request)
    const params = parse(PersonParams, request.params, 'invalid_query')
    const body = parse(ChangeBody, request.body, 'invalid_body')
    const person = await changePerson(storage, actor, params.id, body, request.ip)
    // This instance forgets the account's cached sessions at once; others within SESSION_CACHE_MS.
    guard.forgetUser(params.id)
    request.log.info({ userId: actor.id, changed: params.id, ...body }, 'person changed')
    return { person }
  })
}
