import { describe, expect, it } from 'vitest'
import { campaignProblems, campaignRunId, duplicateCampaigns, failureKey, type CampaignDraft } from '../../../src/domain/campaign.ts'
import { campaignResultRows, summariseCampaign, type TesterRun } from '../../../src/domain/campaignSummary.ts'
import { toCsv } from '../../../src/domain/report/csv.ts'
import { showsCampaignRun } from '../../../src/domain/campaignRunVisibility.ts'
import { putSchema } from '../../../src/domain/records/syncTables.ts'
import type { AnswerValue } from '../../../src/domain/records/checklistAnswer.ts'
import type { CampaignId, ChecklistTemplateId, PersonId } from '../../../src/domain/records/fields.ts'
import type { ChecklistItem } from '../../../src/domain/records/checklistTemplate.ts'
import type { ChecklistRun, ChecklistRunStatus } from '../../../src/domain/records/checklistRun.ts'
import * as v from 'valibot'

const items: ChecklistItem[] = [
  { key: 'open', label: 'Åbn en sag', kind: 'check', required: true },
  { key: 'journal', label: 'Journalisér et dokument', kind: 'check', required: true },
  { key: 'note', label: 'Andet du så', kind: 'text', required: false },
]
const testers = [
  { personId: 'anne' as PersonId, name: 'Anne Berg' },
  { personId: 'bo' as PersonId, name: 'Bo Lund' },
  { personId: 'ib' as PersonId, name: 'Ib Kortlægger' },
]

function testerRun(personId: string, status: ChecklistRunStatus, answers: Record<string, AnswerValue>): TesterRun {
  const run = { id: `run-${personId}`, status, subject: { kind: 'person', refId: personId, label: personId } } as unknown as ChecklistRun
  return { run, answers }
}

