import { listReferralsAwaiting, listReferralsSentWaiting, personNames, requestsById } from '../db/openRequests.ts'
import { arrivalKey, lastReferral, takenSince } from '../domain/referralInbox.ts'
import type { PersonId } from '../domain/records/fields.ts'
import type { Request } from '../domain/records/request.ts'
import { translate } from '../i18n/i18n.ts'

/** The person's referrals as last seen: waiting for them, and waiting on someone they referred to. */
export interface ReferralState {
  readonly awaiting: readonly Request[]
  readonly sent: readonly Request[]
}

/** Reads the person's referrals (live-observed by the sync store). */
export async function readReferralState(me: PersonId): Promise<ReferralState> {
  const [awaiting, sent] = await Promise.all([listReferralsAwaiting(me), listReferralsSentWaiting(me)])
  return { awaiting, sent }
}

export interface ReferralNotices {
  /** Takes what the person has seen or done here (between syncs): nothing of it is news. */
  seen(state: ReferralState): void
  /** After a sync: the notices for referrals it brought to the person and referrals of theirs it says were taken. */
  news(): Promise<string[]>
}

function shortText(text: string): string {
  const line = text.split('\n')[0]!.trim()
  return line.length > 60 ? `${line.slice(0, 59)}…` : line
}

/**
 * Tells `me` about referrals a sync brought, once each: one that arrived for them, and one of
 * theirs the colleague took. A referral made on this device (the koordinator taking a request
 * over) is seen here first and never told.
 */
export function createReferralNotices(me: PersonId): ReferralNotices {
  const told = new Set<string>()
  let waitingOn: readonly Request[] = []
  // While news are read, a live update of the same sync's state must not pass for seen.
  let reading = false
  // Until the device's own state was read once, nothing is news (a first download tells nothing: the badge shows it).
  let known = false

  function seen(state: ReferralState): void {
    if (reading) return
    remember(state)
  }

  function remember(state: ReferralState): void {
    for (const r of state.awaiting) told.add(arrivalKey(r))
    waitingOn = state.sent
    known = true
  }

  async function news(): Promise<string[]> {
    reading = true
    try {
      return await read()
    } finally {
      reading = false
    }
  }

  async function read(): Promise<string[]> {
    const before = waitingOn
    const [state, now, names] = await Promise.all([readReferralState(me), requestsById(before.map((r) => r.id)), personNames()])
    const name = (id: string | null): string => (id === null ? '' : names.get(id) ?? translate('requests.inbox.someone'))
    const texts: string[] = []
    if (!known) {
      remember(state)
      return texts
    }
    for (const r of state.awaiting) {
      if (told.has(arrivalKey(r))) continue
      texts.push(translate('requests.inbox.arrived', { name: name(lastReferral(r)?.from ?? null), text: shortText(r.description) }))
    }
    for (const r of takenSince(before, now)) {
      const key = `taken:${arrivalKey(r)}`
      if (told.has(key)) continue
      told.add(key)
      texts.push(translate('requests.inbox.taken', { name: name(r.assigneeId), text: shortText(r.description) }))
    }
    remember(state)
    return texts
  }

  return { seen, news }
}
