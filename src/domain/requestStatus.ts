import type { RequestStatus } from './records/request.ts'

/** Statuses that still need someone to act; the rest are closed. */
export const OPEN_STATUSES: readonly RequestStatus[] = ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT']

/** True while the request still needs work. */
export function isOpenStatus(status: RequestStatus): boolean {
  return OPEN_STATUSES.includes(status)
}
