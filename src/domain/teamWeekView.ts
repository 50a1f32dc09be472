/**
 * What each role sees of the group's week (DESIGN.md "Compliance", the privacy page): the
 * koordinator sees each superuser's hours against the band, to share out the work; the leder (and
 * the admin, who runs the server) sees the group's totals and, per person, only whether the band
 * was kept; a superuser sees their own row and the group's totals. Rows are in name order, never ranked.
 */
import type { GroupWeek, MemberRow, TeamMember, TeamWeek } from './teamWeek.ts'
import type { PersonId } from './records/fields.ts'
import type { Role } from './records/person.ts'

/** Whether a person's week kept the band, as the leder sees it. */
export type KeptMark = 'holdt' | 'ikke holdt' | 'fravær' | 'i gang'

/** A run of net weeks in a row outside the band; `kind` only for those who may see hours. */
export interface PressureView {
  readonly weeks: readonly string[]
  readonly ongoing: boolean
  readonly kind?: 'over' | 'under'
}

/** One person's row as the viewer may see it. */
export interface RowView {
  readonly person: TeamMember
  /** The full row (hours, band, open work), or null when the viewer may only see whether the band was kept. */
  readonly full: MemberRow | null
  readonly kept: readonly { readonly week: string, readonly mark: KeptMark }[]
  readonly pressure: readonly PressureView[]
}

/** How much of the group's week a role sees. */
export type TeamWeekScope = 'all' | 'kept' | 'own'

/** The group's week as the viewer may see it. */
export interface TeamWeekView {
  readonly scope: TeamWeekScope
  readonly weeks: readonly string[]
  readonly group: readonly GroupWeek[]
  readonly rows: readonly RowView[]
}

/** The scope of a role; no role (a device without an account) sees its own row. */
export function teamWeekScope(role: Role | string | undefined | null): TeamWeekScope {
  if (role === 'koordinator') return 'all'
  if (role === 'leder' || role === 'admin') return 'kept'
  return 'own'
}

function keptMarks(row: MemberRow): RowView['kept'] {
  return row.weeks.map((w) => ({
    week: w.week,
    mark: w.absent ? 'fravær' : !w.finished ? 'i gang' : w.status === 'inden for' ? 'holdt' : 'ikke holdt',
  }))
}

/** Cuts the group's week down to what `role` may see; `self` is the viewer's own person id. */
export function teamWeekView(week: TeamWeek, role: Role | string | undefined | null, self: PersonId): TeamWeekView {
  const scope = teamWeekScope(role)
  const rows = week.rows
    .filter((row) => scope !== 'own' || row.person.id === self)
    .map((row): RowView => {
      const full = scope === 'kept' ? null : row
      return {
        person: row.person, full, kept: keptMarks(row),
        pressure: row.pressure.map((p) => (full ? { weeks: p.weeks, ongoing: p.ongoing, kind: p.kind } : { weeks: p.weeks, ongoing: p.ongoing })),
      }
    })
  return { scope, weeks: week.weeks, group: week.group, rows }
}
