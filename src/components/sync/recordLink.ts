import type { SyncTableName } from '../../domain/records/syncTables.ts'

const ROUTES: Partial<Record<SyncTableName, string>> = {
  requests: '/henvendelser/',
  timeEntries: '/tid/',
  checklistRuns: '/tjeklister/',
  assets: '/udstyr/',
  tips: '/tips/',
}

/** The app path showing a record of `table`, or null when no screen shows it on its own. */
export function recordPath(table: SyncTableName, id: string): string | null {
  const base = ROUTES[table]
  return base ? `${base}${id}` : null
}

/** A field value as short readable text (null and '' become `empty`). */
export function showValue(value: unknown, empty: string): string {
  if (value === null || value === undefined || value === '') return empty
  if (typeof value === 'string') return value
  if (typeof value === 'number' || typeof value === 'boolean') return String(value)
  return JSON.stringify(value)
}
