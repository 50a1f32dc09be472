import type { Activity } from './activities.ts'
import type { Category, CategoryKey, Owner, RequestStatus } from './records/request.ts'

/** A one-tap template for a common superuser task (DESIGN.md "Typical superuser tasks"). */
export interface Preset {
  readonly id: string
  /** i18n key of the Danish label, also used as the request's default description. */
  readonly labelKey: string
  readonly category: CategoryKey
  /** Typical duration, logged as a time entry when quick-logging. */
  readonly minutes: number
  readonly activity: Activity
  /** Owner per the triage guide "Hvem løser det?". */
  readonly owner: Owner
  /** Status a quick-logged request gets: most are solved on the spot. */
  readonly status: RequestStatus
}

function preset(
  id: string, category: Category, minutes: number,
  extra: Partial<Pick<Preset, 'activity' | 'owner' | 'status'>> = {},
): Preset {
  return {
    id, labelKey: `requests.presets.${id}`, category, minutes,
    activity: extra.activity ?? 'daglig hjælp',
    owner: extra.owner ?? 'superbruger',
    status: extra.status ?? 'løst',
  }
}

/** The presets, in the order shown on the quick-log screen (most frequent first). */
export const PRESETS: readonly Preset[] = [
  preset('acadreUnlock', 'acadre', 5),
  preset('acadreAutoprofile', 'acadre', 15),
  preset('acadreCheckedOut', 'acadre', 10),
  preset('acadreArchive', 'acadre', 30),
  preset('acadreHelp', 'acadre', 10),
  preset('office', 'office', 10),
  preset('templates', 'skabeloncenter', 10),
  preset('doc2mail', 'doc2mail', 10),
  preset('telephony', 'telefoni', 10),
  preset('password', 'adgangskode', 5),
  preset('helpdesk', 'helpdesk', 10, { status: 'sendt til IT' }),
  preset('dataProtection', 'databeskyttelse', 15, { activity: 'databeskyttelse' }),
  preset('hardware', 'hardware', 10),
  preset('onboarding', 'onboarding', 30),
  preset('userTest', 'brugertest', 30, { activity: 'brugertest' }),
  preset('training', 'undervisning', 15, { activity: 'videndeling' }),
  preset('mobileSetup', 'hardware', 5, { owner: 'it-afdelingen', status: 'uden for rollen' }),
]

/** What the request rules need of a preset: a built-in Preset or a team's own (TeamPreset). */
export type PresetRules = Pick<Preset, 'id' | 'category' | 'minutes' | 'activity' | 'owner' | 'status'>

/**
 * The preset with this id in `presets` (the built-in list unless a team's list is given), or
 * undefined for an unknown (e.g. retired) id.
 */
export function findPreset<P extends PresetRules = Preset>(id: string | null | undefined, presets: readonly P[] = PRESETS as unknown as readonly P[]): P | undefined {
  return id ? presets.find((p) => p.id === id) : undefined
}
