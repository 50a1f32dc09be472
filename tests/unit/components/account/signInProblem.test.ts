import { describe, expect, it } from 'vitest'
import { describeSignInProblem } from '../../../../src/components/account/signInProblem.ts'
import { i18n } from '../../../../src/i18n/i18n.ts'
import account from '../../../../src/i18n/da/lazy/account.json'

i18n.global.mergeLocaleMessage('da', { account } as never)

describe('sign-in problems in Danish', () => {
  it('says the password or e-mail is wrong', () => {
    expect(describeSignInProblem({ kind: 'unauthorised', code: 'invalid_credentials' }, undefined)).toBe('Forkert e-mail eller adgangskode.')
  })

  it.each([
    [60_000, 'For mange forsøg. Prøv igen om 1 minut.'],
    [61_000, 'For mange forsøg. Prøv igen om 2 minutter.'],
    [15 * 60_000, 'For mange forsøg. Prøv igen om 15 minutter.'],
    [undefined, 'For mange forsøg. Prøv igen om 15 minutter.'],
  ])('tells how long a lockout lasts (%s ms)', (wait, text) => {
    expect(describeSignInProblem({ kind: 'server', code: 'too_many_attempts' }, wait)).toBe(text)
  })

  it('explains that signing in needs a network', () => {
    expect(describeSignInProblem({ kind: 'offline' }, undefined)).toMatch(/^Ingen forbindelse til serveren/)
  })

  it('passes on the server\'s own words for anything else', () => {
    expect(describeSignInProblem({ kind: 'rejected', code: 'x', message: 'Kontoen er spærret.' }, undefined)).toBe('Log ind mislykkedes: Kontoen er spærret.')
  })
})
