import { db } from './database.ts'
import { toAnswerMap } from './checklistLists.ts'
import { createRecord, patchRecord, RecordMissingError, type Author } from './write.ts'
import { campaignProblems, campaignRunId, type CampaignDraft, type CampaignProblem } from '../domain/campaign.ts'
import { summariseCampaign, type CampaignSummary, type CampaignTester, type TesterRun } from '../domain/campaignSummary.ts'
import type { Campaign } from '../domain/records/campaign.ts'
import type { CampaignId, Millis, PersonId } from '../domain/records/fields.ts'
import type { ChecklistAnswer } from '../domain/records/checklistAnswer.ts'
import type { ChecklistTemplate } from '../domain/records/checklistTemplate.ts'
import type { Person } from '../domain/records/person.ts'

/** Thrown when a draft cannot be saved; the form shows the same problems before it gets here. */
export class CampaignDraftError extends Error {
  override name = 'CampaignDraftError'
  constructor(readonly problems: readonly CampaignProblem[]) {
    super(`campaign: ${problems.join(', ')}`)
  }
}

/** Raised when closing a campaign that is already closed. */
export class CampaignClosedError extends Error {
  override name = 'CampaignClosedError'
}

const live = <T extends { deletedAt: number | null }>(r: T | undefined): r is T => r !== undefined && r.deletedAt === null

function testerOf(person: Person | undefined, personId: PersonId): CampaignTester {
  return { personId, name: person && person.deletedAt === null ? person.name : '—' }
}

/**
 * Starts a campaign and each tester's run of its template (due on the deadline, about the tester,
 * with the id campaignRunId gives), all in one transaction. A run another device already made is left as it is.
 */
export async function createCampaign(author: Author, draft: CampaignDraft, now: Millis = Date.now()): Promise<Campaign> {
  const problems = campaignProblems(draft)
  if (problems.length > 0) throw new CampaignDraftError(problems)
  const tables = [db().campaigns, db().checklistRuns, db().checklistTemplates, db().people, db().outbox]
  return db().transaction('rw', tables, async () => {
    const template = await db().checklistTemplates.get(draft.templateId!)
    if (!live(template)) throw new RecordMissingError('checklistTemplates', String(draft.templateId))
    const campaign = await createRecord('campaigns', author, {
      name: draft.name.trim(), templateId: template.id, templateVersion: template.version,
      testers: [...draft.testers], deadline: draft.deadline, status: 'åben', closedAt: null,
    }, now)
    const people = await db().people.bulkGet([...draft.testers])
    for (const [index, personId] of draft.testers.entries()) {
      const runId = campaignRunId(campaign.id, personId)
      if (await db().checklistRuns.get(runId)) continue
      await createRecord('checklistRuns', author, {
        templateId: template.id, templateVersion: template.version, title: campaign.name,
        subject: { kind: 'person', refId: personId, label: testerOf(people[index], personId).name },
        status: 'i gang', dueDate: campaign.deadline, completedAt: null, overrideReason: '', campaignId: campaign.id,
      }, now, runId)
    }
    return campaign
  })
}

/** Who is looking: the koordinator (and admin) sees every campaign, anyone else those they test in. */
export interface CampaignViewer {
  readonly personId: PersonId
  readonly seesAll: boolean
}

/** The campaigns the viewer sees: open ones first by deadline, then closed ones, most recently closed first. */
export async function listCampaigns(viewer: CampaignViewer): Promise<Campaign[]> {
  const all = (await db().campaigns.toArray()).filter((c) => live(c) && (viewer.seesAll || c.testers.includes(viewer.personId)))
  return all.sort((a, b) => {
    if (a.status !== b.status) return a.status === 'åben' ? -1 : 1
    if (a.status === 'åben') return a.deadline === b.deadline ? b.createdAt - a.createdAt : a.deadline < b.deadline ? -1 : 1
    return (b.closedAt ?? 0) - (a.closedAt ?? 0)
  })
}

/** The campaign, or undefined when missing or deleted. */
export async function getCampaign(id: CampaignId): Promise<Campaign | undefined> {
  const campaign = await db().campaigns.get(id)
  return live(campaign) ? campaign : undefined
}

/** Everything the campaign page shows; `template` is null when it was deleted meanwhile. */
export interface CampaignDetails {
  readonly campaign: Campaign
  readonly template: ChecklistTemplate | null
  readonly testers: readonly CampaignTester[]
  readonly summary: CampaignSummary
}

/** The campaign with its testers' runs rolled up per item, or undefined when missing or deleted. */
export async function getCampaignDetails(id: CampaignId): Promise<CampaignDetails | undefined> {
  const campaign = await db().campaigns.get(id)
  if (!live(campaign)) return undefined
  const stored = await db().checklistTemplates.get(campaign.templateId)
  const template = live(stored) ? stored : null
  const people = await db().people.bulkGet([...campaign.testers])
  const testers = campaign.testers.map((personId, i) => testerOf(people[i], personId))
  const runs = (await db().checklistRuns.where('campaignId').equals(id).toArray()).filter((r) => live(r))
  const rows = await db().checklistAnswers.where('runId').anyOf(runs.map((r) => r.id)).toArray()
  const byRun = new Map<string, ChecklistAnswer[]>()
  for (const row of rows) byRun.set(row.runId, [...(byRun.get(row.runId) ?? []), row])
  const testerRuns: TesterRun[] = runs.map((run) => ({ run, answers: toAnswerMap(byRun.get(run.id) ?? []) }))
  return { campaign, template, testers, summary: summariseCampaign(template?.items ?? [], testers, testerRuns) }
}

/** Closes a campaign: its runs can no longer be filled in on this app (they are left as they are). */
export async function closeCampaign(id: CampaignId, now: Millis = Date.now()): Promise<Campaign> {
  return db().transaction('rw', db().campaigns, db().outbox, async () => {
    const campaign = await db().campaigns.get(id)
    if (!live(campaign)) throw new RecordMissingError('campaigns', id)
    if (campaign.status !== 'åben') throw new CampaignClosedError(id)
    return patchRecord('campaigns', id, { status: 'lukket', closedAt: now }, now)
  })
}
