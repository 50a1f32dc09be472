import { db } from './database.ts'
import { bucketOf, type FactPack, type PackKind } from '../domain/report/facts.ts'
import type { TeamId } from '../domain/records/fields.ts'

/**
 * The team's fact packs of `kind` (see domain/report/facts.ts) that hold the times from `start` up
 * to `end`, in one range read. A pack spans seven days, so its facts must still be cut to the times.
 */
export function readFactPacks(teamId: TeamId, kind: PackKind, start: number, end: number): Promise<FactPack[]> {
  return db().reportPacks.where('[teamId+kind+bucket]').between([teamId, kind, bucketOf(start)], [teamId, kind, bucketOf(end - 1)], true, true).toArray()
}
