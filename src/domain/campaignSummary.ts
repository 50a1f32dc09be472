import { isAnswered, type AnswerMap } from './checklist.ts'
import { failureKey } from './campaign.ts'
import type { CsvValue } from './report/csv.ts'
import type { ChecklistItem } from './records/checklistTemplate.ts'
import type { ChecklistRun } from './records/checklistRun.ts'
import type { ChecklistRunId, PersonId } from './records/fields.ts'

/** A tester as the campaign page names them. */
export interface CampaignTester {
  readonly personId: PersonId
  readonly name: string
}

/** One failure: who found it and what they wrote. */
export interface CampaignComment {
  readonly tester: string
  readonly text: string
}

/** The result of one template item across every tester's run. */
export interface CampaignItemResult {
  readonly key: string
  readonly label: string
  readonly passed: number
  readonly failed: number
  /** Testers who have neither passed nor failed it yet. */
  readonly untested: number
  /** The failures' comments, in tester order. */
  readonly comments: readonly CampaignComment[]
}

/** A tester who has not completed their run, with the run to open (null until it has arrived). */
export interface UnfinishedTester extends CampaignTester {
  readonly runId: ChecklistRunId | null
}

/** What the campaign page shows and the export writes. */
export interface CampaignSummary {
  readonly items: readonly CampaignItemResult[]
  readonly finished: number
  readonly unfinished: readonly UnfinishedTester[]
}

/** One tester's run with its answers (of the item and of its failure comment, see failureKey). */
export interface TesterRun {
  readonly run: ChecklistRun
  readonly answers: AnswerMap
}

function failureText(answers: AnswerMap, key: string): string {
  const value = answers[failureKey(key)]
  return typeof value === 'string' ? value.trim() : ''
}

/**
 * Rolls the testers' runs up per item: an item with a failure comment failed for that tester,
 * else an answered item passed, else it is untested. A tester is finished once their run is
 * completed; a run that is missing, in progress or cancelled leaves them unfinished.
 */
export function summariseCampaign(items: readonly ChecklistItem[], testers: readonly CampaignTester[], runs: readonly TesterRun[]): CampaignSummary {
  const byTester = new Map(runs.map((r) => [r.run.subject.refId, r]))
  const results = items.map((item): CampaignItemResult => {
    let passed = 0
    let failed = 0
    const comments: CampaignComment[] = []
    for (const tester of testers) {
      // A cancelled run's answers do not count: the koordinator called that test off.
      const run = byTester.get(tester.personId)
      const answers = run && run.run.status !== 'annulleret' ? run.answers : {}
      const failure = failureText(answers, item.key)
      if (failure !== '') {
        failed++
        comments.push({ tester: tester.name, text: failure })
      } else if (isAnswered(item.kind, answers[item.key], item.choices)) passed++
    }
    return { key: item.key, label: item.label, passed, failed, untested: testers.length - passed - failed, comments }
  })
  const unfinished = testers
    .filter((tester) => byTester.get(tester.personId)?.run.status !== 'fuldført')
    .map((tester) => ({ ...tester, runId: byTester.get(tester.personId)?.run.id ?? null }))
  return { items: results, finished: testers.length - unfinished.length, unfinished }
}

/** The words the export uses, from the screen's language. */
export interface CampaignExportLabels {
  readonly heading: readonly (readonly [string, CsvValue])[]
  readonly columns: readonly [item: string, passed: string, failed: string, untested: string, comments: string]
  readonly unfinished: string
}

/** The result as CSV rows: the heading facts, one row per item (comments as "Navn: tekst" lines), then who has not finished. */
export function campaignResultRows(summary: CampaignSummary, labels: CampaignExportLabels): CsvValue[][] {
  const rows: CsvValue[][] = labels.heading.map(([label, value]) => [label, value])
  rows.push([], [...labels.columns])
  for (const item of summary.items) {
    rows.push([item.label, item.passed, item.failed, item.untested, item.comments.map((c) => `${c.tester}: ${c.text}`).join('\n')])
  }
  if (summary.unfinished.length > 0) rows.push([], [labels.unfinished], ...summary.unfinished.map((t) => [t.name]))
  return rows
}