describe('campaign run ids', () => {
  const campaign = '0192a7c0-0000-7000-8000-000000000001' as CampaignId
  it('are the same on every device for one campaign and tester, and differ between testers and campaigns', () => {
    const id = campaignRunId(campaign, 'anne' as PersonId)
    expect(campaignRunId(campaign, 'anne' as PersonId)).toBe(id)
    expect(campaignRunId(campaign, 'bo' as PersonId)).not.toBe(id)
    expect(campaignRunId('0192a7c0-0000-7000-8000-000000000002' as CampaignId, 'anne' as PersonId)).not.toBe(id)
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})

describe('a new campaign', () => {
  const good: CampaignDraft = { name: 'Acadre 24.2 – brugertest', templateId: 'tpl' as ChecklistTemplateId, testers: ['anne' as PersonId], deadline: '2026-12-18' }
  it.each<[string, Partial<CampaignDraft>, string[]]>([
    ['a good draft', {}, []],
    ['no testers', { testers: [] }, ['noTesters']],
    ['a name of spaces', { name: '   ' }, ['nameMissing']],
    ['no template and no deadline', { templateId: null, deadline: '' }, ['templateMissing', 'deadlineMissing']],
    ['an impossible deadline', { deadline: '2026-02-30' }, ['deadlineMissing']],
  ])('%s → %j', (_name, change, problems) => {
    expect(campaignProblems({ ...good, ...change })).toEqual(problems)
  })

  it('the shared schema refuses what the form refuses: no testers, an empty name, a tester twice', () => {
    const record = {
      id: 'c1', teamId: 't', createdAt: 1, createdBy: 'k', updatedAt: 1, rev: 0, deletedAt: null,
      name: 'Acadre 24.2', templateId: 'tpl', templateVersion: 1, testers: ['anne'], deadline: '2026-12-18', status: 'åben', closedAt: null,
    }
    expect(v.safeParse(putSchema('campaigns'), record).success).toBe(true)
    expect(v.safeParse(putSchema('campaigns'), { ...record, testers: [] }).success).toBe(false)
    expect(v.safeParse(putSchema('campaigns'), { ...record, name: ' ' }).success).toBe(false)
    expect(v.safeParse(putSchema('campaigns'), { ...record, testers: ['anne', 'anne'] }).success).toBe(false)
  })
})

describe('the campaign result', () => {
  const runs = [
    testerRun('anne', 'fuldført', { open: true, journal: true, [failureKey('journal')]: 'Gem-knappen mangler', note: 'Hurtigere end før' }),
    testerRun('bo', 'i gang', { open: true, [failureKey('open')]: '  ' }),
  ]
  const summary = summariseCampaign(items, testers, runs)

  it('counts per item who passed, who failed (with their comment) and who has not tested it', () => {
    expect(summary.items).toEqual([
      { key: 'open', label: 'Åbn en sag', passed: 2, failed: 0, untested: 1, comments: [] },
      { key: 'journal', label: 'Journalisér et dokument', passed: 0, failed: 1, untested: 2, comments: [{ tester: 'Anne Berg', text: 'Gem-knappen mangler' }] },
      { key: 'note', label: 'Andet du så', passed: 1, failed: 0, untested: 2, comments: [] },
    ])
  })

  it('lists who has not finished: a run in progress, and a tester whose run has not arrived', () => {
    expect(summary.finished).toBe(1)
    expect(summary.unfinished).toEqual([
      { personId: 'bo', name: 'Bo Lund', runId: 'run-bo' },
      { personId: 'ib', name: 'Ib Kortlægger', runId: null },
    ])
  })

  it('a cancelled run is not finished, and its answers count as untested', () => {
    const cancelled = summariseCampaign(items, testers.slice(0, 1), [testerRun('anne', 'annulleret', { open: true, [failureKey('journal')]: 'Fejl' })])
    expect(cancelled.finished).toBe(0)
    expect(cancelled.items.map((i) => [i.key, i.passed, i.failed, i.untested])).toEqual([['open', 0, 0, 1], ['journal', 0, 0, 1], ['note', 0, 0, 1]])
  })

  it('exports as CSV for Danish Excel: heading, one row per item with its comments, then who has not finished', () => {
    const csv = toCsv(campaignResultRows(summary, {
      heading: [['Kampagne', 'Acadre 24.2'], ['Frist', '18.12.2026']],
      columns: ['Punkt', 'Bestået', 'Fejlet', 'Ikke testet', 'Kommentarer'],
      unfinished: 'Ikke færdige',
    }))
    expect(csv.split('\r\n')).toEqual([
      '\uFEFFKampagne;Acadre 24.2', 'Frist;18.12.2026', '', 'Punkt;Bestået;Fejlet;Ikke testet;Kommentarer',
      'Åbn en sag;2;0;1;', 'Journalisér et dokument;0;1;2;Anne Berg: Gem-knappen mangler', 'Andet du så;1;0;2;',
      '', 'Ikke færdige', 'Bo Lund', 'Ib Kortlægger', '',
    ])
  })
})

describe('whose campaign runs a checklist list shows', () => {
  const accounts = new Set(['anne', 'bo'])
  const hasAccount = (id: string) => accounts.has(id)
  const run = (refId: string | null, campaignId: string | null = 'c1') => ({ campaignId, subject: { refId } })
  const anne = { personId: 'anne' as PersonId, seesAll: false }
  it.each<[string, ReturnType<typeof run>, boolean, boolean]>([
    ['her own campaign run', run('anne'), false, true],
    ["another superuser's campaign run", run('bo'), false, false],
    ["a colleague without an account's run (filled at their desk)", run('ib'), false, true],
    ['a run that is not a campaign\'s', run('bo', null), false, true],
    ["another superuser's campaign run, to the koordinator", run('bo'), true, true],
  ])('%s → %s', (_name, r, seesAll, shown) => {
    expect(showsCampaignRun(r, { ...anne, seesAll }, hasAccount)).toBe(shown)
  })
})

describe('duplicateCampaigns', () => {
  const tpl = 'tpl-acadre' as ChecklistTemplateId
  const campaign = (id: string, name: string, extra: Partial<{ templateId: ChecklistTemplateId; status: 'åben' | 'lukket'; deletedAt: number | null }> = {}) =>
    ({ id, name, templateId: tpl, status: 'åben' as const, deletedAt: null, ...extra })
  const stored = [
    campaign('same', 'Acadre 24.2 – brugertest'),
    campaign('other-template', 'Acadre 24.2 – brugertest', { templateId: 'tpl-office' as ChecklistTemplateId }),
    campaign('closed', 'Acadre 24.2 – brugertest', { status: 'lukket' }),
    campaign('deleted', 'Acadre 24.2 – brugertest', { deletedAt: 5 }),
    campaign('other-name', 'Acadre 24.3 – brugertest'),
  ]
  it.each<[string, string, ChecklistTemplateId | null, string[]]>([
    ['the same name and template', 'Acadre 24.2 – brugertest', tpl, ['same']],
    ['the name in other case and spacing', '  acadre   24.2 – BRUGERTEST ', tpl, ['same']],
    ['another name', 'Acadre 24.4 – brugertest', tpl, []],
    ['no template chosen yet', 'Acadre 24.2 – brugertest', null, []],
    ['no name yet', '   ', tpl, []],
  ])('a draft with %s', (_case, name, templateId, expected) => {
    expect(duplicateCampaigns({ name, templateId }, stored).map((c) => c.id)).toEqual(expected)
  })
})
