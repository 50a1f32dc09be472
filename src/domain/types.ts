import type { PhotoRef } from './photos.ts'

/** Branded string so ids of different record types cannot be mixed up. */
export type Brand<T, B extends string> = T & { readonly __brand: B }

export type TeamId = Brand<string, 'TeamId'>
export type PersonId = Brand<string, 'PersonId'>
export type DepartmentId = Brand<string, 'DepartmentId'>
export type RequestId = Brand<string, 'RequestId'>
export type TimeEntryId = Brand<string, 'TimeEntryId'>
export type AbsenceId = Brand<string, 'AbsenceId'>
export type ChecklistTemplateId = Brand<string, 'ChecklistTemplateId'>
export type ChecklistRunId = Brand<string, 'ChecklistRunId'>
export type ChecklistAnswerId = Brand<string, 'ChecklistAnswerId'>
export type AssetId = Brand<string, 'AssetId'>
export type TipId = Brand<string, 'TipId'>
export type TipReadId = Brand<string, 'TipReadId'>
export type ObservationId = Brand<string, 'ObservationId'>
export type HandOffId = Brand<string, 'HandOffId'>
export type LoanId = Brand<string, 'LoanId'>
export type CampaignId = Brand<string, 'CampaignId'>

/** Epoch milliseconds. All timestamps are stored this way. */
export type Millis = number

/** Fields every synced record carries (see DESIGN.md "Records"). */
export interface SyncFields<Id extends string> {
  readonly id: Id
  readonly teamId: TeamId
  readonly createdAt: Millis
  readonly createdBy: PersonId
  /** Device time of the last local edit, for display only. */
  readonly updatedAt: Millis
  /** Server sequence of the last change the server applied; 0 before first sync. */
  readonly rev: number
  /** Tombstone: set when deleted; the content fields are then wiped. */
  readonly deletedAt: Millis | null
}

/** Every role, in the order screens list them: the one list of roles (schemas, config and admin read it). */
export const ROLES = ['superbruger', 'koordinator', 'leder', 'admin'] as const
export type Role = (typeof ROLES)[number]

export interface BudgetBand {
  readonly minHours: number
  readonly maxHours: number
}

/** A band agreed for one person (e.g. 2 h a week), instead of the team's. */
export interface BudgetOverride extends BudgetBand {
  readonly personId: PersonId
}

export interface RetentionSettings {
  /** Months after closing before requester names and free text are anonymised. */
  readonly anonymiseAfterMonths: number
}

/** A request category as a team configures it (Mere → Kategorier og genveje). */
export interface TeamCategory {
  /** Stable key stored on requests: a built-in Category or a key made from the label. */
  readonly key: CategoryKey
  /** The team's own name for it; '' shows the built-in name of a built-in key. */
  readonly label: string
  /** Hidden categories stay on old requests but are not offered for new ones. */
  readonly active: boolean
}

/** A quick-log preset as a team configures it; the same rules as a built-in Preset. */
export interface TeamPreset {
  /** A built-in preset id or a key made from the label; stored on requests as presetId. */
  readonly id: string
  /** The team's own name for it; '' shows the built-in name of a built-in id. */
  readonly label: string
  readonly category: CategoryKey
  readonly minutes: number
  readonly activity: Activity
  readonly owner: Owner
  readonly status: RequestStatus
  readonly active: boolean
}

/** A team's rule for naming one kind of case or document (Navngivning), e.g. `{Emne} – {Adresse}`. */
export interface NamingPattern {
  /** Stable key made from the first name; the tip form and links address the rule by it. */
  readonly id: string
  /** The kind of case or document the rule is for ("Byggesag"). */
  readonly name: string
  /** The title with its fields in braces (see domain/namingPattern.ts). */
  readonly pattern: string
  readonly explanation: string
  readonly examples: readonly string[]
}

export interface Team extends SyncFields<TeamId> {
  readonly name: string
  readonly budget: BudgetBand
  /** Bands agreed for single people; absent means everyone has the team's band. */
  readonly budgetOverrides?: readonly BudgetOverride[]
  readonly retention: RetentionSettings
  /** The team's categories in display order; absent means the built-in CATEGORIES. */
  readonly categories?: readonly TeamCategory[]
  /** The team's quick-log presets in display order; absent means the built-in PRESETS. */
  readonly presets?: readonly TeamPreset[]
  /** The team's naming rules for cases and documents, in display order; absent means none yet. */
  readonly namingPatterns?: readonly NamingPattern[]
}

