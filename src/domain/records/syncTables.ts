// The synced tables: each table's name, record type and content schema, and the schemas of a
// `put` and a `patch` the server validates a push with. The schemas are built on first use, so a
// screen that needs only the table names does not carry them.
import * as valibot from 'valibot'
import { AbsenceSchema, type Absence } from './absence.ts'
import { AssetSchema, type Asset } from './asset.ts'
import { CampaignSchema, type Campaign } from './campaign.ts'
import { ChecklistAnswerSchema, type ChecklistAnswer } from './checklistAnswer.ts'
import { ChecklistRunSchema, type ChecklistRun } from './checklistRun.ts'
import { ChecklistTemplateSchema, type ChecklistTemplate } from './checklistTemplate.ts'
import { DepartmentSchema, type Department } from './department.ts'
import { millis, SyncFieldsSchema } from './fieldSchemas.ts'
import { HandOffSchema, type HandOff } from './handOff.ts'
import { LoanSchema, type Loan } from './loan.ts'
import { ObservationSchema, type Observation } from './observation.ts'
import { PersonSchema, type Person } from './person.ts'
import { RequestSchema, type Request } from './request.ts'
import { TeamSchema, type Team } from './team.ts'
import { TimeEntrySchema, type TimeEntry } from './timeEntry.ts'
import { TipSchema, type Tip } from './tip.ts'
import { TipReadSchema, type TipRead } from './tipRead.ts'

/** Map of synced table name to its record type. */
export interface SyncTables {
  teams: Team
  people: Person
  departments: Department
  requests: Request
  timeEntries: TimeEntry
  absences: Absence
  checklistTemplates: ChecklistTemplate
  checklistRuns: ChecklistRun
  checklistAnswers: ChecklistAnswer
  assets: Asset
  tips: Tip
  tipReads: TipRead
  observations: Observation
  handOffs: HandOff
  loans: Loan
  campaigns: Campaign
}
export type SyncTableName = keyof SyncTables
export type AnyRecord = SyncTables[SyncTableName]

export const SYNC_TABLES: readonly SyncTableName[] = [
  'teams', 'people', 'departments', 'requests', 'timeEntries', 'absences',
  'checklistTemplates', 'checklistRuns', 'checklistAnswers', 'assets', 'tips', 'tipReads', 'observations',
  'handOffs', 'loans', 'campaigns',
]

type ContentSchema = valibot.StrictObjectSchema<valibot.ObjectEntries, undefined>

/** Each table's content schema (its record file checks that it agrees with the record type). */
const CONTENT: { readonly [N in SyncTableName]: ContentSchema } = {
  teams: TeamSchema,
  people: PersonSchema,
  departments: DepartmentSchema,
  requests: RequestSchema,
  timeEntries: TimeEntrySchema,
  absences: AbsenceSchema,
  checklistTemplates: ChecklistTemplateSchema,
  checklistRuns: ChecklistRunSchema,
  checklistAnswers: ChecklistAnswerSchema,
  assets: AssetSchema,
  tips: TipSchema,
  tipReads: TipReadSchema,
  observations: ObservationSchema,
  handOffs: HandOffSchema,
  loans: LoanSchema,
  campaigns: CampaignSchema,
}

interface TableSchemas {
  readonly put: Record<SyncTableName, valibot.GenericSchema>
  readonly patch: Record<SyncTableName, valibot.GenericSchema>
}
let built: TableSchemas | undefined

function tableSchemas(): TableSchemas {
  if (built) return built
  const put = {} as Record<SyncTableName, valibot.GenericSchema>
  const patch = {} as Record<SyncTableName, valibot.GenericSchema>
  for (const table of SYNC_TABLES) {
    put[table] = valibot.strictObject({ ...SyncFieldsSchema.entries, ...CONTENT[table].entries })
    patch[table] = valibot.partial(valibot.strictObject({ ...CONTENT[table].entries, updatedAt: millis }))
  }
  built = { put, patch }
  return built
}

/** Content field names of a table (what a patch may change). */
export function contentFields(table: SyncTableName): readonly string[] {
  return Object.keys(CONTENT[table].entries)
}

/** Schema of the fields of a `put` (the whole record) for one table; unknown fields are rejected. */
export function putSchema(table: SyncTableName): valibot.GenericSchema {
  return tableSchemas().put[table]
}

/** Schema of the fields of a `patch` for one table: any subset of content fields plus updatedAt. */
export function patchSchema(table: SyncTableName): valibot.GenericSchema {
  return tableSchemas().patch[table]
}
