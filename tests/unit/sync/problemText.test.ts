import { beforeAll, describe, expect, it } from 'vitest'
import { loadFeatureMessages } from '../../../src/i18n/i18n.ts'
import { describeSyncProblem } from '../../../src/sync/problemText.ts'

const EXPIRED = 'Din session er udløbet. Log ind igen for at synkronisere — intet går tabt.'
const UNKNOWN = 'Du er ikke logget ind på serveren. Log ind for at synkronisere — dine ændringer er gemt på enheden.'

beforeAll(() => loadFeatureMessages(['sync']))

describe('why a sync was refused, in Danish', () => {
  it.each([
    ['the session ran out', 'session_expired', EXPIRED],
    ['the server does not know the session', 'unauthorised', UNKNOWN],
    ['the server gave no reason (no expiry is claimed)', undefined, UNKNOWN],
  ] as const)('%s', (_case, reason, text) => {
    expect(describeSyncProblem({ kind: 'unauthorised', code: 'unauthenticated', ...(reason ? { reason } : {}) })).toBe(text)
  })

  it('says nothing when the last sync went well', () => {
    expect(describeSyncProblem(null)).toBeNull()
  })
})
