/** What went wrong with a local write, in terms the UI can explain. */
export type WriteProblem = 'quota' | 'missing' | 'closed' | 'unknown'

/** Classifies an error thrown by a Dexie write so the user gets a clear message. */
export function classifyWriteError(error: unknown): WriteProblem {
  const names = errorNames(error)
  if (names.some((n) => n === 'QuotaExceededError')) return 'quota'
  if (names.some((n) => n === 'RecordMissingError')) return 'missing'
  if (names.some((n) => n === 'DatabaseClosedError' || n === 'InvalidStateError')) return 'closed'
  return 'unknown'
}

function errorNames(error: unknown): string[] {
  const names: string[] = []
  let e: unknown = error
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    const { name, inner } = e as { name?: unknown, inner?: unknown }
    if (typeof name === 'string') names.push(name)
    e = inner
  }
  return names
}
