import { db } from './database.ts'
import { changeStatus } from './requests.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { mayCancelHandOff, mayHandOffAgain, newHandOffContent } from '../domain/handOff.ts'
import { canChangeStatus } from '../domain/requestRules.ts'
import type { HandOff, HandOffChannel } from '../domain/records/handOff.ts'
import type { HandOffId, Millis, RequestId } from '../domain/records/fields.ts'

/** Thrown when a hand-off cannot be made or cancelled now (one is already under way, or it was sent). */
export class HandOffStateError extends Error {
  override name = 'HandOffStateError'
}

/** The request's hand-offs to central IT, newest first. */
export async function listHandOffs(requestId: RequestId): Promise<HandOff[]> {
  const found = await db().handOffs.where('requestId').equals(requestId).toArray()
  return found.filter((h) => h.deletedAt === null).sort((a, b) => b.createdAt - a.createdAt)
}

/**
 * Hands a request to central IT: stores a waiting hand-off (the server sends it once it arrives)
 * and moves the request to "sendt til IT" when its status allows, with history — one transaction,
 * with both in the outbox. CPR numbers in `tried` are masked before it is stored.
 */
export async function handOffRequest(author: Author, requestId: RequestId, channel: HandOffChannel, tried: string, now: Millis = Date.now()): Promise<HandOff> {
  return db().transaction('rw', db().handOffs, db().requests, db().outbox, async () => {
    const request = await db().requests.get(requestId)
    if (!request || request.deletedAt !== null) throw new RecordMissingError('requests', requestId)
    if (!mayHandOffAgain(await listHandOffs(requestId))) throw new HandOffStateError('a hand-off of this request is under way')
    const handOff = await createRecord('handOffs', author, newHandOffContent(requestId, channel, tried), now)
    if (request.status !== 'sendt til IT' && canChangeStatus(request.status, 'sendt til IT')) {
      await changeStatus(requestId, 'sendt til IT', author.personId, now)
    }
    return handOff
  })
}

/** Cancels a hand-off the server has not sent yet (as far as this device knows; the server checks again). */
export async function cancelHandOff(id: HandOffId, now: Millis = Date.now()): Promise<HandOff> {
  return db().transaction('rw', db().handOffs, db().outbox, async () => {
    const current = await db().handOffs.get(id)
    if (!current || current.deletedAt !== null) throw new RecordMissingError('handOffs', id)
    if (!mayCancelHandOff(current)) throw new HandOffStateError(`cannot cancel a hand-off that is ${current.state}`)
    return patchRecord('handOffs', id, { state: 'annulleret' }, now)
  })
}
