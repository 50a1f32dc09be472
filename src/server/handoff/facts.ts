import type { Asset } from '../../domain/records/asset.ts'
import type { Department } from '../../domain/records/department.ts'
import type { HandOff } from '../../domain/records/handOff.ts'
import type { Person } from '../../domain/records/person.ts'
import type { Request } from '../../domain/records/request.ts'
import type { SyncTableName } from '../../domain/records/syncTables.ts'
import { getLiveRecord } from '../storage/liveRecords.ts'
import type { Db } from '../storage/schema.ts'

/** The hand-off and the records it speaks about, each undefined when missing or deleted. */
export interface LoadedHandOff {
  readonly handOff?: HandOff
  readonly request?: Request
  readonly department: Department | null
  readonly asset: Asset | null
  readonly superuser: Person | null
}

async function read<T>(db: Db, table: SyncTableName, id: string | null | undefined): Promise<T | undefined> {
  if (!id) return undefined
  const row = await getLiveRecord(db, table, id)
  return row ? { ...JSON.parse(row.data) as T, id: row.id, teamId: row.teamId, createdBy: row.createdBy } : undefined
}

/** Reads a hand-off with its request, the request's department and asset, and the superuser who sent it. */
export async function loadHandOffFacts(db: Db, handOffId: string): Promise<LoadedHandOff> {
  const handOff = await read<HandOff>(db, 'handOffs', handOffId)
  // A request of another team is never read into a hand-off, whatever id the device sent.
  const found = await read<Request>(db, 'requests', handOff?.requestId)
  const request = found && found.teamId === handOff?.teamId ? found : undefined
  return {
    handOff, request,
    department: await read<Department>(db, 'departments', request?.departmentId) ?? null,
    asset: await read<Asset>(db, 'assets', request?.assetId) ?? null,
    superuser: await read<Person>(db, 'people', handOff?.createdBy) ?? null,
  }
}
