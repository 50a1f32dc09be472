/**
 * UUIDv7 (RFC 9562 §5.7) with a 12-bit counter in `rand_a` (§6.2 method 1), so ids made in the
 * same millisecond still sort in creation order. Twenty lines instead of a dependency, because
 * this runs on the first screen, whose JavaScript has a hard size budget.
 */
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** Makes UUIDv7 ids; each generator keeps its own last millisecond and counter, so its ids never go backwards. */
export function createIdGenerator(): <Id extends string>(now?: number) => Id {
  let lastMs = -1
  let counter = 0
  return function nextId<Id extends string>(now: number = Date.now()): Id {
    const bytes = crypto.getRandomValues(new Uint8Array(16))
    if (now > lastMs) {
      lastMs = now
      counter = ((bytes[6] as number) << 4 | (bytes[7] as number) >> 4) & 0x7ff // random start, room to count up
    } else if (++counter > 0xfff) {
      lastMs += 1 // counter exhausted (or the clock went back): borrow the next millisecond
      counter = 0
    }
    for (let i = 0; i < 6; i++) bytes[i] = Math.floor(lastMs / 2 ** (8 * (5 - i))) & 0xff
    bytes[6] = 0x70 | (counter >> 8)
    bytes[7] = counter & 0xff
    bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
    const h = Array.from(bytes, (b) => HEX[b]).join('')
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` as Id
  }
}

/** A new time-ordered UUIDv7, made on the device; sorting ids sorts by creation time. */
export const newId = createIdGenerator()
