/**
 * The account signed in on this device, remembered in localStorage so the app can open that
 * person's own database at start, before any network answers (and with none at all).
 */

/** What the device remembers of the last signed-in account. */
export interface DeviceAccount {
  readonly id: string
  readonly email: string
  readonly name: string
  readonly role: string
  readonly teams: readonly string[]
}

const ACCOUNT_KEY = 'superbruger.account'

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage
  } catch {
    // Storage can be blocked (private mode, policy): the app then runs without a remembered account.
    return null
  }
}

function isAccount(value: unknown): value is DeviceAccount {
  const v = value as Partial<DeviceAccount> | null
  return typeof v === 'object' && v !== null && typeof v.id === 'string' && typeof v.email === 'string'
    && typeof v.name === 'string' && typeof v.role === 'string'
    && Array.isArray(v.teams) && v.teams.length > 0 && v.teams.every((t) => typeof t === 'string')
}

/** The remembered account, or null when nobody has signed in here (or the entry is unreadable). */
export function readDeviceAccount(): DeviceAccount | null {
  const raw = storage()?.getItem(ACCOUNT_KEY)
  if (!raw) return null
  try {
    const parsed: unknown = JSON.parse(raw)
    return isAccount(parsed) ? parsed : null
  } catch {
    return null
  }
}

/** Remembers `account` as the one this device opens at start. */
export function rememberDeviceAccount(account: DeviceAccount): void {
  const { id, email, name, role, teams } = account
  storage()?.setItem(ACCOUNT_KEY, JSON.stringify({ id, email, name, role, teams: [...teams] }))
}

/** Forgets the remembered account (sign-out); that person's database stays for their next sign-in. */
export function forgetDeviceAccount(): void {
  storage()?.removeItem(ACCOUNT_KEY)
}

/** The IndexedDB name holding one account's data: one database per person, never shared. */
export function databaseNameFor(accountId: string): string {
  return `superbruger-user-${accountId}`
}