/** How well a person knows a skill: they can help, or they are the one to ask. */
export const SKILL_LEVELS = ['kan hjælpe', 'ekspert'] as const
export type SkillLevel = (typeof SKILL_LEVELS)[number]

/** One competence of a person: a team category or a free skill, with its level. */
export interface Skill {
  readonly name: string
  readonly level: SkillLevel
}

export interface Person extends SyncFields<PersonId> {
  readonly name: string
  readonly initials: string
  readonly email: string
  /** null for colleagues listed only as skill holders. */
  readonly role: Role | null
  readonly homeDepartmentId: DepartmentId | null
  /** The names of the person's skills; old clients read and write only this (see domain/skills.ts). */
  readonly competences: readonly string[]
  /** The levels of the skills in `competences`; absent on records from before levels (all "kan hjælpe"). */
  readonly skills?: readonly Skill[]
}

export interface Department extends SyncFields<DepartmentId> {
  readonly name: string
  readonly location: string
}

export const REQUEST_STATUSES = ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT', 'løst', 'uden for rollen'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]

/** How a request reached the team; `qr` is a colleague's fault report from an asset's label. */
export const CHANNELS = ['fremmøde', 'telefon', 'mail', 'chat', 'qr'] as const
export type Channel = (typeof CHANNELS)[number]

/** Who owns a request according to the triage guide "Hvem løser det?". */
export const OWNERS = ['medarbejder', 'superbruger', 'afdeling', 'it-afdelingen', 'ledelse'] as const
export type Owner = (typeof OWNERS)[number]

export const CATEGORIES = [
  'acadre', 'office', 'skabeloncenter', 'doc2mail', 'telefoni', 'adgangskode', 'helpdesk',
  'databeskyttelse', 'hardware', 'onboarding', 'brugertest', 'undervisning', 'andet',
] as const
export type Category = (typeof CATEGORIES)[number]
/** A category as stored on a request or tip: a built-in Category or one a team added. */
export type CategoryKey = Category | (string & {})

export interface Referral {
  readonly at: Millis
  readonly from: PersonId | null
  readonly to: PersonId | null
  readonly note: string
}

export interface StatusChange {
  readonly at: Millis
  readonly by: PersonId
  readonly from: RequestStatus | null
  readonly to: RequestStatus
}

export interface Request extends SyncFields<RequestId> {
  readonly requesterName: string
  readonly departmentId: DepartmentId | null
  readonly channel: Channel
  readonly category: CategoryKey
  readonly presetId: string | null
  readonly description: string
  readonly status: RequestStatus
  readonly owner: Owner
  readonly assigneeId: PersonId | null
  readonly referrals: readonly Referral[]
  readonly history: readonly StatusChange[]
  readonly assetId: AssetId | null
  readonly helpdeskCaseNo: string
  readonly resolution: string
  readonly tipId: TipId | null
  /** Photos taken for the request (absent on records made before photos existed). */
  readonly photos?: readonly PhotoRef[]
  /** Lower-cased words of description, requester and department, for indexed search. */
  readonly words: readonly string[]
}

export const ACTIVITIES = ['daglig hjælp', 'udvikling', 'videndeling', 'superbrugermøde', 'brugertest', 'databeskyttelse'] as const
export type Activity = (typeof ACTIVITIES)[number]

export interface TimeEntry extends SyncFields<TimeEntryId> {
  readonly personId: PersonId
  readonly start: Millis
  /** null while the timer runs: the running timer is stored, never held only in memory. */
  readonly end: Millis | null
  readonly activity: Activity
  readonly requestId: RequestId | null
  readonly note: string
  /** ISO week key of start, e.g. "2026-W48", for indexed week queries. */
  readonly week: string
}

export interface Absence extends SyncFields<AbsenceId> {
  readonly personId: PersonId
  /** ISO week key, e.g. "2026-W48". */
  readonly week: string
  readonly note: string
}

export const ITEM_KINDS = ['check', 'text', 'number', 'choice', 'date'] as const
export type ItemKind = (typeof ITEM_KINDS)[number]

