// Detection of Danish CPR numbers (DDMMYY-SSSS) in free text, so they can be masked before they
// are stored. The rules follow the CPR office (CPR-kontoret): the seventh digit gives the century
// of the birth date, and modulus 11 is NOT required — many numbers issued since 2007 fail it.

/** How sure we are that a hit is a CPR number: `high` when it also passes modulus 11. */
export type CprConfidence = 'high' | 'medium'

/** One CPR number found in a text: `text.slice(start, end)` is the number as written. */
export interface CprHit {
  readonly start: number
  readonly end: number
  /** The number as it is stored instead: the birth date kept, the serial hidden, e.g. "010190-XXXX". */
  readonly masked: string
  readonly confidence: CprConfidence
}

// Six digits, an optional separator (dash, possibly with spaces around it; or one space,
// non-breaking space, slash or dot), four digits. The digit runs must be whole: a longer run of
// digits is another kind of number.
const DASHES = '\\-\u2010\u2011\u2012\u2013\u2212'
const SEPARATOR = `(?:[ \u00a0]?[${DASHES}][ \u00a0]?|[ \u00a0/.])?`
const CANDIDATE = new RegExp(`(?<![0-9])([0-9]{6})${SEPARATOR}([0-9]{4})(?![0-9])`, 'g')

/** Characters that join digit groups into one longer number: "2024-010190-1234", "0101901234,50". */
const JOINERS = new Set(['-', '/', '.', ',', '\u2013'])
const MOD11_WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1] as const

/** True when `year` is a leap year in the Gregorian calendar. */
function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/**
 * The four-digit birth year of a CPR number from its two-digit year and the first serial digit,
 * as the CPR office defines it: 0–3 → 1900s; 4 and 9 → 2000–2036 / 1937–1999; 5–8 → 2000–2057 /
 * 1858–1899.
 */
export function cprBirthYear(yy: number, seventhDigit: number): number {
  if (seventhDigit <= 3) return 1900 + yy
  if (seventhDigit === 4 || seventhDigit === 9) return yy <= 36 ? 2000 + yy : 1900 + yy
  return yy <= 57 ? 2000 + yy : 1800 + yy
}

/** True when the ten digits form a CPR number with a real birth date (modulus 11 is not checked). */
export function isValidCprDate(digits: string): boolean {
  if (!/^[0-9]{10}$/.test(digits)) return false
  const day = Number(digits.slice(0, 2))
  const month = Number(digits.slice(2, 4))
  const year = cprBirthYear(Number(digits.slice(4, 6)), Number(digits[6]))
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month)
}

/** True when the ten digits pass the CPR modulus-11 check (weights 4 3 2 7 6 5 4 3 2 1). */
export function passesModulus11(digits: string): boolean {
  if (!/^[0-9]{10}$/.test(digits)) return false
  const sum = MOD11_WEIGHTS.reduce((acc, weight, i) => acc + weight * Number(digits[i]), 0)
  return sum % 11 === 0
}

function isDigit(char: string | undefined): boolean {
  return char !== undefined && char >= '0' && char <= '9'
}

function isLetter(char: string | undefined): boolean {
  return char !== undefined && /\p{L}/u.test(char)
}

/** True when the hit is only a piece of a longer number: "2024-010190-1234", "0101901234,50". */
function isPartOfLongerNumber(text: string, start: number, end: number): boolean {
  const before = JOINERS.has(text[start - 1] ?? '') && isDigit(text[start - 2])
  const after = JOINERS.has(text[end] ?? '') && isDigit(text[end + 1])
  return before || after
}

/**
 * True when the hit is glued to letters, like a helpdesk or serial number ("INC0101901234",
 * "0101901234AB") — unless the letters right before it are a CPR label ("cpr0101901234").
 */
function isInsideIdentifier(text: string, start: number, end: number): boolean {
  if (isLetter(text[end])) return true
  if (!isLetter(text[start - 1])) return false
  return !/(?:cpr|cprnr|personnr|personnummer)$/iu.test(text.slice(Math.max(0, start - 12), start))
}

/** True for "ISBN 0306406152": a ten-digit ISBN with a valid ISBN check digit, labelled as one. */
function isLabelledIsbn(text: string, start: number, digits: string): boolean {
  if (!/isbn(?:-?10)?:?\s*$/iu.test(text.slice(Math.max(0, start - 12), start))) return false
  const sum = [...digits].reduce((acc, d, i) => acc + (10 - i) * Number(d), 0)
  return sum % 11 === 0
}

/**
 * Every CPR number in `text`, in order: DDMMYY and four digits, with or without a dash, space,
 * slash or dot between, whose birth date is real for the century the seventh digit gives.
 * Longer numbers, numbers glued to letters and labelled ISBNs are not CPR numbers.
 */
export function findCprNumbers(text: string): CprHit[] {
  const hits: CprHit[] = []
  CANDIDATE.lastIndex = 0
  for (let match = CANDIDATE.exec(text); match !== null; match = CANDIDATE.exec(text)) {
    const start = match.index
    const end = start + match[0].length
    const date = match[1] as string
    const digits = date + (match[2] as string)
    const accepted = isValidCprDate(digits)
      && !isPartOfLongerNumber(text, start, end)
      && !isInsideIdentifier(text, start, end)
      && !isLabelledIsbn(text, start, digits)
    if (accepted) hits.push({ start, end, masked: `${date}-XXXX`, confidence: passesModulus11(digits) ? 'high' : 'medium' })
  }
  return hits
}

/** True when `text` contains at least one CPR number. */
export function containsCpr(text: string): boolean {
  return findCprNumbers(text).length > 0
}

/** `text` with every CPR number replaced by its birth date and "-XXXX"; other text is unchanged. */
export function maskCpr(text: string): string {
  const hits = findCprNumbers(text)
  if (hits.length === 0) return text
  let out = ''
  let at = 0
  for (const hit of hits) {
    out += text.slice(at, hit.start) + hit.masked
    at = hit.end
  }
  return out + text.slice(at)
}
