import type { AssetType } from '../../domain/records/asset.ts'
import type { ChecklistRunStatus } from '../../domain/records/checklistRun.ts'
import type { RequestStatus } from '../../domain/records/request.ts'

/** i18n keys (under `assets.`) of the asset types; stored values keep their Danish names. */
export const ASSET_TYPE_KEYS: Readonly<Record<AssetType, string>> = {
  printer: 'types.printer', pc: 'types.pc', laptop: 'types.laptop', dock: 'types.dock', skærm: 'types.screen',
  telefon: 'types.phone', headset: 'types.headset', mødelokale: 'types.meetingRoom', andet: 'types.other',
}

/** i18n keys of request statuses, as shown in an asset's history. */
export const REQUEST_STATUS_KEYS: Readonly<Record<RequestStatus, string>> = {
  'ny': 'status.new', 'i gang': 'status.inProgress', 'venter': 'status.waiting', 'henvist': 'status.referred',
  'sendt til IT': 'status.sentToIt', 'løst': 'status.solved', 'uden for rollen': 'status.outOfRole',
}

/** i18n keys of checklist run statuses. */
export const RUN_STATUS_KEYS: Readonly<Record<ChecklistRunStatus, string>> = {
  'i gang': 'status.inProgress', 'fuldført': 'status.completed', 'annulleret': 'status.cancelled',
}
