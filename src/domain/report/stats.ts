/** Small statistics the reports need, as pure functions. */

/** A key and how many records have it. */
export interface Count {
  readonly key: string
  readonly count: number
}

/** Counts the keys, most first (ties in key order, so the result never depends on input order). */
export function countBy<T>(items: readonly T[], keyOf: (item: T) => string): Count[] {
  const counts = new Map<string, number>()
  for (const item of items) {
    const key = keyOf(item)
    counts.set(key, (counts.get(key) ?? 0) + 1)
  }
  return sortedCounts(counts)
}

/** The counts of a map from key to count, most first (ties in key order), leaving out keys counted 0. */
export function sortedCounts(counts: ReadonlyMap<string, number>): Count[] {
  return [...counts].filter(([, count]) => count > 0).map(([key, count]) => ({ key, count })).sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
}

/**
 * The p-th percentile (0–100) by the nearest-rank method: the smallest value with at least p % of
 * the values at or below it. The median is percentile 50. Null for no values.
 */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length))
  return sorted[rank - 1]!
}

/** `part` of `whole` as a fraction 0–1; 0 when the whole is 0. */
export function share(part: number, whole: number): number {
  return whole === 0 ? 0 : part / whole
}
