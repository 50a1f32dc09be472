import type { Activity } from '../../domain/activities.ts'
import type { Category, Channel, Owner } from '../../domain/records/request.ts'
import type { FieldError } from '../../domain/requestRules.ts'
import { guideFor } from '../../domain/triage.ts'
import { statusKey } from './requestStatusKey.ts'

// i18n keys must be plain ASCII words, so values with spaces or Danish letters are mapped.
const CHANNEL: Record<Channel, string> = { fremmøde: 'fremmoede', telefon: 'telefon', mail: 'mail', chat: 'chat', qr: 'qr' }
const ACTIVITY: Record<Activity, string> = {
  'daglig hjælp': 'dagligHjaelp', udvikling: 'udvikling', videndeling: 'videndeling',
  superbrugermøde: 'superbrugermoede', brugertest: 'brugertest', databeskyttelse: 'databeskyttelse',
}

// statusKey has its own module so Home's request card does not pull in the triage guide.
export { statusKey }

/** i18n key of a channel label. */
export const channelKey = (c: Channel): string => `requests.channels.${CHANNEL[c]}`
/** i18n key of a category label. */
export const categoryKey = (c: Category): string => `requests.categories.${c}`
/** i18n key of an activity label. */
export const activityKey = (a: Activity): string => `requests.activities.${ACTIVITY[a]}`
/** i18n key of an owner label. */
export const ownerKey = (o: Owner): string => guideFor(o).labelKey

/** The first error of a field, if any. */
export function errorFor(errors: readonly FieldError[], field: FieldError['field']): FieldError | undefined {
  return errors.find((e) => e.field === field)
}

/** The Danish (or English) text of a field's first error; undefined when it has none, so no error element shows. */
export function errorText(
  errors: readonly FieldError[],
  field: FieldError['field'],
  t: (key: string, params: Record<string, unknown>) => string,
): string | undefined {
  const error = errorFor(errors, field)
  return error ? t(error.messageKey, { ...error.params }) : undefined
}
