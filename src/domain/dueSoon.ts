import { addDays } from './calendarDate.ts'

/** How many days ahead Home's "Forfalder snart" looks. */
export const DUE_SOON_DAYS = 7

/** Where a due date stands on `today`: before it is overdue, up to DUE_SOON_DAYS after it is soon, else null. */
export function dueStateOf(dueDate: string | null, today: string, days: number = DUE_SOON_DAYS): 'overdue' | 'soon' | null {
  if (!dueDate) return null
  if (dueDate < today) return 'overdue'
  return dueDate <= addDays(today, days) ? 'soon' : null
}
