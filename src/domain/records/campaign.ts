import * as valibot from 'valibot'
import type { Drift, NoDrift } from './drift.ts'
import { count, id, isoDate, listOf, millis, short } from './fieldSchemas.ts'
import {
  type CampaignId, type ChecklistTemplateId, type ContentOf, type Millis, type PersonId, type SyncFields,
} from './fields.ts'

/** A campaign is open while testers fill their runs; the koordinator closes it. */
export const CAMPAIGN_STATUSES = ['åben', 'lukket'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/** Most testers one campaign may have. */
export const MAX_CAMPAIGN_TESTERS = 500

/**
 * A user test at a version upgrade ("Acadre 24.2 – brugertest"): one checklist template, the
 * testers (superusers, and colleagues without an account as Person records) and a deadline. Each
 * tester fills a run of their own (see domain/campaign.ts campaignRunId); the koordinator reads
 * the result per item and closes it.
 */
export interface Campaign extends SyncFields<CampaignId> {
  readonly name: string
  readonly templateId: ChecklistTemplateId
  readonly templateVersion: number
  readonly testers: readonly PersonId[]
  /** yyyy-mm-dd: when the testers should be done. */
  readonly deadline: string
  readonly status: CampaignStatus
  readonly closedAt: Millis | null
}

/** The content fields of a campaign as a client may send them. */
export const CampaignSchema = /* @__PURE__ */ valibot.strictObject({
  name: valibot.pipe(short, valibot.check((s) => s.trim() !== '', 'a campaign needs a name')),
  templateId: id, templateVersion: valibot.pipe(count, valibot.minValue(1)),
  testers: valibot.pipe(listOf(id, MAX_CAMPAIGN_TESTERS), valibot.minLength(1, 'a campaign needs at least one tester'),
    valibot.check((list) => new Set(list).size === list.length, 'each tester once')),
  deadline: isoDate, status: valibot.picklist(CAMPAIGN_STATUSES), closedAt: valibot.nullable(millis),
})

type _CampaignAgrees = NoDrift<Drift<ContentOf<Campaign>, valibot.InferOutput<typeof CampaignSchema>>>
