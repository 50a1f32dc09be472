import { afterEach, describe, expect, it } from 'vitest'
import { databaseNameFor, forgetDeviceAccount, readDeviceAccount, rememberDeviceAccount } from '../../../src/db/account.ts'

const ANNE = { id: '0190a1b2-0000-7000-8000-000000000001', email: 'anne@kommune.dk', name: 'Anne Larsen', role: 'superbruger', teams: ['team-1'] }

afterEach(() => localStorage.clear())

describe('the account remembered on this device', () => {
  it('is null before anyone signs in', () => {
    expect(readDeviceAccount()).toBeNull()
  })

  it('is remembered and forgotten', () => {
    rememberDeviceAccount(ANNE)
    expect(readDeviceAccount()).toEqual(ANNE)
    forgetDeviceAccount()
    expect(readDeviceAccount()).toBeNull()
  })

  it('keeps only the account fields (no extra data from the server answer)', () => {
    rememberDeviceAccount({ ...ANNE, secret: 'x' } as typeof ANNE)
    expect(Object.keys(readDeviceAccount()!).sort()).toEqual(['email', 'id', 'name', 'role', 'teams'])
  })

  it.each([
    ['not JSON', '{'],
    ['no teams', JSON.stringify({ ...ANNE, teams: [] })],
    ['a number id', JSON.stringify({ ...ANNE, id: 7 })],
    ['null', 'null'],
  ])('an unreadable entry (%s) counts as nobody signed in', (_name, raw) => {
    localStorage.setItem('superbruger.account', raw)
    expect(readDeviceAccount()).toBeNull()
  })

  it('gives every account its own database name', () => {
    expect(databaseNameFor('a')).not.toBe(databaseNameFor('b'))
    expect(databaseNameFor('a')).not.toBe('superbruger')
  })
})
