import { describe, expect, it } from 'vitest'
import { arrivalKey, awaitsAnswer, awaitsOthers, isSendBack, sendBackTo, takenSince } from '../../../src/domain/referralInbox.ts'
import type { PersonId } from '../../../src/domain/records/fields.ts'
import type { Referral, Request, RequestStatus } from '../../../src/domain/records/request.ts'

const me = 'me' as PersonId
const anna = 'anna' as PersonId

function referral(from: string | null, to: string | null, at = 10, note = ''): Referral {
  return { at, from: from as PersonId | null, to: to as PersonId | null, note }
}

function request(status: RequestStatus, assigneeId: string | null, referrals: Referral[], extra: Partial<Request> = {}): Request {
  return {
    id: 'r1', teamId: 't', createdAt: 1, createdBy: 'anna', updatedAt: 1, rev: 1, deletedAt: null,
    requesterName: 'Jens', departmentId: null, channel: 'telefon', category: 'acadre', presetId: null, description: 'Printer',
    status, owner: 'superbruger', assigneeId: assigneeId as PersonId | null, referrals, history: [], assetId: null,
    helpdeskCaseNo: '', resolution: '', tipId: null, words: [], ...extra,
  } as unknown as Request
}

describe('a referral waiting for me', () => {
  it.each<[string, Request, boolean]>([
    ['referred to me, still henvist', request('henvist', 'me', [referral('anna', 'me')]), true],
    ['taken already (i gang)', request('i gang', 'me', [referral('anna', 'me')]), false],
    ['referred on to someone else', request('henvist', 'bo', [referral('anna', 'me'), referral('me', 'bo')]), false],
    ['sent back to me', request('henvist', 'me', [referral('me', 'bo'), referral('bo', 'me')]), true],
    ['I referred it to myself (taking over)', request('henvist', 'me', [referral('me', 'me')]), false],
    ['henvist to me but the last referral names another', request('henvist', 'me', [referral('anna', 'bo')]), false],
    ['deleted', request('henvist', 'me', [referral('anna', 'me')], { deletedAt: 5 as Request['deletedAt'] }), false],
    ['no referral at all', request('henvist', 'me', []), false],
  ])('%s → %s', (_name, r, expected) => {
    expect(awaitsAnswer(r, me)).toBe(expected)
  })
})

describe('a referral of mine waiting on a colleague', () => {
  it.each<[string, Request, boolean]>([
    ['I referred it to Bo, not taken yet', request('henvist', 'bo', [referral('me', 'bo')]), true],
    ['Bo took it', request('i gang', 'bo', [referral('me', 'bo')]), false],
    ['Bo referred it on to Anna', request('henvist', 'anna', [referral('me', 'bo'), referral('bo', 'anna')]), false],
    ['referred to nobody', request('henvist', null, [referral('me', null)]), false],
    ['Anna referred it to Bo', request('henvist', 'bo', [referral('anna', 'bo')]), false],
  ])('%s → %s', (_name, r, expected) => {
    expect(awaitsOthers(r, me)).toBe(expected)
  })
})

describe('sending back and telling', () => {
  it('sends back to whoever referred it, never to myself or nobody', () => {
    expect(sendBackTo(request('henvist', 'me', [referral('anna', 'me')]), me)).toBe(anna)
    expect(sendBackTo(request('henvist', 'me', [referral('me', 'me')]), me)).toBeNull()
    expect(sendBackTo(request('henvist', 'me', [referral(null, 'me')]), me)).toBeNull()
    expect(sendBackTo(request('henvist', 'me', []), me)).toBeNull()
  })

  it('names each arrival by request and referral time, so a request referred anew is news again', () => {
    const first = request('henvist', 'me', [referral('anna', 'me', 10)])
    const again = request('henvist', 'me', [referral('anna', 'me', 10), referral('me', 'anna', 20), referral('anna', 'me', 30)])
    expect(arrivalKey(first)).toBe('r1@10')
    expect(arrivalKey(again)).toBe('r1@30')
  })

  it('sees a referral as taken when it left henvist and is still with the one referred to', () => {
    const before = [request('henvist', 'bo', [referral('me', 'bo')])]
    const now = (r: Request) => new Map([[r.id, r]])
    expect(takenSince(before, now(request('i gang', 'bo', [referral('me', 'bo')])))).toHaveLength(1)
    expect(takenSince(before, now(request('løst', 'bo', [referral('me', 'bo')])))).toHaveLength(1)
    expect(takenSince(before, now(request('henvist', 'bo', [referral('me', 'bo')])))).toEqual([])
    // Sent back: it is with me again (a new arrival, not a take).
    expect(takenSince(before, now(request('henvist', 'me', [referral('me', 'bo'), referral('bo', 'me')])))).toEqual([])
    expect(takenSince(before, now(request('i gang', 'anna', [referral('me', 'bo'), referral('bo', 'anna')])))).toEqual([])
    expect(takenSince(before, now(request('i gang', 'bo', [referral('me', 'bo')], { deletedAt: 9 as Request['deletedAt'] })))).toEqual([])
    expect(takenSince(before, new Map())).toEqual([])
  })

  it('tells a send-back from a referral onwards in the history', () => {
    const referrals = [referral('anna', 'bo', 10), referral('bo', 'anna', 20), referral('anna', 'me', 30)]
    expect([0, 1, 2].map((i) => isSendBack(referrals, i))).toEqual([false, true, false])
    expect(isSendBack([referral('anna', null), referral(null, 'anna')], 1)).toBe(false)
  })
})
