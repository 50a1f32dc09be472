import Dexie, { type EntityTable, type Table } from 'dexie'
import type { Absence } from '../domain/records/absence.ts'
import type { Asset } from '../domain/records/asset.ts'
import type { ChecklistAnswer } from '../domain/records/checklistAnswer.ts'
import type { ChecklistRun } from '../domain/records/checklistRun.ts'
import type { ChecklistTemplate } from '../domain/records/checklistTemplate.ts'
import type { Department } from '../domain/records/department.ts'
import type { HandOff } from '../domain/records/handOff.ts'
import type { Loan } from '../domain/records/loan.ts'
import type { Campaign } from '../domain/records/campaign.ts'
import type { Person } from '../domain/records/person.ts'
import type { Observation } from '../domain/records/observation.ts'
import type { Request } from '../domain/records/request.ts'
import type { Team } from '../domain/records/team.ts'
import type { TimeEntry } from '../domain/records/timeEntry.ts'
import type { Tip } from '../domain/records/tip.ts'
import type { TipRead } from '../domain/records/tipRead.ts'
import type { Mutation } from '../domain/protocol.ts'
import { databaseNameFor, readDeviceAccount } from './account.ts'
import { schemaV2, schemaV7, schemaV11, schemaV14, upgradeToV2 } from './migrations.ts'
import { buildReportFacts, packFactsColumnWise, reportFactsMiddleware } from './reportFacts.ts'
import type { StoredConflict, StoredRejection } from './conflicts.ts'
import type { PhotoBlobRow } from './photos.ts'
import type { DeletedFact, EntryFact, FactPack, RequestFact } from '../domain/report/facts.ts'

/** A queued mutation; the id is assigned by IndexedDB in commit order. */
export type OutboxEntry = Omit<Mutation, 'mutationId'> & { mutationId?: number }

/** Small key/value facts about this device and database (client id, profile, cursor …). */
export interface MetaRow {
  key: string
  value: unknown
}

/** The time entry as stored: `running` mirrors `end === null`, since IndexedDB cannot index null. */
export type StoredTimeEntry = TimeEntry & { running: 0 | 1 }

/** One user's local database: every synced table plus the outbox and meta. */
export class SuperbrugerDb extends Dexie {
  teams!: EntityTable<Team, 'id'>
  people!: EntityTable<Person, 'id'>
  departments!: EntityTable<Department, 'id'>
  requests!: EntityTable<Request, 'id'>
  timeEntries!: EntityTable<StoredTimeEntry, 'id'>
  absences!: EntityTable<Absence, 'id'>
  checklistTemplates!: EntityTable<ChecklistTemplate, 'id'>
  checklistRuns!: EntityTable<ChecklistRun, 'id'>
  checklistAnswers!: EntityTable<ChecklistAnswer, 'id'>
  assets!: EntityTable<Asset, 'id'>
  tips!: EntityTable<Tip, 'id'>
  tipReads!: EntityTable<TipRead, 'id'>
  observations!: EntityTable<Observation, 'id'>
  handOffs!: EntityTable<HandOff, 'id'>
  /** Photo images by content hash: taken here (waiting to upload, or sent) or fetched for viewing. */
  photoBlobs!: EntityTable<PhotoBlobRow, 'hash'>
  loans!: EntityTable<Loan, 'id'>
  campaigns!: EntityTable<Campaign, 'id'>
  outbox!: EntityTable<OutboxEntry, 'mutationId'>
  meta!: EntityTable<MetaRow, 'key'>
  conflicts!: EntityTable<StoredConflict, 'id'>
  rejections!: EntityTable<StoredRejection, 'id'>
  /** Report facts: written only by db/reportFacts.ts, alongside every write of requests and time entries. */
  reportRequests!: EntityTable<RequestFact | DeletedFact, 'id'>
  reportEntries!: EntityTable<EntryFact | DeletedFact, 'id'>
  reportPacks!: Table<FactPack, [string, string, number]>

  constructor(name: string) {
    super(name)
    // Only the versions with an upgrade, and the current one: Dexie (since 3.0) reads the schema a
    // device has installed and adds what is missing, so versions 1, 3–6, 8, 10, 11 and 13 need no
    // declaration (each schemaVn holds all tables of its version). Each `stores` call parses every
    // version declared before it again: the twelve declarations cost ~20 ms of the first screen's task.
    // tests/unit/db/migrations.test.ts opens a database of every shipped version.
    this.version(2).stores(schemaV2).upgrade(upgradeToV2)
    this.version(7).stores(schemaV7).upgrade(buildReportFacts)
    this.version(12).stores(schemaV11).upgrade(packFactsColumnWise)
    this.version(14).stores(schemaV14)
    this.use(reportFactsMiddleware)
  }
}

/** The database used before anyone has signed in on this device (local use only, no sync). */
export const DEFAULT_DB_NAME = 'superbruger'

let current: SuperbrugerDb | null = null

/**
 * The open database of the signed-in account (opened lazily on first use): each account has its
 * own, so a shared device never mixes two people's data; without a sign-in, the local one.
 */
export function db(): SuperbrugerDb {
  const account = current ? null : readDeviceAccount()
  current ??= new SuperbrugerDb(account ? databaseNameFor(account.id) : DEFAULT_DB_NAME)
  return current
}

/** Closes the current database and makes `name` current; each user gets a database of their own. */
export function useDatabase(name: string): SuperbrugerDb {
  current?.close()
  current = new SuperbrugerDb(name)
  return current
}
