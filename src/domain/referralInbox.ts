import type { PersonId } from './records/fields.ts'
import type { Referral, Request } from './records/request.ts'

/** The referral a request last went through, if any. */
export function lastReferral(request: Request): Referral | null {
  return request.referrals.at(-1) ?? null
}

/**
 * Whether `request` waits for `me` to take it or send it back: it was referred to me (the last
 * referral names me), it is still "henvist", and I am its assignee. A referral I made to myself
 * (the koordinator taking over) asks for no answer.
 */
export function awaitsAnswer(request: Request, me: PersonId): boolean {
  const referral = lastReferral(request)
  return request.deletedAt === null && request.status === 'henvist' && request.assigneeId === me
    && referral !== null && referral.to === me && referral.from !== me
}

/** Who a request goes back to when `me` sends it back: whoever it was referred from; null when nobody. */
export function sendBackTo(request: Request, me: PersonId): PersonId | null {
  const from = lastReferral(request)?.from ?? null
  return from === me ? null : from
}

/** Names one arrival (a request referred anew is a new arrival), for telling it only once. */
export function arrivalKey(request: Request): string {
  return `${request.id}@${lastReferral(request)?.at ?? 0}`
}

/** Whether `me` referred `request` to someone else who has not answered yet. */
export function awaitsOthers(request: Request, me: PersonId): boolean {
  const referral = lastReferral(request)
  return request.deletedAt === null && request.status === 'henvist' && referral !== null
    && referral.from === me && referral.to !== null && referral.to !== me && request.assigneeId === referral.to
}

/**
 * Of the referrals `me` was waiting on (`before`), those the person referred to has since taken:
 * the request left "henvist" and is still theirs. (One sent back arrives as a new referral instead.)
 */
export function takenSince(before: readonly Request[], now: ReadonlyMap<string, Request>): Request[] {
  return before.filter((old) => {
    const current = now.get(old.id)
    return current !== undefined && current.deletedAt === null && current.status !== 'henvist'
      && current.assigneeId === old.assigneeId
  })
}

/** Whether a referral sent the request back to whoever referred it just before. */
export function isSendBack(referrals: readonly Referral[], index: number): boolean {
  const referral = referrals[index]
  const previous = referrals[index - 1]
  return referral !== undefined && previous !== undefined && referral.to !== null && referral.from !== null
    && referral.to === previous.from && referral.from === previous.to
}
