import type { RequestStatus } from '../../domain/records/request.ts'

// i18n keys must be plain ASCII words, so statuses with spaces or Danish letters are mapped.
const STATUS: Record<RequestStatus, string> = {
  ny: 'ny', 'i gang': 'iGang', venter: 'venter', henvist: 'henvist',
  'sendt til IT': 'sendtTilIt', løst: 'loest', 'uden for rollen': 'udenForRollen',
}

/** i18n key of a request status label. */
export const statusKey = (s: RequestStatus): string => `requests.status.${STATUS[s]}`
