import { expect } from 'vitest'
import type { StoredConflict } from '../../../src/db/conflicts.ts'
import { sameValue } from '../../../src/domain/merge.ts'
import type { Counts } from './schedule.ts'

/** A value a person wrote on a device: `pre` is what that device showed in the field before. */
export interface Written {
  readonly step: number
  readonly user: number
  readonly id: string
  readonly field: string
  readonly value: unknown
  readonly pre: unknown
}

/** A conflict a person handled (kept theirs or re-applied their own). */
export interface Handled {
  readonly user: number
  readonly conflict: StoredConflict
}

/** The server's view at the end: each record's content (absent: deleted or purged) and its conflict rows. */
export interface ServerEnd {
  readonly live: ReadonlyMap<string, Readonly<Record<string, unknown>>>
  readonly conflicts: ReadonlyArray<{ id: string; user: number; recordId: string; field: string; seen: boolean }>
}

/** What each user's devices hold at the end, plus what the user handled on the way. */
export type ShownTo = ReadonlyMap<number, readonly StoredConflict[]>

/**
 * Every conflict the server recorded reached its writer: a device of theirs holds it, or they
 * handled it there, or its record is gone (a deleted record keeps no old text on devices); and a
 * device acknowledged it, so it is not delivered again.
 */
export function expectConflictsDelivered(server: ServerEnd, shown: ShownTo, counts: Counts): void {
  for (const row of server.conflicts) {
    counts.conflictsRecorded += 1
    expect(row.seen, `conflict ${row.id} acknowledged`).toBe(true)
    if (!server.live.has(row.recordId)) continue
    const held = (shown.get(row.user) ?? []).some((c) => c.id === row.id)
    expect(held, `conflict ${row.recordId}.${row.field} of user ${row.user} reached a device of theirs`).toBe(true)
  }
}

/** No device holds a conflict twice, nor one the server never recorded for its user. */
export function expectNoDoubledConflicts(stored: readonly StoredConflict[], user: number, server: ServerEnd): void {
  const keys = stored.map((c) => `${c.recordId}/${c.field}/${c.mutationId}/${JSON.stringify(c.yours)}`)
  expect(new Set(keys).size, 'each conflict stored once').toBe(keys.length)
  const known = new Set(server.conflicts.filter((row) => row.user === user).map((row) => row.id))
  for (const c of stored) expect(known.has(c.id), `stored conflict ${c.id} is one of the user's`).toBe(true)
}

/**
 * Every value written is the final value, or a conflict shown to its writer (held or handled on
 * a device of theirs), or was overwritten by someone who had it on screen (a later write whose
 * device showed that value before), or its record was deleted. Nothing disappears unseen.
 */
export function expectWritesKept(writes: readonly Written[], server: ServerEnd, shown: ShownTo, counts: Counts): void {
  for (const w of writes) {
    counts.writesChecked += 1
    const record = server.live.get(w.id)
    if (!record) {
      counts.writesDeleted += 1
      continue
    }
    if (sameValue(record[w.field], w.value)) {
      counts.writesFinal += 1
      continue
    }
    if ((shown.get(w.user) ?? []).some((c) => c.recordId === w.id && c.field === w.field && sameValue(c.yours, w.value))) {
      counts.writesInConflict += 1
      continue
    }
    const seen = writes.some((later) => later.step > w.step && later.id === w.id && later.field === w.field && sameValue(later.pre, w.value))
    expect(seen, `${w.id}.${w.field} = ${JSON.stringify(w.value)} (user ${w.user}, step ${w.step}) is final, a conflict of its writer, or overwritten by someone who saw it`).toBe(true)
    counts.writesOverwrittenSeen += 1
  }
}
