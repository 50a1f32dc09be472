/**
 * A seeded pseudo-random source for the demo data: the same seed gives the same team, so demo
 * figures and benchmarks can be repeated. Not for anything secret.
 */

/** Draws from one seeded stream; every helper advances the same stream. */
export interface Random {
  /** Uniform float in [0, 1). */
  next(): number
  /** Uniform integer in [min, max], both ends included. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One element of a non-empty list. */
  pick<T>(list: readonly T[]): T
  /** One key, chosen with the given relative weights. */
  weighted<T extends string>(weights: Readonly<Record<T, number>>): T
  /** A shuffled copy. */
  shuffle<T>(list: readonly T[]): T[]
  /** A UUIDv7 whose time part is `at`, so ids sort by creation like ids made on devices. */
  uuid(at: number): string
}

/** Turns any seed (number or text) into a 32-bit start state (FNV-1a). */
function hashSeed(seed: number | string): number {
  let h = 0x811c9dc5
  for (const char of String(seed)) {
    h ^= char.codePointAt(0)!
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'))

/** A seeded stream (mulberry32: small, fast, and good enough for made-up data). */
export function createRandom(seed: number | string): Random {
  let state = hashSeed(seed)
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1))
  const pick = <T>(list: readonly T[]): T => {
    if (list.length === 0) throw new Error('pick from an empty list')
    return list[int(0, list.length - 1)]!
  }
  return {
    next, int, pick,
    chance: (p) => next() < p,
    weighted<T extends string>(weights: Readonly<Record<T, number>>): T {
      const entries = Object.entries(weights) as [T, number][]
      let roll = next() * entries.reduce((sum, [, w]) => sum + w, 0)
      for (const [key, weight] of entries) {
        roll -= weight
        if (roll < 0) return key
      }
      return entries.at(-1)![0]
    },
    shuffle<T>(list: readonly T[]): T[] {
      const out = [...list]
      for (let i = out.length - 1; i > 0; i--) {
        const j = int(0, i)
        ;[out[i], out[j]] = [out[j]!, out[i]!]
      }
      return out
    },
    uuid(at: number): string {
      const bytes = Array.from({ length: 16 }, () => int(0, 255))
      for (let i = 0; i < 6; i++) bytes[i] = Math.floor(at / 2 ** (8 * (5 - i))) & 0xff
      bytes[6] = 0x70 | (bytes[6]! & 0x0f)
      bytes[8] = 0x80 | (bytes[8]! & 0x3f)
      const h = bytes.map((b) => HEX[b]).join('')
      return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
    },
  }
}
