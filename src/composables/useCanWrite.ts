import { computed, type ComputedRef } from 'vue'
import { useSessionStore } from '../stores/session.ts'

/**
 * Whether a user with `role` may change records. A leder reads everything and writes nothing
 * (the server refuses their pushes); without a sign-in (no role) the app is local-only and writable.
 */
export function mayWrite(role: string | null | undefined): boolean {
  return role !== 'leder'
}

/**
 * Whether the user signed in on this device may change records: every write button asks this.
 * It only hides what the role cannot do; the server checks every push itself.
 */
export function useCanWrite(): ComputedRef<boolean> {
  const session = useSessionStore()
  return computed(() => mayWrite(session.account?.role))
}
