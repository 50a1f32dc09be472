import { describe, expect, it } from 'vitest'
import { db } from '../../../src/db/database.ts'
import { ensureProfile, getTeam } from '../../../src/db/profile.ts'
import { saveTeamLists, TeamListsError } from '../../../src/db/teamLists.ts'
import { DEFAULT_TEAM_CATEGORIES, DEFAULT_TEAM_PRESETS } from '../../../src/domain/teamLists.ts'

describe('saving team lists', () => {
  it('stores trimmed lists on the team and queues one patch of the team', async () => {
    const { teamId } = await ensureProfile()
    const categories = [{ key: 'teams', label: '  Teams ', active: true }, ...DEFAULT_TEAM_CATEGORIES]
    const presets = [{ ...DEFAULT_TEAM_PRESETS[0]!, label: ' Lås op ', minutes: 3 }]
    await saveTeamLists(teamId, categories, presets)
    const team = await getTeam(teamId)
    expect(team?.categories?.[0]).toEqual({ key: 'teams', label: 'Teams', active: true })
    expect(team?.presets).toEqual([{ ...DEFAULT_TEAM_PRESETS[0], label: 'Lås op', minutes: 3 }])
    const outbox = await db().outbox.toArray()
    expect(outbox).toHaveLength(1)
    expect(outbox[0]).toMatchObject({ table: 'teams', recordId: teamId, op: 'patch' })
    expect(Object.keys(outbox[0]!.fields).sort()).toEqual(['categories', 'presets', 'updatedAt'])
  })

  it('refuses lists with problems and stores nothing', async () => {
    const { teamId } = await ensureProfile()
    await expect(saveTeamLists(teamId, [], DEFAULT_TEAM_PRESETS)).rejects.toBeInstanceOf(TeamListsError)
    expect((await getTeam(teamId))?.categories).toBeUndefined()
    expect(await db().outbox.count()).toBe(0)
  })
})
