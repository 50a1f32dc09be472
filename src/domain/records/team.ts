import * as valibot from 'valibot'
import { MAX_PATTERN_LENGTH } from '../namingPattern.ts'
import { areValidNamingPatterns, MAX_EXAMPLE, MAX_EXAMPLES, MAX_EXPLANATION, MAX_NAMING_PATTERNS, MAX_RULE_NAME } from '../namingRules.ts'
import type { Drift, NoDrift } from './drift.ts'
import { count, id, listKey, listOf, short } from './fieldSchemas.ts'
import { type ContentOf, type PersonId, type SyncFields, type TeamId } from './fields.ts'
import { OWNERS, REQUEST_STATUSES, type CategoryKey, type Owner, type RequestStatus } from './request.ts'
import { ACTIVITIES, type Activity } from '../activities.ts'

export interface BudgetBand {
  readonly minHours: number
  readonly maxHours: number
}

/** A band agreed for one person (e.g. 2 h a week), instead of the team's. */
export interface BudgetOverride extends BudgetBand {
  readonly personId: PersonId
}

export interface RetentionSettings {
  /** Months after closing before requester names and free text are anonymised. */
  readonly anonymiseAfterMonths: number
}

/** A request category as a team configures it (Mere → Kategorier og genveje). */
export interface TeamCategory {
  /** Stable key stored on requests: a built-in Category or a key made from the label. */
  readonly key: CategoryKey
  /** The team's own name for it; '' shows the built-in name of a built-in key. */
  readonly label: string
  /** Hidden categories stay on old requests but are not offered for new ones. */
  readonly active: boolean
}

/** A quick-log preset as a team configures it; the same rules as a built-in Preset. */
export interface TeamPreset {
  /** A built-in preset id or a key made from the label; stored on requests as presetId. */
  readonly id: string
  /** The team's own name for it; '' shows the built-in name of a built-in id. */
  readonly label: string
  readonly category: CategoryKey
  readonly minutes: number
  readonly activity: Activity
  readonly owner: Owner
  readonly status: RequestStatus
  readonly active: boolean
}

/** A team's rule for naming one kind of case or document (Navngivning), e.g. `{Emne} – {Adresse}`. */
export interface NamingPattern {
  /** Stable key made from the first name; the tip form and links address the rule by it. */
  readonly id: string
  /** The kind of case or document the rule is for ("Byggesag"). */
  readonly name: string
  /** The title with its fields in braces (see domain/namingPattern.ts). */
  readonly pattern: string
  readonly explanation: string
  readonly examples: readonly string[]
}

export interface Team extends SyncFields<TeamId> {
  readonly name: string
  readonly budget: BudgetBand
  /** Bands agreed for single people; absent means everyone has the team's band. */
  readonly budgetOverrides?: readonly BudgetOverride[]
  readonly retention: RetentionSettings
  /** The team's categories in display order; absent means the built-in CATEGORIES. */
  readonly categories?: readonly TeamCategory[]
  /** The team's quick-log presets in display order; absent means the built-in PRESETS. */
  readonly presets?: readonly TeamPreset[]
  /** The team's naming rules for cases and documents, in display order; absent means none yet. */
  readonly namingPatterns?: readonly NamingPattern[]
}

const hours = /* @__PURE__ */ valibot.pipe(valibot.number(), valibot.minValue(0), valibot.maxValue(168))
const band = /* @__PURE__ */ valibot.pipe(valibot.strictObject({ minHours: hours, maxHours: hours }), valibot.check((b) => b.minHours <= b.maxHours, 'minHours must not exceed maxHours'))

const teamCategory = /* @__PURE__ */ valibot.strictObject({ key: listKey, label: short, active: valibot.boolean() })
const teamPreset = /* @__PURE__ */ valibot.strictObject({
  id: listKey, label: short, category: listKey, minutes: valibot.pipe(valibot.number(), valibot.integer(), valibot.minValue(1), valibot.maxValue(600)),
  activity: valibot.picklist(ACTIVITIES), owner: valibot.picklist(OWNERS), status: valibot.picklist(REQUEST_STATUSES), active: valibot.boolean(),
})

/** A team's naming rules: each shaped like NamingPattern, and together what the editor may save. */
const namingPatterns = /* @__PURE__ */ valibot.pipe(
  listOf(valibot.strictObject({
    id: listKey, name: valibot.pipe(valibot.string(), valibot.maxLength(MAX_RULE_NAME)), pattern: valibot.pipe(valibot.string(), valibot.maxLength(MAX_PATTERN_LENGTH)),
    explanation: valibot.pipe(valibot.string(), valibot.maxLength(MAX_EXPLANATION)), examples: listOf(valibot.pipe(valibot.string(), valibot.maxLength(MAX_EXAMPLE)), MAX_EXAMPLES),
  }), MAX_NAMING_PATTERNS),
  valibot.check((list) => areValidNamingPatterns(list), 'naming patterns must be named uniquely and parse'),
)

/** The content fields of a team as a client may send them. */
export const TeamSchema = /* @__PURE__ */ valibot.strictObject({
  name: short,
  budget: band,
  budgetOverrides: valibot.optional(listOf(valibot.pipe(valibot.strictObject({ personId: id, minHours: hours, maxHours: hours }), valibot.check((b) => b.minHours <= b.maxHours, 'minHours must not exceed maxHours')), 500)),
  retention: valibot.strictObject({ anonymiseAfterMonths: valibot.pipe(count, valibot.maxValue(1200)) }),
  categories: valibot.optional(listOf(teamCategory, 200)),
  presets: valibot.optional(listOf(teamPreset, 200)),
  namingPatterns: valibot.optional(namingPatterns),
})

type _TeamAgrees = NoDrift<Drift<ContentOf<Team>, valibot.InferOutput<typeof TeamSchema>>>
