import { formatDate } from '../../domain/format.ts'
import type { PeopleDataHit } from '../../domain/privacyProtocol.ts'

const MAX = 90

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : ''
}

function short(parts: readonly string[]): string {
  const joined = parts.filter(Boolean).join(' – ')
  return joined.length > MAX ? `${joined.slice(0, MAX - 1)}…` : joined
}

/** A one-line description of a search hit, so the coordinator recognises the record. */
export function hitLabel(hit: PeopleDataHit): string {
  const r = hit.record
  switch (hit.table) {
    case 'requests': return short([text(r.requesterName), text(r.description)])
    case 'people': return short([text(r.name), text(r.email)])
    case 'timeEntries': return short([typeof r.start === 'number' ? formatDate(r.start) : '', text(r.note)])
    case 'absences': return short([text(r.week), text(r.note)])
    case 'checklistRuns': return short([text(r.title), text((r.subject as { label?: unknown } | null)?.label)])
    case 'checklistAnswers': return short([text(r.itemKey), typeof r.value === 'string' ? r.value : ''])
    case 'tips': case 'checklistTemplates': return short([text(r.title)])
    case 'tipReads': return short([typeof r.createdAt === 'number' ? formatDate(r.createdAt) : ''])
    case 'observations': return short([text(r.kind), text(r.text)])
    case 'handOffs': return short([text(r.channel), text(r.tried)])
    case 'loans': return short([text(r.borrowerName), text(r.since), text(r.until)])
    case 'campaigns': return short([text(r.name), text(r.deadline)])
    default: return short([text(r.name), text(r.code), text(r.notes)])
  }
}
