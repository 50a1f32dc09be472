import type { PersonId } from './records/fields.ts'

/**
 * Whether a run belongs on someone's checklist list: any run that is not a campaign's, and of a
 * campaign's runs the viewer's own and those of colleagues without an account (a superuser fills
 * those at the colleague's desk); a koordinator sees every run.
 */
export function showsCampaignRun(
  run: { readonly campaignId?: string | null, readonly subject: { readonly refId: string | null } },
  viewer: { readonly personId: PersonId, readonly seesAll: boolean },
  hasAccount: (personId: string) => boolean,
): boolean {
  if (!run.campaignId || viewer.seesAll || run.subject.refId === viewer.personId) return true
  return run.subject.refId === null || !hasAccount(run.subject.refId)
}
