import { MOVE_KINDS, type MoveCounts } from '../../domain/localMove.ts'

/** Translates a plural message for `count`. */
export type PluralText = (key: string, count: number) => string

/** The non-zero counts as one phrase, e.g. "12 henvendelser og 5 tidsregistreringer" ('' when all are zero). */
export function describeMoveCounts(counts: MoveCounts, plural: PluralText, and: string): string {
  const parts = MOVE_KINDS.filter((kind) => counts[kind] > 0).map((kind) => plural(`account.localMove.kinds.${kind}`, counts[kind]))
  if (parts.length < 2) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} ${and} ${parts.at(-1)}`
}
