/**
 * Asset label codes: short, printed under a QR code and typed by hand when the camera cannot be
 * used, so the alphabet leaves out characters that are easily confused (0/O, 1/I/L, U/V).
 */

/** The characters a code may contain (30 of them; no 0, 1, I, L, O or U). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTVWXYZ'

/** Length of every code: 30^6 ≈ 729 million codes, so random codes practically never collide. */
export const CODE_LENGTH = 6

const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`)

/** Returns a random integer in [0, n); injectable so tests can be deterministic. */
export type RandomInt = (n: number) => number

/** Uniform random integer in [0, n) from the platform's cryptographic generator (no modulo bias). */
export const cryptoRandomInt: RandomInt = (n) => {
  const limit = Math.floor(256 / n) * n
  const byte = new Uint8Array(1)
  for (;;) {
    globalThis.crypto.getRandomValues(byte)
    if ((byte[0] ?? 0) < limit) return (byte[0] ?? 0) % n
  }
}

/** Upper-cases a typed or scanned code and drops spaces and dashes ("k7m-4qx" → "K7M4QX"). */
export function normaliseAssetCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '')
}

/** True when `code` is exactly a valid code (already normalised). */
export function isAssetCode(code: string): boolean {
  return CODE_PATTERN.test(code)
}

/** One new random code. */
export function generateAssetCode(random: RandomInt = cryptoRandomInt): string {
  let code = ''
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)]
  return code
}

/**
 * `count` new codes, all different from each other and from `existing`. Throws if the random
 * source keeps repeating itself (a broken generator), rather than looping for ever.
 */
export function generateAssetCodes(count: number, existing: Iterable<string> = [], random: RandomInt = cryptoRandomInt): string[] {
  const taken = new Set(existing)
  const codes: string[] = []
  let attempts = 0
  while (codes.length < count) {
    if (++attempts > count * 20 + 100) throw new Error('Could not generate enough unique asset codes')
    const code = generateAssetCode(random)
    if (taken.has(code)) continue
    taken.add(code)
    codes.push(code)
  }
  return codes
}

/** A code split in two groups for reading aloud and typing: "K7M 4QX". */
export function formatAssetCode(code: string): string {
  return code.length === CODE_LENGTH ? `${code.slice(0, 3)} ${code.slice(3)}` : code
}
