import type { Request } from './records/request.ts'

// Kept apart from faultReport.ts (which brings valibot) so Home's card stays small.

/** True for a colleague's QR fault report that nobody has taken yet: channel qr, status ny, no assignee. */
export function isNewFaultReport(r: Pick<Request, 'channel' | 'status' | 'assigneeId' | 'deletedAt'>): boolean {
  return r.channel === 'qr' && r.status === 'ny' && r.assigneeId === null && r.deletedAt === null
}
