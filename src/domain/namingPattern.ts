/** Longest pattern a team may write (a title rule, not a document). */
export const MAX_PATTERN_LENGTH = 300
/** Longest field name inside braces. */
export const MAX_FIELD_NAME = 40
/** Most distinct fields one pattern may have. */
export const MAX_FIELDS = 12
/** Longest value a person may type into one field. */
export const MAX_FIELD_VALUE = 200
/** Longest title the helper hands out (case and document titles must stay readable in lists). */
export const MAX_TITLE_LENGTH = 250

/** A piece of a pattern: literal text, or a field the person fills (`name` as written, trimmed). */
export type PatternPart =
  | { readonly kind: 'text', readonly text: string }
  | { readonly kind: 'field', readonly name: string, readonly key: string }

/** A field of a pattern: its name as first written, and the key its value is kept under. */
export interface PatternField {
  readonly name: string
  /** The name folded to lower case: `{Adresse}` and `{adresse}` are one field. */
  readonly key: string
}

/** Why a pattern cannot be used; `at` is the 1-based position of the offending character. */
export type PatternError =
  | { readonly code: 'empty' }
  | { readonly code: 'tooLong' }
  | { readonly code: 'noFields' }
  | { readonly code: 'tooManyFields' }
  | { readonly code: 'unclosed', readonly at: number }
  | { readonly code: 'unopened', readonly at: number }
  | { readonly code: 'emptyField', readonly at: number }
  | { readonly code: 'fieldTooLong', readonly at: number }

/** A pattern read into parts, or the first thing wrong with it. */
export type ParsedPattern =
  | { readonly ok: true, readonly parts: readonly PatternPart[], readonly fields: readonly PatternField[] }
  | { readonly ok: false, readonly error: PatternError }

/** The key a field's value is kept under (case and surrounding space do not make another field). */
export function fieldKey(name: string): string {
  return name.trim().toLocaleLowerCase('da')
}

/**
 * Reads a pattern such as `{Emne} – {Adresse} – {Matrikel}`: text outside braces is kept as
 * written, each `{Name}` is a field. Braces always mark fields (there is no escape), so a `{`
 * without its `}` (also before the next `{`), a `}` without its `{`, an empty field and a
 * pattern without fields are errors, reported at the first offending character.
 */
export function parsePattern(pattern: string): ParsedPattern {
  if (pattern.trim() === '') return { ok: false, error: { code: 'empty' } }
  if (pattern.length > MAX_PATTERN_LENGTH) return { ok: false, error: { code: 'tooLong' } }
  const parts: PatternPart[] = []
  const fields: PatternField[] = []
  let text = ''
  let i = 0
  while (i < pattern.length) {
    const c = pattern[i] as string
    if (c === '}') return { ok: false, error: { code: 'unopened', at: i + 1 } }
    if (c !== '{') {
      text += c
      i += 1
      continue
    }
    const close = pattern.indexOf('}', i + 1)
    const open = pattern.indexOf('{', i + 1)
    // A `{` opened again before this one closes is this one left open (`{Emne – {Adresse}`).
    if (close === -1 || (open !== -1 && open < close)) return { ok: false, error: { code: 'unclosed', at: i + 1 } }
    const name = pattern.slice(i + 1, close).trim()
    if (name === '') return { ok: false, error: { code: 'emptyField', at: i + 1 } }
    if (name.length > MAX_FIELD_NAME) return { ok: false, error: { code: 'fieldTooLong', at: i + 1 } }
    if (text !== '') parts.push({ kind: 'text', text })
    text = ''
    const key = fieldKey(name)
    const known = fields.find((f) => f.key === key)
    if (!known) fields.push({ name, key })
    parts.push({ kind: 'field', name: known?.name ?? name, key })
    i = close + 1
  }
  if (text !== '') parts.push({ kind: 'text', text })
  if (fields.length === 0) return { ok: false, error: { code: 'noFields' } }
  if (fields.length > MAX_FIELDS) return { ok: false, error: { code: 'tooManyFields' } }
  return { ok: true, parts, fields }
}

/** A value as it goes into a title: trimmed, every run of spaces, tabs or line breaks one space. */
export function cleanFieldValue(value: string): string {
  return value.replace(/\s+/g, ' ').trim()
}

/** A filled-in title and what stops it from being used. */
export interface FilledTitle {
  /** The title; a field not yet filled shows as `{Name}`. */
  readonly title: string
  /** Fields with no value yet, in pattern order. */
  readonly missing: readonly PatternField[]
  /** Fields whose value is longer than MAX_FIELD_VALUE. */
  readonly tooLong: readonly PatternField[]
  /** True when the whole title is longer than MAX_TITLE_LENGTH. */
  readonly titleTooLong: boolean
  /** True when the title can be copied: every field filled, nothing too long. */
  readonly complete: boolean
}

/**
 * Fills a parsed pattern with the values typed per field key (see fieldKey). Values are cleaned
 * (cleanFieldValue), never cut: an overly long value or title is reported, not shortened, so
 * nothing the person typed is lost.
 */
export function fillPattern(parts: readonly PatternPart[], fields: readonly PatternField[], values: Readonly<Record<string, string>>): FilledTitle {
  const value = (key: string): string => cleanFieldValue(values[key] ?? '')
  const title = parts.map((p) => (p.kind === 'text' ? p.text : value(p.key) || `{${p.name}}`)).join('').replace(/\s+/g, ' ').trim()
  const missing = fields.filter((f) => value(f.key) === '')
  const tooLong = fields.filter((f) => value(f.key).length > MAX_FIELD_VALUE)
  const titleTooLong = title.length > MAX_TITLE_LENGTH
  return { title, missing, tooLong, titleTooLong, complete: missing.length === 0 && tooLong.length === 0 && !titleTooLong }
}

/** Characters Windows and SharePoint refuse in a file name: a document title with them needs care. */
const FILE_NAME_UNSAFE = /[\\/:*?"<>|]/g

/** The characters of `title` that cannot stand in a file name, each once, in order of appearance. */
export function unsafeFileNameCharacters(title: string): string[] {
  return [...new Set(title.match(FILE_NAME_UNSAFE) ?? [])]
}