export interface ChecklistItem {
  readonly key: string
  readonly label: string
  readonly kind: ItemKind
  readonly required: boolean
  readonly help?: string
  readonly choices?: readonly string[]
  /** A date item whose answer, when a recurring run is completed, is the next run's due date. */
  readonly schedulesNext?: boolean
}

/** How often a recurring template's next run falls due. */
export const RECURRENCE_UNITS = ['weeks', 'months'] as const
export type RecurrenceUnit = (typeof RECURRENCE_UNITS)[number]

/** Which departments get a run: every department of the team, or each one that is someone's home area. */
export const RECURRENCE_SCOPES = ['department', 'homeArea'] as const
export type RecurrenceScope = (typeof RECURRENCE_SCOPES)[number]

/** A template's rule for making its next run (the server makes it; see domain/recurrencePlan.ts). */
export interface Recurrence {
  /** Whole number ≥ 1 of `unit`s between due dates. */
  readonly every: number
  readonly unit: RecurrenceUnit
  readonly scope: RecurrenceScope
  /** yyyy-mm-dd: the first run's due date, and the anchor of later ones. */
  readonly startDate: string
  /** Stays the same across the template's versions, so their runs form one series. */
  readonly seriesId: string
}

export interface ChecklistTemplate extends SyncFields<ChecklistTemplateId> {
  readonly title: string
  readonly purpose: string
  readonly version: number
  readonly items: readonly ChecklistItem[]
  readonly archived: boolean
  /** Absent or null: the template does not recur. */
  readonly recurrence?: Recurrence | null
}

export const SUBJECT_KINDS = ['person', 'asset', 'request', 'department'] as const
export type SubjectKind = (typeof SUBJECT_KINDS)[number]

export interface ChecklistSubject {
  readonly kind: SubjectKind
  /** Record id for asset/request/department/person, or null for a free-text person. */
  readonly refId: string | null
  readonly label: string
}

export type ChecklistRunStatus = 'i gang' | 'fuldført' | 'annulleret'

export interface ChecklistRun extends SyncFields<ChecklistRunId> {
  readonly templateId: ChecklistTemplateId
  readonly templateVersion: number
  readonly title: string
  readonly subject: ChecklistSubject
  readonly status: ChecklistRunStatus
  readonly dueDate: string | null
  readonly completedAt: Millis | null
  /** Reason given when completing with required items unanswered; kept for the record. */
  readonly overrideReason: string
  /** The user-test campaign this run is one tester's part of; absent or null for other runs. */
  readonly campaignId?: CampaignId | null
}

export type AnswerValue = boolean | string | number | null

export interface ChecklistAnswer extends SyncFields<ChecklistAnswerId> {
  readonly runId: ChecklistRunId
  readonly itemKey: string
  readonly value: AnswerValue
  readonly answeredBy: PersonId
}

export const ASSET_TYPES = ['printer', 'pc', 'laptop', 'dock', 'skærm', 'telefon', 'headset', 'mødelokale', 'andet'] as const
export type AssetType = (typeof ASSET_TYPES)[number]

export interface Asset extends SyncFields<AssetId> {
  readonly code: string
  readonly type: AssetType
  readonly name: string
  readonly model: string
  readonly serial: string
  readonly building: string
  readonly floor: string
  readonly room: string
  readonly departmentId: DepartmentId | null
  readonly notes: string
  readonly retiredAt: Millis | null
  /** Photos of the asset and its label. */
  readonly photos?: readonly PhotoRef[]
  /** Marked "til udlån": only such an asset can be lent out. Records from before lending have no such field (false). */
  readonly forLoan?: boolean
}

/**
 * One lending of an asset "til udlån": to a colleague on the team's list (`borrowerId`) or to a
 * name typed in (`borrowerName`, with a department), from `since` until `until` (expected back),
 * and when it came back and who registered that. Dates are Danish calendar dates (yyyy-mm-dd).
 * One record per lending, so the asset's history keeps every one.
 */
export interface Loan extends SyncFields<LoanId> {
  readonly assetId: AssetId
  readonly borrowerId: PersonId | null
  readonly borrowerName: string
  readonly departmentId: DepartmentId | null
  readonly since: string
  readonly until: string
  readonly returnedOn: string | null
  readonly returnedBy: PersonId | null
}

