import { patchRecord } from './write.ts'
import { editedFields, editRevsOf, type EditBase } from '../domain/editBase.ts'
import { checkTeamLists, type TeamListProblem } from '../domain/teamLists.ts'
import type { Team, TeamCategory, TeamPreset } from '../domain/records/team.ts'
import type { TeamId } from '../domain/records/fields.ts'

/** Raised when edited category or preset lists cannot be saved; nothing was stored. */
export class TeamListsError extends Error {
  constructor(readonly problems: readonly TeamListProblem[]) {
    super(`Team lists have ${problems.length} problem(s)`)
    this.name = 'TeamListsError'
  }
}

/** The lists as stored: names trimmed, only the known keys of each item. */
export function cleanTeamLists(categories: readonly TeamCategory[], presets: readonly TeamPreset[]): TeamLists {
  return {
    categories: categories.map((c) => ({ key: c.key, label: c.label.trim(), active: c.active })),
    presets: presets.map((p) => ({
      id: p.id, label: p.label.trim(), category: p.category, minutes: p.minutes,
      activity: p.activity, owner: p.owner, status: p.status, active: p.active,
    })),
  }
}

/** A team's category and preset lists, as the admin screen edits them. */
export interface TeamLists {
  readonly categories: readonly TeamCategory[]
  readonly presets: readonly TeamPreset[]
}

/**
 * Saves a team's categories and presets (trimmed names) on its Team record, queued for sync
 * like any edit: every device of the team then offers them in the request form and quick-log.
 * With `opened` (the lists and revision the screen showed when it opened) only a list the person
 * changed is queued, based on that revision, so it cannot undo another device's edit of the other
 * list; without it, a list that did not change from what is stored is not queued.
 */
export async function saveTeamLists(
  teamId: TeamId, categories: readonly TeamCategory[], presets: readonly TeamPreset[], now: number = Date.now(), opened?: EditBase<TeamLists>,
): Promise<Team> {
  const problems = checkTeamLists(categories, presets)
  if (problems.length > 0) throw new TeamListsError(problems)
  const lists = cleanTeamLists(categories, presets)
  const changes = opened ? editedFields(opened, lists) : lists
  return patchRecord('teams', teamId, changes, now, opened && editRevsOf(opened))
}
