import { patchRecord } from './write.ts'
import { checkTeamLists, type TeamListProblem } from '../domain/teamLists.ts'
import type { Team, TeamCategory, TeamId, TeamPreset } from '../domain/types.ts'

/** Raised when edited category or preset lists cannot be saved; nothing was stored. */
export class TeamListsError extends Error {
  constructor(readonly problems: readonly TeamListProblem[]) {
    super(`Team lists have ${problems.length} problem(s)`)
    this.name = 'TeamListsError'
  }
}

/**
 * Saves a team's categories and presets (trimmed names) on its Team record, queued for sync
 * like any edit: every device of the team then offers them in the request form and quick-log.
 * A list that did not change is not queued, so it cannot clash with another device's edit.
 */
export async function saveTeamLists(teamId: TeamId, categories: readonly TeamCategory[], presets: readonly TeamPreset[], now: number = Date.now()): Promise<Team> {
  const problems = checkTeamLists(categories, presets)
  if (problems.length > 0) throw new TeamListsError(problems)
  return patchRecord('teams', teamId, {
    categories: categories.map((c) => ({ key: c.key, label: c.label.trim(), active: c.active })),
    presets: presets.map((p) => ({
      id: p.id, label: p.label.trim(), category: p.category, minutes: p.minutes,
      activity: p.activity, owner: p.owner, status: p.status, active: p.active,
    })),
  }, now)
}
