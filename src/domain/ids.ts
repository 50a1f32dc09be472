import { uuidv7 } from 'uuidv7'

/** A new time-ordered UUIDv7, made on the device; sorting ids sorts by creation time. */
export function newId<Id extends string>(): Id {
  return uuidv7() as Id
}
