import { findPreset } from '../../domain/presets.ts'
import type { Activity } from '../../domain/activities.ts'
import type { AssetId, PersonId, RequestId, TipId } from '../../domain/records/fields.ts'
import type { AssetType } from '../../domain/records/asset.ts'
import type { Category, Channel, Owner, Referral, RequestStatus, StatusChange } from '../../domain/records/request.ts'
import type { SystemRecord } from '../storage/systemWrite.ts'
import type { DemoAsset } from './assets.ts'
import { plusDays, weekOf } from './calendar.ts'
import type { DemoOrganisation, DemoPerson } from './organisation.ts'
import type { Random } from './random.ts'
import type { RecordMaker } from './records.ts'
import { DESCRIPTIONS, RESOLUTIONS, type RequestKind } from './texts.ts'

/** How often each kind comes up: Acadre, Office and passwords dominate, as superusers report. */
const KIND_WEIGHTS: Readonly<Record<RequestKind, number>> = {
  acadreUnlock: 12, acadreHelp: 12, office: 12, password: 8, hardware: 8, templates: 7, helpdesk: 6,
  acadreCheckedOut: 5, doc2mail: 5, telephony: 5, acadreAutoprofile: 4, training: 4, other: 4,
  dataProtection: 3, onboarding: 2, mobileSetup: 2, paper: 2, acadreArchive: 1, userTest: 1, specialistSystem: 1,
}

/** Kinds outside the superuser role, with their owner per the triage guide. */
const OUT_OF_ROLE: Partial<Record<RequestKind, { category: Category; owner: Owner }>> = {
  paper: { category: 'hardware', owner: 'medarbejder' },
  specialistSystem: { category: 'andet', owner: 'afdeling' },
  mobileSetup: { category: 'hardware', owner: 'it-afdelingen' },
}

/** Skill that makes a superuser the one to refer a kind to. */
const REFER_SKILL: Partial<Record<RequestKind, string>> = {
  templates: 'Skabeloncenter', telephony: 'Telefoni', doc2mail: 'Doc2mail / Digital Post', acadreAutoprofile: 'Autoprofiler',
  acadreArchive: 'Arkivaflevering', office: 'Office',
}

// Demo requests come in person, by phone, mail or chat; QR reports come only from real labels.
const CHANNELS: Readonly<Record<Exclude<Channel, 'qr'>, number>> = { fremmøde: 45, telefon: 20, mail: 20, chat: 15 }

type Outcome = 'spot' | 'later' | 'open' | 'referred' | 'it' | 'outOfRole'

/** A request decided before it is placed in the week; `minutes` null when no time was logged. */
export interface RequestPlan {
  readonly kind: RequestKind
  readonly outcome: Outcome
  readonly minutes: number | null
  readonly activity: Activity
  readonly requester: DemoPerson
  readonly channel: Channel
  readonly referTo: DemoPerson | null
}

/** Everything building a request needs besides the plan. */
export interface RequestContext {
  readonly random: Random
  readonly maker: RecordMaker
  readonly org: DemoOrganisation
  readonly assets: readonly DemoAsset[]
  readonly tips: ReadonlyArray<{ id: TipId; category: Category; createdAt: number }>
  readonly now: number
}

function roundTo5(minutes: number): number {
  return Math.max(5, Math.round(minutes / 5) * 5)
}

/** Decides one request of `superuser` in a week starting `weekStart` (recent ones are more often open). */
export function planRequest(ctx: RequestContext, superuser: DemoPerson, weekStart: number): RequestPlan {
  const { random, org } = ctx
  const kind = random.weighted(KIND_WEIGHTS)
  const preset = findPreset(kind)
  const here = org.colleagues.filter((c) => c.firstDay === null || c.firstDay <= weekStart)
  const local = here.filter((c) => c.department.id === superuser.department.id || (superuser.department.name === 'Sekretariatet' && c.department.name === 'Direktionen'))
  const requester = random.chance(0.75) && local.length > 0 ? random.pick(local) : random.pick(here)
  const skill = REFER_SKILL[kind]
  const experts = skill ? org.superusers.filter((s) => s.id !== superuser.id && s.competences.includes(skill)) : []
  const recent = ctx.now - weekStart < 14 * 86_400_000
  let outcome: Outcome = 'spot'
  if (OUT_OF_ROLE[kind]) outcome = 'outOfRole'
  else if (kind === 'helpdesk' || (kind === 'hardware' && random.chance(0.3))) outcome = 'it'
  else if (experts.length > 0 && random.chance(0.25)) outcome = 'referred'
  else if (recent && random.chance(0.18)) outcome = 'open'
  else if (!recent && random.chance(0.02)) outcome = 'open'
  else if (random.chance(0.15)) outcome = 'later'
  const channel = outcome === 'later' ? random.pick<Channel>(['mail', 'chat', 'telefon']) : random.weighted(CHANNELS)
  const base = preset?.minutes ?? (kind === 'other' ? 15 : 5)
  // Some referred or still open requests were only registered, not worked on yet.
  const minutes = (outcome === 'referred' || outcome === 'open') && random.chance(0.4) ? null : roundTo5(base * (0.6 + random.next() * 1.1))
  return {
    kind, outcome, minutes, activity: preset?.activity ?? 'daglig hjælp', requester, channel,
    referTo: outcome === 'referred' ? random.pick(experts) : null,
  }
}

