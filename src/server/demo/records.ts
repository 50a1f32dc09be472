import type { SystemRecord } from '../storage/systemWrite.ts'
import type { ContentOf, PersonId, TeamId } from '../../domain/records/fields.ts'
import type { SyncTableName, SyncTables } from '../../domain/records/syncTables.ts'
import type { Random } from './random.ts'

/** Content of a record as the demo makes it; requests leave out `words`, which only devices derive. */
export type DemoContent<N extends SyncTableName> = N extends 'requests' ? Omit<ContentOf<SyncTables[N]>, 'words'> : ContentOf<SyncTables[N]>

/** Makes whole records with sync fields and seeded ids, all in one team. */
export interface RecordMaker {
  readonly teamId: TeamId
  /** A record of `table` created at `at` by `by`; `id` given or a seeded UUIDv7 of `at`. */
  make<N extends SyncTableName>(table: N, content: DemoContent<N>, at: number, by: PersonId, options?: { id?: string; updatedAt?: number }): SystemRecord
}

/** A record maker for `teamId` drawing ids from `random`. */
export function recordMaker(random: Random, teamId: TeamId): RecordMaker {
  return {
    teamId,
    make(table, content, at, by, options = {}) {
      const id = options.id ?? random.uuid(at)
      const record = { id, teamId, createdAt: at, createdBy: by, updatedAt: options.updatedAt ?? at, rev: 0, deletedAt: null, ...content }
      return { table, record }
    },
  }
}

/** The id of a made record, typed as the caller needs it. */
export function idOf<Id extends string>(made: SystemRecord): Id {
  return made.record.id as Id
}
