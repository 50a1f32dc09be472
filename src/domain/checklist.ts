import type { AnswerValue } from './records/checklistAnswer.ts'
import type { ChecklistItem, ItemKind } from './records/checklistTemplate.ts'

/** Answers of one run, by item key. */
export type AnswerMap = Readonly<Record<string, AnswerValue>>

/** How far a run has come. */
export interface ChecklistProgress {
  readonly answered: number
  readonly total: number
  /** Keys of required items that are not answered yet, in template order. */
  readonly requiredMissing: readonly string[]
}

/** The outcome of trying to complete a run. */
export type CompletionDecision =
  | { readonly ok: true, readonly overrideReason: string }
  | { readonly ok: false, readonly missing: readonly string[], readonly needsReason: true }

/** True for a real calendar date written as yyyy-mm-dd (2026-02-30 is not one). */
export function isIsoDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!m) return false
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const d = new Date(Date.UTC(year, month - 1, day))
  return d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day
}

/**
 * Whether `value` counts as an answer for an item of `kind`: a ticked check, non-blank text,
 * a finite number, one of the item's choices, or a valid yyyy-mm-dd date.
 */
export function isAnswered(kind: ItemKind, value: AnswerValue | undefined, choices: readonly string[] = []): boolean {
  switch (kind) {
    case 'check': return value === true
    case 'text': return typeof value === 'string' && value.trim() !== ''
    case 'number': return typeof value === 'number' && Number.isFinite(value)
    case 'choice': return typeof value === 'string' && choices.includes(value)
    case 'date': return typeof value === 'string' && isIsoDate(value)
  }
}

/** Whether one item of a template is answered in `answers`. */
export function isItemAnswered(item: ChecklistItem, answers: AnswerMap): boolean {
  return isAnswered(item.kind, answers[item.key], item.choices)
}

/** Counts answered items and lists the required ones still missing. */
export function progress(items: readonly ChecklistItem[], answers: AnswerMap): ChecklistProgress {
  let answered = 0
  const requiredMissing: string[] = []
  for (const item of items) {
    if (isItemAnswered(item, answers)) answered += 1
    else if (item.required) requiredMissing.push(item.key)
  }
  return { answered, total: items.length, requiredMissing }
}

/** The trimmed override reason, or '' when it is blank or absent. */
export function cleanReason(reason: string | null | undefined): string {
  return (reason ?? '').trim()
}

/**
 * Completion rule: a run may be completed when every required item is answered; otherwise only
 * with a non-blank override reason, which is returned (trimmed) so it can be kept on the run.
 */
export function decideCompletion(
  items: readonly ChecklistItem[], answers: AnswerMap, overrideReason?: string | null,
): CompletionDecision {
  const { requiredMissing } = progress(items, answers)
  if (requiredMissing.length === 0) return { ok: true, overrideReason: '' }
  const reason = cleanReason(overrideReason)
  if (reason === '') return { ok: false, missing: requiredMissing, needsReason: true }
  return { ok: true, overrideReason: reason }
}

/** Whether `decideCompletion` would allow completing the run. */
export function canComplete(items: readonly ChecklistItem[], answers: AnswerMap, overrideReason?: string | null): boolean {
  return decideCompletion(items, answers, overrideReason).ok
}
