import { findCprNumbers, maskCpr } from './cpr.ts'
import type { CategoryKey, Request } from './records/request.ts'
import type { Tip } from './records/tip.ts'

/** The editable fields of a tip. */
export type TipInput = Pick<Tip, 'title' | 'body' | 'tags' | 'category' | 'requestIds'>

/** The headings a draft's sections get (user-visible text comes from the caller's language). */
export interface TipDraftHeadings {
  readonly problem: string
  readonly solution: string
}

/** A tip drafted from a request, and how many CPR numbers were masked on the way. */
export interface TipDraft {
  readonly input: TipInput
  readonly masked: number
}

/** Longest title a draft gets from the first line of a description. */
export const DRAFT_TITLE_LENGTH = 80

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/)[0]?.trim() ?? ''
  if (line.length <= DRAFT_TITLE_LENGTH) return line
  const cut = line.slice(0, DRAFT_TITLE_LENGTH - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > DRAFT_TITLE_LENGTH / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

/** The text with every CPR number masked, counting them in `count`. */
function guard(text: string, count: { n: number }): string {
  const hits = findCprNumbers(text).length
  if (hits === 0) return text
  count.n += hits
  return maskCpr(text)
}

/**
 * A tip drafted from a solved request: the first line of its description as title, the
 * description and resolution as the body's two sections, its category, linked to the request.
 * Every text is CPR-guarded before it reaches the form (a tip is read by the whole team), so a
 * number in the request never shows up in the draft, not even unsaved.
 */
export function draftTipFromRequest(
  request: Pick<Request, 'id' | 'description' | 'resolution' | 'category'>,
  headings: TipDraftHeadings,
  category: CategoryKey | null = request.category,
): TipDraft {
  const count = { n: 0 }
  const description = guard(request.description.trim(), count)
  const resolution = guard(request.resolution.trim(), count)
  const sections = [`## ${headings.problem}\n\n${description}`]
  if (resolution !== '') sections.push(`## ${headings.solution}\n\n${resolution}`)
  // The title comes from the masked description, so it is counted once, with the body.
  const title = firstLine(description)
  return {
    input: { title, body: sections.join('\n\n'), tags: [], category, requestIds: [request.id] },
    masked: count.n,
  }
}

/** Tags as typed ("acadre, dokumenter"): trimmed, lower-cased, empty and repeated ones dropped. */
export function parseTipTags(text: string): string[] {
  const tags = text.split(',').map((tag) => tag.trim().toLocaleLowerCase('da')).filter((tag) => tag !== '')
  return [...new Set(tags)]
}
