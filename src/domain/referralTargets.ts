import { levelRank, skillKey, skillsOf } from './skills.ts'
import type { Person, Role, Skill } from './records/person.ts'
import type { PersonId } from './records/fields.ts'

/** Who a request may be referred to: the superusers and the koordinator, never the leder (who does not take requests). */
const TAKES_REFERRALS: readonly Role[] = ['superbruger', 'koordinator']

/** One person in the referral dialog. */
export interface ReferralTarget {
  readonly person: Person
  /** The person's skills that fit the request (its category or preset), experts first, as they wrote them. */
  readonly fits: readonly Skill[]
  /** The person's other skills, experts first. */
  readonly others: readonly Skill[]
  /** Absent (fravær) this week. */
  readonly absent: boolean
}

/** Whether a skill fits a topic: the same words, or one contains the other ("Acadre" fits "Acadre-skabeloner"). */
export function skillFits(skill: string, topic: string): boolean {
  const a = skillKey(skill)
  const b = skillKey(topic)
  if (a.length < 3 || b.length < 3) return a === b && a !== ''
  return a.includes(b) || b.includes(a)
}

/** 0 for an expert fit, 1 for "kan hjælpe", 2 for no fitting skill. */
function fitRank(fits: readonly Skill[]): number {
  return fits.length === 0 ? 2 : Math.min(...fits.map((s) => levelRank(s.level)))
}

function byLevel(a: Skill, b: Skill): number {
  return levelRank(a.level) - levelRank(b.level)
}

/**
 * The people a request can be referred to, best first: experts in one of its `topics` (the
 * request's category and preset names), then those who can help with it, then the rest; within
 * each, those not absent this week first, then by name. The current assignee and anyone without a
 * role that takes referrals (the leder, colleagues without an account) are left out.
 */
export function referralTargets(
  people: readonly Person[], assigneeId: PersonId | null, topics: readonly string[], absent: ReadonlySet<PersonId>,
): ReferralTarget[] {
  const named = topics.filter((t) => t.trim() !== '')
  return people
    .filter((p) => p.deletedAt === null && p.id !== assigneeId && p.role !== null && TAKES_REFERRALS.includes(p.role))
    .map((person) => {
      const skills = skillsOf(person)
      const fit = (s: Skill): boolean => named.some((topic) => skillFits(s.name, topic))
      return {
        person,
        fits: skills.filter(fit).sort(byLevel),
        others: skills.filter((s) => !fit(s)).sort(byLevel),
        absent: absent.has(person.id),
      }
    })
    .sort((a, b) => fitRank(a.fits) - fitRank(b.fits)
      || Number(a.absent) - Number(b.absent)
      || a.person.name.localeCompare(b.person.name, 'da'))
}
