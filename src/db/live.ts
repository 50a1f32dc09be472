import { liveQuery } from 'dexie'

/** Subscription returned by `observe`. */
export interface Observation {
  unsubscribe(): void
}

/**
 * Runs `query` now and again whenever the tables it read change; the only way views learn
 * about database changes (wraps Dexie's liveQuery so nothing outside db/ imports Dexie).
 */
export function observe<T>(query: () => Promise<T>, onValue: (value: T) => void, onError: (error: unknown) => void): Observation {
  return liveQuery(query).subscribe({ next: onValue, error: onError })
}
