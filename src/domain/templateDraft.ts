import { uniqueSlug } from './slugKey.ts'
import type { ChecklistItem, ChecklistTemplate, ItemKind } from './records/checklistTemplate.ts'

/** One item as the template editor holds it; `key` is null for an item added in this edit. */
export interface TemplateDraftItem {
  key: string | null
  label: string
  kind: ItemKind
  required: boolean
  help: string
  /** Only used for `choice` items. */
  choices: string[]
  /** Only used for `date` items: its answer sets a recurring template's next due date. */
  schedulesNext: boolean
}

/** A template being edited: plain mutable data for a form. */
export interface TemplateDraft {
  title: string
  purpose: string
  items: TemplateDraftItem[]
}

/** Something the editor must fix before saving; `index` points at the item. */
export type TemplateProblem =
  | { readonly field: 'title' | 'items' }
  | { readonly field: 'label' | 'choices' | 'schedulesNext', readonly index: number }

/** Most items and choices a template may have (the server's limits in syncSchemas). */
export const MAX_TEMPLATE_ITEMS = 500
export const MAX_ITEM_CHOICES = 100

/** An empty item of a kind, ready to be filled in. */
export function emptyDraftItem(kind: ItemKind = 'check'): TemplateDraftItem {
  return { key: null, label: '', kind, required: false, help: '', choices: kind === 'choice' ? ['', ''] : [], schedulesNext: false }
}

/** The editable copy of a stored template. */
export function draftOf(template: Pick<ChecklistTemplate, 'title' | 'purpose' | 'items'>): TemplateDraft {
  return {
    title: template.title,
    purpose: template.purpose,
    items: template.items.map((item) => ({
      key: item.key, label: item.label, kind: item.kind, required: item.required,
      help: item.help ?? '', choices: [...(item.choices ?? [])], schedulesNext: item.schedulesNext === true,
    })),
  }
}

function cleanChoices(choices: readonly string[]): string[] {
  return [...new Set(choices.map((c) => c.trim()).filter(Boolean))]
}

/**
 * What must be fixed: a title, at least one item, a label on each, two different choices on
 * choice items, and at most one date item that schedules the next run (the second is marked).
 */
export function checkTemplateDraft(draft: TemplateDraft): TemplateProblem[] {
  const problems: TemplateProblem[] = []
  if (draft.title.trim() === '') problems.push({ field: 'title' })
  if (draft.items.length === 0 || draft.items.length > MAX_TEMPLATE_ITEMS) problems.push({ field: 'items' })
  draft.items.forEach((item, index) => {
    if (item.label.trim() === '') problems.push({ field: 'label', index })
    const choices = cleanChoices(item.choices)
    if (item.kind === 'choice' && (choices.length < 2 || choices.length > MAX_ITEM_CHOICES)) problems.push({ field: 'choices', index })
  })
  const scheduling = draft.items.flatMap((item, index) => (item.kind === 'date' && item.schedulesNext ? [index] : []))
  for (const index of scheduling.slice(1)) problems.push({ field: 'schedulesNext', index })
  return problems
}

/** A readable key for a new item from its label, unique among `taken` ("Printer virker" → "printer-virker", then "-2"). */
export function newItemKey(label: string, taken: ReadonlySet<string>): string {
  return uniqueSlug(label, taken, 'punkt')
}

/**
 * The stored items of a valid draft, in order: trimmed, choices only on choice items, help only
 * when given. Existing items keep their key (answers refer to it); new items get a fresh one.
 */
export function templateItemsOf(draft: TemplateDraft): ChecklistItem[] {
  const taken = new Set(draft.items.map((item) => item.key).filter((key): key is string => key !== null))
  return draft.items.map((item) => {
    const key = item.key ?? newItemKey(item.label, taken)
    taken.add(key)
    const help = item.help.trim()
    return {
      key, label: item.label.trim(), kind: item.kind, required: item.required,
      ...(help ? { help } : {}),
      ...(item.kind === 'choice' ? { choices: cleanChoices(item.choices) } : {}),
      ...(item.kind === 'date' && item.schedulesNext ? { schedulesNext: true } : {}),
    }
  })
}
