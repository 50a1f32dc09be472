import { isIsoDate } from './checklist.ts'
import {
  MAX_SHORT_TEXT, type CampaignId, type ChecklistRunId, type ChecklistTemplateId, type PersonId,
} from './records/fields.ts'
import type { Campaign } from './records/campaign.ts'

/**
 * The answer key under which a tester writes why an item failed ("virker ikke"): a row of its own
 * per run and item, so it merges per item like every other answer and never touches the item's own.
 */
export function failureKey(itemKey: string): string {
  return `${itemKey}#fejl`
}

/** A 32-bit FNV-1a hash of `text` started from `seed`. */
function fnv1a(text: string, seed: number): number {
  let hash = seed >>> 0
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash
}

/**
 * The id of one tester's run in a campaign: the same on every device (a UUID-shaped hash of the
 * campaign and person ids), so a campaign has at most one run per tester whoever writes it. (Two
 * koordinators starting the same test make two campaigns: the campaign id itself is random.)
 */
export function campaignRunId(campaignId: CampaignId, personId: PersonId): ChecklistRunId {
  const text = `${campaignId}\u0000${personId}`
  const hex = [0x811c9dc5, 0x01000193, 0x5bd1e995, 0x27d4eb2f]
    .map((seed) => fnv1a(text, seed).toString(16).padStart(8, '0')).join('')
  // Version 8 (custom) and the RFC 9562 variant, so it looks like every other id.
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${(8 | (parseInt(hex[16]!, 16) & 3)).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}` as ChecklistRunId
}

/** What the koordinator fills in to start a campaign. */
export interface CampaignDraft {
  readonly name: string
  readonly templateId: ChecklistTemplateId | null
  readonly testers: readonly PersonId[]
  readonly deadline: string
}

/** Why a draft cannot be saved; each has a Danish text (campaigns.problems.*). */
export type CampaignProblem = 'nameMissing' | 'nameTooLong' | 'templateMissing' | 'noTesters' | 'deadlineMissing'

/** Every problem with a draft, in the order the form shows its fields; empty when it can be saved. */
export function campaignProblems(draft: CampaignDraft): CampaignProblem[] {
  const problems: CampaignProblem[] = []
  if (draft.name.trim() === '') problems.push('nameMissing')
  else if (draft.name.trim().length > MAX_SHORT_TEXT) problems.push('nameTooLong')
  if (!draft.templateId) problems.push('templateMissing')
  if (draft.testers.length === 0) problems.push('noTesters')
  if (!isIsoDate(draft.deadline)) problems.push('deadlineMissing')
  return problems
}

/** A campaign name as two koordinators would mean the same test by it: spaces and case do not count. */
function nameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('da')
}

/**
 * The open campaigns a draft would start again: same checklist template and the same name (spaces
 * and case ignored). The form warns with them, so a koordinator does not start a test a colleague
 * already started; two started offline both stay (see README, Brugertests).
 */
export function duplicateCampaigns<C extends Pick<Campaign, 'name' | 'templateId' | 'status' | 'deletedAt'>>(draft: Pick<CampaignDraft, 'name' | 'templateId'>, campaigns: readonly C[]): C[] {
  const key = nameKey(draft.name)
  if (key === '' || !draft.templateId) return []
  return campaigns.filter((c) => c.deletedAt === null && c.status === 'åben' && c.templateId === draft.templateId && nameKey(c.name) === key)
}

/** Why the server refuses a write to a run (or its answers) of a campaign that is over. */
export type CampaignRefusal = 'campaign_closed'

/** One write to a campaign's run or to an answer in it, as the rule sees it. */
export interface CampaignRunWrite {
  readonly table: 'checklistRuns' | 'checklistAnswers'
  readonly op: 'put' | 'patch' | 'delete'
  readonly fields: Readonly<Record<string, unknown>>
  /** Whether the writer is koordinator or admin. */
  readonly manager: boolean
  /** Whether the run's campaign is still open (false when closed or deleted). */
  readonly campaignOpen: boolean
}

/** Fields a cancellation of a run sends (see db/checklists.ts cancelRun). */
const CANCEL_FIELDS: ReadonlySet<string> = new Set(['status', 'updatedAt'])

/**
 * Why a write to a run of a closed (or deleted) campaign is refused, or null: its result is final,
 * so nobody answers, completes or changes the run any more (an old app could otherwise still change
 * the result). The koordinator may still do what the app offers them there: cancel the run, or
 * delete it together with its answers.
 */
export function campaignRunRefusal(write: CampaignRunWrite): CampaignRefusal | null {
  if (write.campaignOpen) return null
  if (!write.manager) return 'campaign_closed'
  if (write.op === 'delete') return null
  const cancels = write.table === 'checklistRuns' && write.op === 'patch' && write.fields.status === 'annulleret'
    && Object.keys(write.fields).every((field) => CANCEL_FIELDS.has(field))
  return cancels ? null : 'campaign_closed'
}
