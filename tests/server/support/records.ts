import type { SyncTableName } from '../../../src/domain/records/syncTables.ts'

const CONTENT: Record<SyncTableName, Record<string, unknown>> = {
  teams: { name: 'Superbrugerne PTM', budget: { minHours: 3, maxHours: 4 }, retention: { anonymiseAfterMonths: 12 } },
  people: { name: 'Mette Holm', initials: 'MH', email: 'mh@example.dk', role: 'superbruger', homeDepartmentId: null, competences: ['Acadre'] },
  departments: { name: 'Byggeri', location: 'Rådhuset' },
  requests: {
    requesterName: 'Jens', departmentId: null, channel: 'telefon', category: 'acadre', presetId: null,
    description: 'Kan ikke åbne dokument', status: 'ny', owner: 'superbruger', assigneeId: null,
    referrals: [], history: [{ at: 1, by: 'p1', from: null, to: 'ny' }], assetId: null,
    helpdeskCaseNo: '', resolution: '', tipId: null,
  },
  timeEntries: { personId: 'p1', start: 1000, end: 2000, activity: 'daglig hjælp', requestId: null, note: '', week: '2026-W48' },
  absences: { personId: 'p1', week: '2026-W48', note: 'Ferie' },
  checklistTemplates: {
    title: 'Ny medarbejder', purpose: 'Opstart', version: 1, archived: false,
    items: [{ key: 'mail', label: 'Fællespostkasse', kind: 'check', required: true }, { key: 'x', label: 'Valg', kind: 'choice', required: false, choices: ['a', 'b'] }],
  },
  checklistRuns: {
    templateId: 'tpl1', templateVersion: 1, title: 'Ny medarbejder', subject: { kind: 'person', refId: null, label: 'Ole' },
    status: 'i gang', dueDate: '2026-12-01', completedAt: null, overrideReason: '',
  },
  checklistAnswers: { runId: 'run1', itemKey: 'mail', value: true, answeredBy: 'p1' },
  assets: {
    code: 'ABC123', type: 'printer', name: 'Printer 2. sal', model: 'HP', serial: 'S1', building: 'A', floor: '2',
    room: '201', departmentId: null, notes: '', retiredAt: null,
  },
  loans: {
    assetId: 'asset1', borrowerId: null, borrowerName: 'Ole Olsen', departmentId: null,
    since: '2026-12-01', until: '2026-12-14', returnedOn: null, returnedBy: null,
  },
  tips: { title: 'Genveje', body: '# Hej', tags: ['office'], category: 'office', requestIds: [] },
  tipReads: { tipId: 'tip1', personId: 'p1' },
  observations: { departmentId: null, kind: 'idé', text: 'Fælles skabelon til mødereferater', status: 'ny', history: [] },
  campaigns: { name: 'Acadre 24.2 – brugertest', templateId: 'tpl1', templateVersion: 1, testers: ['p1'], deadline: '2026-12-18', status: 'åben', closedAt: null },
  handOffs: { requestId: 'r1', channel: 'mail', tried: 'Genstartet', state: 'venter', reason: null, reasonDetail: '', externalNumber: '', sentAt: null, itClosedAt: null },
}

/** A complete, valid record of `table` as a client would put it. */
export function sampleRecord(table: SyncTableName, id: string, teamId: string, personId = 'p1', extra: Record<string, unknown> = {}): Record<string, unknown> {
  const content = { ...CONTENT[table] }
  if ('personId' in content) content.personId = personId
  return {
    id, teamId: table === 'teams' ? id : teamId, createdAt: 1000, createdBy: personId, updatedAt: 1000,
    rev: 0, deletedAt: null, ...content, ...extra,
  }
}
