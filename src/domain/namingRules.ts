import { parsePattern, type PatternError } from './namingPattern.ts'
import { uniqueSlug } from './slugKey.ts'
import type { NamingPattern, Team } from './records/team.ts'

/** Most naming rules one team keeps. */
export const MAX_NAMING_PATTERNS = 50
/** Longest name of a rule ("Byggesag"). */
export const MAX_RULE_NAME = 80
/** Longest explanation of a rule. */
export const MAX_EXPLANATION = 2000
/** Most examples one rule shows. */
export const MAX_EXAMPLES = 10
/** Longest example. */
export const MAX_EXAMPLE = 300

/** A rule as the editor holds it: examples as typed, one per line. */
export interface NamingPatternDraft {
  id: string
  name: string
  pattern: string
  explanation: string
  examples: string
}

/** Something to fix before the rules can be saved; `index` points into the edited list. */
export type NamingProblem =
  | { readonly field: 'list', readonly code: 'tooMany' }
  | { readonly field: 'name', readonly index: number, readonly code: 'required' | 'duplicate' | 'tooLong' }
  | { readonly field: 'pattern', readonly index: number, readonly error: PatternError }
  | { readonly field: 'explanation', readonly index: number, readonly code: 'tooLong' }
  | { readonly field: 'examples', readonly index: number, readonly code: 'tooMany' | 'tooLong' }

/** The team's naming rules in its order (none when it has written none). */
export function teamNamingPatterns(team: Pick<Team, 'namingPatterns'> | null | undefined): NamingPattern[] {
  return [...(team?.namingPatterns ?? [])]
}

/** The examples typed one per line: trimmed, empty lines dropped. */
export function splitExamples(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '')
}

/** A stored rule as the editor shows it. */
export function draftOf(pattern: NamingPattern): NamingPatternDraft {
  return { id: pattern.id, name: pattern.name, pattern: pattern.pattern, explanation: pattern.explanation, examples: pattern.examples.join('\n') }
}

/** True for a row the person added and left empty: saving drops it rather than refusing. */
export function isBlankDraft(draft: NamingPatternDraft): boolean {
  return [draft.name, draft.pattern, draft.explanation, draft.examples].every((text) => text.trim() === '')
}

function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da')
}

/**
 * What is wrong with edited rules (blank rows aside): each needs a name, unique in the team
 * regardless of case, and a pattern parsePattern accepts; explanation and examples have limits.
 * The same check guards the server, so a rule the helper cannot use is never stored.
 */
export function checkNamingPatterns(drafts: readonly NamingPatternDraft[]): NamingProblem[] {
  const problems: NamingProblem[] = []
  const kept = drafts.filter((d) => !isBlankDraft(d))
  if (kept.length > MAX_NAMING_PATTERNS) problems.push({ field: 'list', code: 'tooMany' })
  const seen = new Set<string>()
  drafts.forEach((draft, index) => {
    if (isBlankDraft(draft)) return
    const name = nameKey(draft.name)
    if (name === '') problems.push({ field: 'name', index, code: 'required' })
    else if (draft.name.trim().length > MAX_RULE_NAME) problems.push({ field: 'name', index, code: 'tooLong' })
    else if (seen.has(name)) problems.push({ field: 'name', index, code: 'duplicate' })
    seen.add(name)
    const parsed = parsePattern(draft.pattern.trim())
    if (!parsed.ok) problems.push({ field: 'pattern', index, error: parsed.error })
    if (draft.explanation.trim().length > MAX_EXPLANATION) problems.push({ field: 'explanation', index, code: 'tooLong' })
    const examples = splitExamples(draft.examples)
    if (examples.length > MAX_EXAMPLES) problems.push({ field: 'examples', index, code: 'tooMany' })
    else if (examples.some((e) => e.length > MAX_EXAMPLE)) problems.push({ field: 'examples', index, code: 'tooLong' })
  })
  return problems
}

/**
 * The rules as stored: blank rows dropped, texts trimmed, examples split into lines, and each new
 * rule (no id yet) given a stable key made from its name, unique in the list.
 */
export function cleanNamingPatterns(drafts: readonly NamingPatternDraft[]): NamingPattern[] {
  const kept = drafts.filter((d) => !isBlankDraft(d))
  const taken = new Set(kept.map((d) => d.id).filter((id) => id !== ''))
  return kept.map((d) => {
    const id = d.id !== '' ? d.id : uniqueSlug(d.name, taken, 'regel')
    taken.add(id)
    return { id, name: d.name.trim().replace(/\s+/g, ' '), pattern: d.pattern.trim(), explanation: d.explanation.trim(), examples: splitExamples(d.examples) }
  })
}

/**
 * True when stored rules are what cleanNamingPatterns makes of rules that pass
 * checkNamingPatterns: no blank rule, distinct ids, one-line non-empty examples (what the server accepts).
 */
export function areValidNamingPatterns(patterns: readonly NamingPattern[]): boolean {
  if (new Set(patterns.map((p) => p.id)).size !== patterns.length) return false
  if (patterns.some((p) => p.examples.some((e) => e.trim() === '' || /[\r\n]/.test(e)))) return false
  const drafts = patterns.map(draftOf)
  return !drafts.some(isBlankDraft) && checkNamingPatterns(drafts).length === 0
}
