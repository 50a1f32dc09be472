import { patchRecord } from './write.ts'
import { editedFields, editRevsOf, type EditBase } from '../domain/editBase.ts'
import { checkNamingPatterns, cleanNamingPatterns, type NamingPatternDraft, type NamingProblem } from '../domain/namingRules.ts'
import type { NamingPattern, Team } from '../domain/records/team.ts'
import type { TeamId } from '../domain/records/fields.ts'

/** Raised when edited naming rules cannot be saved; nothing was stored. */
export class NamingPatternsError extends Error {
  constructor(readonly problems: readonly NamingProblem[]) {
    super(`Naming rules have ${problems.length} problem(s)`)
    this.name = 'NamingPatternsError'
  }
}

/** The team setting the naming screen edits. */
export interface NamingSettings {
  readonly namingPatterns: readonly NamingPattern[]
}

/**
 * Saves a team's naming rules (checked and cleaned, see cleanNamingPatterns) on its Team record in
 * one transaction with its outbox entry, so every device of the team gets them by sync. With
 * `opened` (the rules and revision the editor showed) the list is queued only when the person
 * changed it, based on that revision: a rule another koordinator changed meanwhile ends as a
 * conflict with both versions instead of being overwritten unseen.
 */
export async function saveNamingPatterns(
  teamId: TeamId, drafts: readonly NamingPatternDraft[], now: number = Date.now(), opened?: EditBase<NamingSettings>,
): Promise<Team> {
  const problems = checkNamingPatterns(drafts)
  if (problems.length > 0) throw new NamingPatternsError(problems)
  const settings: NamingSettings = { namingPatterns: cleanNamingPatterns(drafts) }
  const changes = opened ? editedFields(opened, settings) : settings
  return patchRecord('teams', teamId, changes, now, opened && editRevsOf(opened))
}
