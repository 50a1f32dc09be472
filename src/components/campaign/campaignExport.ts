import { campaignResultRows } from '../../domain/campaignSummary.ts'
import { toCsv } from '../../domain/report/csv.ts'
import { uniqueSlug } from '../../domain/slugKey.ts'
import { translate } from '../../i18n/i18n.ts'
import type { CampaignDetails } from '../../db/campaigns.ts'

function danishDay(iso: string): string {
  const [y, m, d] = iso.split('-')
  return `${d}.${m}.${y}`
}

/** The campaign's result as a CSV file for Danish Excel (`;`, BOM) and its file name. */
export function campaignCsv(details: CampaignDetails): { name: string, blob: Blob } {
  const { campaign, template, summary, testers } = details
  const text = toCsv(campaignResultRows(summary, {
    heading: [
      [translate('campaigns.csv.campaign'), campaign.name],
      [translate('campaigns.csv.template'), template?.title ?? ''],
      [translate('campaigns.csv.deadline'), danishDay(campaign.deadline)],
      [translate('campaigns.csv.status'), translate(`campaigns.status.${campaign.status}`)],
      [translate('campaigns.csv.testers'), testers.length],
      [translate('campaigns.csv.finished'), summary.finished],
    ],
    columns: [translate('campaigns.csv.item'), translate('campaigns.passed'), translate('campaigns.failed'), translate('campaigns.untested'), translate('campaigns.comments')],
    unfinished: translate('campaigns.unfinished'),
  }))
  const name = `${translate('campaigns.csv.file')}-${uniqueSlug(campaign.name, new Set(), campaign.id.slice(0, 8))}.csv`
  return { name, blob: new Blob([text], { type: 'text/csv;charset=utf-8' }) }
}