export interface Tip extends SyncFields<TipId> {
  readonly title: string
  readonly body: string
  readonly tags: readonly string[]
  readonly category: CategoryKey | null
  readonly requestIds: readonly RequestId[]
  /**
   * Readable without an account at /t/<code> and offered on the fault-report page; only a
   * koordinator (or admin) sets it. Absent on tips written before the field existed: not public.
   */
  readonly public?: boolean
  /** Photos (screenshots) the guide shows. */
  readonly photos?: readonly PhotoRef[]
}

/**
 * One person reading a tip once: uses are counted as records that are only ever added, so two
 * devices reading the same tip offline both count, and no counter field can clash on sync.
 */
export interface TipRead extends SyncFields<TipReadId> {
  readonly tipId: TipId
  readonly personId: PersonId
}

export const OBSERVATION_KINDS = ['typisk problem', 'idé', 'ros', 'uhensigtsmæssig arbejdsgang', 'informationssikkerhed'] as const
export type ObservationKind = (typeof OBSERVATION_KINDS)[number]

/** Where an observation has got to; the koordinator moves it on. */
export const OBSERVATION_STATUSES = ['ny', 'drøftet i gruppen', 'givet videre til ledelsen', 'gennemført', 'lagt væk'] as const
export type ObservationStatus = (typeof OBSERVATION_STATUSES)[number]

export interface ObservationStatusChange {
  readonly at: Millis
  readonly by: PersonId
  readonly from: ObservationStatus | null
  readonly to: ObservationStatus
}

/**
 * What a superuser saw in a department — a typical problem, an idea, praise, a clumsy way of
 * working, an information-security matter: the second purpose of the role, in writing.
 */
export interface Observation extends SyncFields<ObservationId> {
  readonly departmentId: DepartmentId | null
  readonly kind: ObservationKind
  readonly text: string
  readonly status: ObservationStatus
  readonly history: readonly ObservationStatusChange[]
}

/** How a request goes to central IT: a mail to the helpdesk address, or an incident in TOPdesk. */
export const HANDOFF_CHANNELS = ['mail', 'topdesk'] as const
export type HandOffChannel = (typeof HANDOFF_CHANNELS)[number]

/** Where the server's hand-off job is: waiting (also while retrying), sent, failed with a reason, cancelled. */
export const HANDOFF_STATES = ['venter', 'sendt', 'fejlet', 'annulleret'] as const
export type HandOffState = (typeof HANDOFF_STATES)[number]

/**
 * A request handed to central IT (IT-afdelingen), made on the device (offline too) and carried
 * out by the server once it arrives. `state`, `reason`, `externalNumber`, `sentAt` and
 * `itClosedAt` are the server's to write; the device writes the rest, and may cancel while it waits.
 */
export interface HandOff extends SyncFields<HandOffId> {
  readonly requestId: RequestId
  readonly channel: HandOffChannel
  /** What the superuser already tried; goes in the mail or the incident. */
  readonly tried: string
  readonly state: HandOffState
  /** Why it failed or waits again (a code from domain/handOff.ts); null when nothing went wrong. */
  readonly reason: string | null
  /** What TOPdesk said about a refused field (its own words), '' otherwise. */
  readonly reasonDetail: string
  /** The TOPdesk incident number ('' for a mail or before it exists). */
  readonly externalNumber: string
  readonly sentAt: Millis | null
  /** When IT closed the incident, as the server saw it while following it. */
  readonly itClosedAt: Millis | null
}

/** A campaign is open while testers fill their runs; the koordinator closes it. */
export const CAMPAIGN_STATUSES = ['åben', 'lukket'] as const
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number]

/**
 * A user test at a version upgrade ("Acadre 24.2 – brugertest"): one checklist template, the
 * testers (superusers, and colleagues without an account as Person records) and a deadline. Each
 * tester fills a run of their own (see domain/campaign.ts campaignRunId); the koordinator reads
 * the result per item and closes it.
 */
export interface Campaign extends SyncFields<CampaignId> {
  readonly name: string
  readonly templateId: ChecklistTemplateId
  readonly templateVersion: number
  readonly testers: readonly PersonId[]
  /** yyyy-mm-dd: when the testers should be done. */
  readonly deadline: string
  readonly status: CampaignStatus
  readonly closedAt: Millis | null
}

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

/** Fields a client may not set itself; the server owns them. */
export type ContentOf<T> = Omit<T, keyof SyncFields<string>>
