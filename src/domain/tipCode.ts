import { CODE_ALPHABET } from './assetCode.ts'

/** Length of a tip's short code: 30^8 ≈ 656 billion codes, so two of a team's tips practically never share one. */
export const TIP_CODE_LENGTH = 8

const TIP_CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${TIP_CODE_LENGTH}}$`)

/** A 53-bit hash of a text (cyrb53): the same text always gives the same number, on every device. */
function hash53(text: string): number {
  let h1 = 0xdeadbeef
  let h2 = 0x41c6ce57
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ ch, 2654435761)
    h2 = Math.imul(h2 ^ ch, 1597334677)
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909)
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909)
  return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/**
 * The short code of a tip (`/t/<code>` on its printed guide or poster), made from its id: every
 * device computes the same code offline and nothing new is stored or synced. Letters and digits
 * that are easily confused are left out, as on asset labels.
 */
export function tipCode(id: string): string {
  let n = hash53(id)
  let code = ''
  for (let i = 0; i < TIP_CODE_LENGTH; i++) {
    code += CODE_ALPHABET[n % CODE_ALPHABET.length]
    n = Math.floor(n / CODE_ALPHABET.length)
  }
  return code
}

/** A typed or scanned code as tipCode makes it: upper case, without spaces and dashes ("k7m4-qx2b"). */
export function normaliseTipCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]+/g, '')
}

/** True when `code` (normalised) has the form of a tip code. */
export function isTipCode(code: string): boolean {
  return TIP_CODE_PATTERN.test(code)
}

/** A code as printed, in two groups of four ("K7M4-QX2B"), easier to read aloud and type. */
export function formatTipCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`
}
