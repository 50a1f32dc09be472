import { CATEGORIES, type Category, type CategoryKey, type Owner, type RequestStatus } from './records/request.ts'
import { findPreset, type PresetRules } from './presets.ts'

/** One answer of the triage guide "Hvem løser det?": who owns it, why, and typical examples. */
export interface OwnerGuide {
  readonly owner: Owner
  /** i18n key of the short label ("IT-afdelingen"). */
  readonly labelKey: string
  /** i18n key of the explanation shown when this owner is chosen. */
  readonly explanationKey: string
  /** i18n keys of examples taken from DESIGN.md. */
  readonly exampleKeys: readonly string[]
}

const SLUGS: Record<Owner, string> = {
  medarbejder: 'employee',
  superbruger: 'superuser',
  afdeling: 'department',
  'it-afdelingen': 'centralIt',
  ledelse: 'management',
}

const EXAMPLE_COUNT: Record<Owner, number> = {
  medarbejder: 3, superbruger: 4, afdeling: 4, 'it-afdelingen': 2, ledelse: 2,
}

function guide(owner: Owner): OwnerGuide {
  const base = `requests.owners.${SLUGS[owner]}`
  return {
    owner,
    labelKey: `${base}.label`,
    explanationKey: `${base}.explanation`,
    exampleKeys: Array.from({ length: EXAMPLE_COUNT[owner] }, (_, i) => `${base}.ex${i + 1}`),
  }
}

/** The triage guide, in the order it is shown (the superuser's own role first). */
export const OWNER_GUIDE: readonly OwnerGuide[] = (
  ['superbruger', 'medarbejder', 'afdeling', 'it-afdelingen', 'ledelse'] as const
).map(guide)

/** The guide entry of an owner; every owner has one. */
export function guideFor(owner: Owner): OwnerGuide {
  return OWNER_GUIDE.find((g) => g.owner === owner) ?? guide(owner)
}

/** Every category is a superuser task in DESIGN.md; a new category must be decided here. */
const CATEGORY_OWNER: Record<Category, Owner> = Object.fromEntries(
  CATEGORIES.map((c) => [c, 'superbruger']),
) as Record<Category, Owner>

/**
 * Default owner of a new request: the preset's owner when a known preset is used, else the
 * category's (a category a team added is a superuser task until someone decides otherwise).
 */
export function defaultOwner(category: CategoryKey, presetId: string | null = null, presets?: readonly PresetRules[]): Owner {
  return findPreset(presetId, presets)?.owner ?? CATEGORY_OWNER[category as Category] ?? 'superbruger'
}

/** True when the request is not the superuser's job, so it is logged as out of role. */
export function isOutOfRole(owner: Owner): boolean {
  return owner !== 'superbruger'
}

/**
 * The status to suggest after the owner changes: out-of-role work becomes "uden for rollen"
 * (except a case already sent to central IT when IT owns it); back in role, "uden for rollen"
 * returns to "ny"; anything else is left alone.
 */
export function suggestStatusForOwner(owner: Owner, current: RequestStatus): RequestStatus {
  if (isOutOfRole(owner)) {
    if (owner === 'it-afdelingen' && current === 'sendt til IT') return current
    return 'uden for rollen'
  }
  return current === 'uden for rollen' ? 'ny' : current
}
