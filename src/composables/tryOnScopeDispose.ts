import { getCurrentScope, onScopeDispose } from 'vue'

/** Registers clean-up when called inside an effect scope (component setup); otherwise does nothing. */
export function tryOnScopeDispose(fn: () => void): boolean {
  if (!getCurrentScope()) return false
  onScopeDispose(fn)
  return true
}
