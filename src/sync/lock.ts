/** The Web Locks API as far as the engine needs it (missing in some browsers and in Node). */
interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>
}

const LOCK_PREFIX = 'superbruger-sync'

// Fallback where navigator.locks is missing: one chain per lock name in this JS realm.
const chains = new Map<string, Promise<unknown>>()

function inProcess<T>(name: string, run: () => Promise<T>): Promise<T> {
  const previous = chains.get(name) ?? Promise.resolve()
  const next = previous.catch(() => undefined).then(run)
  chains.set(name, next)
  void next.finally(() => {
    if (chains.get(name) === next) chains.delete(name)
  }).catch(() => undefined)
  return next
}

function lockManager(): LockManagerLike | null {
  const nav = (globalThis as { navigator?: { locks?: LockManagerLike } }).navigator
  return nav?.locks && typeof nav.locks.request === 'function' ? nav.locks : null
}

/**
 * Runs `run` while holding the sync lock of one local database, so only one sync at a time runs
 * for it across every tab (Web Locks API), or within this tab where that API is missing.
 */
export function withSyncLock<T>(databaseName: string, run: () => Promise<T>): Promise<T> {
  const name = `${LOCK_PREFIX}:${databaseName}`
  const locks = lockManager()
  return locks ? locks.request(name, run) : inProcess(name, run)
}