function assetTypeOf(description: string): AssetType | null {
  const text = description.toLowerCase()
  if (/printer|kopimaskin|toner/.test(text)) return 'printer'
  const types: AssetType[] = ['skærm', 'dock', 'headset', 'mødelokale']
  return types.find((t) => text.includes(t.slice(0, 5))) ?? null
}

/** Builds the request of `plan`, done by `superuser` from `start` to `end`, and its time entry. */
export function buildRequest(ctx: RequestContext, plan: RequestPlan, superuser: DemoPerson, start: number, end: number): SystemRecord[] {
  const { random, now } = ctx
  const at = plan.minutes === null ? start : end
  const description = random.pick(DESCRIPTIONS[plan.kind])
  const preset = findPreset(plan.kind)
  const outOfRole = OUT_OF_ROLE[plan.kind]
  const history: StatusChange[] = []
  const move = (when: number, by: PersonId, to: RequestStatus): boolean => {
    if (when > now) return false
    history.push({ at: when, by, from: history.at(-1)?.to ?? null, to })
    return true
  }
  let helpdeskCaseNo = ''
  let assigneeId: PersonId | null = superuser.id
  const referrals: Referral[] = []
  switch (plan.outcome) {
    case 'outOfRole': move(at, superuser.id, 'uden for rollen'); break
    case 'it':
      helpdeskCaseNo = `INC${random.int(1_000_000, 9_999_999)}`
      move(at, superuser.id, 'sendt til IT')
      if (random.chance(0.85)) move(plusDays(at, random.int(1, 8)), superuser.id, 'løst')
      break
    case 'referred': {
      const to = plan.referTo!
      move(at, superuser.id, 'ny')
      referrals.push({ at, from: superuser.id, to: to.id, note: `${to.name.split(' ')[0]} kender ${REFER_SKILL[plan.kind]} bedst.` })
      assigneeId = to.id
      move(at, superuser.id, 'henvist')
      if (random.chance(0.8)) move(plusDays(at, random.int(1, 4)), to.id, 'løst')
      break
    }
    case 'open':
      move(at, superuser.id, 'ny')
      if (plan.minutes !== null) move(at, superuser.id, random.pick<RequestStatus>(['i gang', 'venter']))
      break
    case 'later':
      move(at, superuser.id, 'ny')
      move(plusDays(at, random.int(1, 3)), superuser.id, 'løst')
      break
    case 'spot': move(at, superuser.id, 'løst'); break
  }
  const status = history.at(-1)!.to
  const category = outOfRole?.category ?? preset?.category ?? 'andet'
  const wantedAsset = assetTypeOf(description)
  const candidates = wantedAsset ? ctx.assets.filter((a) => a.type === wantedAsset && a.department.id === plan.requester.department.id) : []
  const tips = ctx.tips.filter((t) => t.category === category && t.createdAt < at)
  const request = ctx.maker.make('requests', {
    requesterName: plan.requester.name, departmentId: plan.requester.department.id, channel: plan.channel, category,
    presetId: preset?.id ?? null, description, status, owner: outOfRole?.owner ?? preset?.owner ?? 'superbruger',
    assigneeId, referrals, history, assetId: candidates.length > 0 ? random.pick(candidates).id as AssetId : null,
    helpdeskCaseNo, resolution: status === 'løst' ? random.pick(RESOLUTIONS[plan.kind]) : '',
    tipId: tips.length > 0 && status === 'løst' && random.chance(0.3) ? random.pick(tips).id : null,
  }, at, superuser.id, { updatedAt: history.at(-1)!.at })
  if (plan.minutes === null) return [request]
  const entry = ctx.maker.make('timeEntries', {
    personId: superuser.id, start, end, activity: plan.activity, requestId: String(request.record.id) as RequestId, note: '', week: weekOf(start),
  }, end, superuser.id)
  return [request, entry]
}
