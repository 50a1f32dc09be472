import type { Person, PersonId, Role } from './types.ts'

/** Who a request may be referred to: the superusers and the koordinator, never the leder (who does not take requests). */
const TAKES_REFERRALS: readonly Role[] = ['superbruger', 'koordinator']

/** One person in the referral dialog. */
export interface ReferralTarget {
  readonly person: Person
  /** The person's skills that fit the request (its category or preset), as they wrote them. */
  readonly fits: readonly string[]
  /** Absent (fravær) this week. */
  readonly absent: boolean
}

/** Lower-case letters and digits only: "Doc2mail / Digital Post" and "doc2mail/digital post" are one skill. */
function folded(text: string): string {
  return text.toLocaleLowerCase('da').replace(/[^\p{L}\p{N}]/gu, '')
}

/** Whether a skill fits a topic: the same words, or one contains the other ("Acadre" fits "Acadre-skabeloner"). */
export function skillFits(skill: string, topic: string): boolean {
  const a = folded(skill)
  const b = folded(topic)
  if (a.length < 3 || b.length < 3) return a === b && a !== ''
  return a.includes(b) || b.includes(a)
}

/**
 * The people a request can be referred to, best first: those with a skill that fits one of its
 * `topics` (the request's category and preset names), then those not absent this week, then by
 * name. The current assignee and anyone without a role that takes referrals are left out.
 */
export function referralTargets(
  people: readonly Person[], assigneeId: PersonId | null, topics: readonly string[], absent: ReadonlySet<PersonId>,
): ReferralTarget[] {
  const named = topics.filter((t) => t.trim() !== '')
  return people
    .filter((p) => p.deletedAt === null && p.id !== assigneeId && p.role !== null && TAKES_REFERRALS.includes(p.role))
    .map((person) => ({
      person,
      fits: person.competences.filter((skill) => named.some((topic) => skillFits(skill, topic))),
      absent: absent.has(person.id),
    }))
    .sort((a, b) => Number(b.fits.length > 0) - Number(a.fits.length > 0)
      || Number(a.absent) - Number(b.absent)
      || a.person.name.localeCompare(b.person.name, 'da'))
}
