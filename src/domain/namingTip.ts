import { findCprNumbers, maskCpr } from './cpr.ts'
import { parsePattern } from './namingPattern.ts'
import type { TipDraft } from './tipDraft.ts'
import type { NamingPattern } from './records/team.ts'

/** The tip category every naming rule's tip goes in (one of TIP_CATEGORIES). */
export const NAMING_TIP_CATEGORY = 'navngivning'

/** The words a naming tip's draft uses (user-visible text comes from the caller's language). */
export interface NamingTipWords {
  /** The tip's title for a rule of this name. */
  readonly title: (name: string) => string
  readonly pattern: string
  readonly fields: string
  readonly explanation: string
  readonly examples: string
}

/** Text shown literally in markdown: characters that would format it are escaped. */
function literal(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`)
}

/** `text` as one inline code span, fenced with more backticks than it holds. */
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = text.startsWith('`') || text.endsWith('`') ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}

/**
 * A tip drafted from a naming rule, for the printable tips: the rule's name as title, the pattern
 * and its fields, the explanation and the examples as markdown sections, in category navngivning.
 * Every text is CPR-guarded (examples for personnel cases may hold one), and the count told.
 */
export function draftTipFromPattern(pattern: NamingPattern, words: NamingTipWords): TipDraft {
  let masked = 0
  const guard = (text: string): string => {
    const hits = findCprNumbers(text).length
    masked += hits
    return hits > 0 ? maskCpr(text) : text
  }
  const name = guard(pattern.name.trim())
  const rule = guard(pattern.pattern.trim())
  const parsed = parsePattern(rule)
  const sections = [`## ${words.pattern}\n\n${codeSpan(rule)}`]
  if (parsed.ok) sections[0] += `\n\n${words.fields}: ${parsed.fields.map((f) => `**${literal(f.name)}**`).join(', ')}`
  const explanation = guard(pattern.explanation.trim())
  if (explanation !== '') sections.push(`## ${words.explanation}\n\n${explanation}`)
  const examples = pattern.examples.map((e) => guard(e.trim())).filter((e) => e !== '')
  if (examples.length > 0) sections.push(`## ${words.examples}\n\n${examples.map((e) => `- ${literal(e)}`).join('\n')}`)
  return {
    input: { title: words.title(name), body: sections.join('\n\n'), tags: ['navngivning'], category: NAMING_TIP_CATEGORY, requestIds: [] },
    masked,
  }
}
