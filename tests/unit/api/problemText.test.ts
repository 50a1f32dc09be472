import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiProblem } from '../../../src/api/problem.ts'
import { describeProblem, type ProblemWords } from '../../../src/api/problemText.ts'
import { SIGN_IN_PROBLEM_WORDS } from '../../../src/components/account/signInProblemWords.ts'
import { ADMIN_PROBLEM_WORDS } from '../../../src/components/admin/adminProblemWords.ts'
import { PRIVACY_PROBLEM_WORDS } from '../../../src/components/privacy/privacyProblemWords.ts'
import { SYNC_PROBLEM_WORDS } from '../../../src/sync/syncProblemWords.ts'
import { i18n, loadFeatureMessages } from '../../../src/i18n/i18n.ts'

const EXPIRED = 'Din session er udløbet. Log ind igen for at synkronisere — intet går tabt.'
const UNKNOWN = 'Du er ikke logget ind på serveren. Log ind for at synkronisere — dine ændringer er gemt på enheden.'

beforeAll(() => loadFeatureMessages(['sync', 'account', 'admin', 'dataProtection']))

describe('why a sync failed, in Danish', () => {
  it.each([
    ['the session ran out', 'session_expired', EXPIRED],
    ['the server does not know the session', 'unauthorised', UNKNOWN],
    ['the server gave no reason (no expiry is claimed)', undefined, UNKNOWN],
  ] as const)('%s', (_case, reason, text) => {
    expect(describeProblem({ kind: 'unauthorised', code: 'unauthenticated', ...(reason ? { reason } : {}) }, SYNC_PROBLEM_WORDS)).toBe(text)
  })

  it.each([
    [{ kind: 'offline', message: 'Failed to fetch' }, /^Ingen forbindelse til serveren\. Ændringerne venter/],
    [{ kind: 'server', code: 'too_many_attempts', retryAfterMs: 60_000 }, /^Serveren svarer ikke lige nu/],
    [{ kind: 'rejected', code: 'not_yours', message: 'Enheden tilhører en anden.' }, 'Serveren afviste ændringerne: Enheden tilhører en anden. De venter stadig på enheden.'],
    [{ kind: 'rejected', code: 'invalid_body' }, 'Serveren afviste ændringerne. De venter stadig på enheden.'],
    [{ kind: 'local', message: 'QuotaExceededError' }, 'Databasen på enheden gav en fejl: QuotaExceededError'],
  ] as const)('%o', (problem, text) => {
    expect(describeProblem(problem, SYNC_PROBLEM_WORDS)).toMatch(text)
  })
})

describe('why a sign-in failed, in Danish', () => {
  it('says the password or e-mail is wrong', () => {
    expect(describeProblem({ kind: 'unauthorised', code: 'invalid_credentials' }, SIGN_IN_PROBLEM_WORDS)).toBe('Forkert e-mail eller adgangskode.')
  })

  it.each([
    [60_000, 'For mange forsøg. Prøv igen om 1 minut.'],
    [61_000, 'For mange forsøg. Prøv igen om 2 minutter.'],
    [15 * 60_000, 'For mange forsøg. Prøv igen om 15 minutter.'],
    [undefined, 'For mange forsøg. Prøv igen om 15 minutter.'],
  ])('tells how long a lockout lasts (%s ms)', (wait, text) => {
    expect(describeProblem({ kind: 'server', code: 'too_many_attempts', ...(wait ? { retryAfterMs: wait } : {}) }, SIGN_IN_PROBLEM_WORDS)).toBe(text)
  })

  it('explains that signing in needs a network', () => {
    expect(describeProblem({ kind: 'offline' }, SIGN_IN_PROBLEM_WORDS)).toMatch(/^Ingen forbindelse til serveren\. Log ind kræver net/)
  })

  it('passes on the server\'s own words for anything else', () => {
    expect(describeProblem({ kind: 'rejected', code: 'x', message: 'Kontoen er spærret.' }, SIGN_IN_PROBLEM_WORDS)).toBe('Log ind mislykkedes: Kontoen er spærret.')
    expect(describeProblem({ kind: 'server', code: 'server_error' }, SIGN_IN_PROBLEM_WORDS)).toBe('Log ind mislykkedes: server_error')
  })
})

describe('why a call of a server-only screen failed, in Danish', () => {
  it('decides the same for every screen: a known code first, then the kind, then the server\'s words', () => {
    i18n.global.mergeLocaleMessage('da', { probe: { o: 'o', u: 'u', s: 's', f: 'f', r: 'r {message}' } } as never)
    const words: ProblemWords = { offline: 'probe.o', unauthorised: 'probe.u', server: 'probe.s', codes: { forbidden: 'probe.f' }, refused: 'probe.r' }
    expect(describeProblem({ kind: 'unauthorised', code: 'forbidden' }, words)).toBe('f')
    expect(describeProblem({ kind: 'unauthorised', reason: 'session_expired' }, words)).toBe('u')
    expect(describeProblem({ kind: 'local', message: 'disk' }, words)).toBe('r disk')
    expect(describeProblem({ kind: 'rejected' }, words)).toBe('r rejected')
    expect(describeProblem({ kind: 'rejected', code: 'constructor' }, words)).toBe('r constructor')
  })

  it.each<[string, ProblemWords, ApiProblem, string | RegExp]>([
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'offline' }, /^Du er offline\. Personer og roller/],
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'unauthorised', code: 'unauthenticated', reason: 'session_expired' }, 'Log ind for at administrere personer.'],
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'rejected', code: 'email_taken' }, 'Der findes allerede en konto med den e-mail.'],
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'rejected', code: 'forbidden', message: 'Nej' }, 'Du har ikke ret til at gøre det.'],
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'server', code: 'server_error' }, 'Der skete en fejl på serveren. Prøv igen om lidt.'],
    ['admin', ADMIN_PROBLEM_WORDS, { kind: 'rejected', code: 'invalid_body', message: 'Navnet mangler.' }, 'Serveren afviste ændringen: Navnet mangler.'],
    ['data protection', PRIVACY_PROBLEM_WORDS, { kind: 'offline' }, /^Det kræver netværk/],
    ['data protection', PRIVACY_PROBLEM_WORDS, { kind: 'unauthorised' }, /^Din session er udløbet\. Log ind igen under Mere/],
    ['data protection', PRIVACY_PROBLEM_WORDS, { kind: 'rejected', code: 'forbidden' }, 'Kun koordinatorer og administratorer har adgang til dette.'],
    ['data protection', PRIVACY_PROBLEM_WORDS, { kind: 'server' }, 'Der skete en fejl på serveren. Prøv igen om lidt.'],
    ['data protection', PRIVACY_PROBLEM_WORDS, { kind: 'rejected', code: 'invalid_query' }, 'Serveren afviste det: invalid_query'],
  ])('%s: %o', (_screen, words, problem, text) => {
    expect(describeProblem(problem, words)).toMatch(text)
  })
})
