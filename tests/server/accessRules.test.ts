import { describe, expect, it } from 'vitest'
import { canRead, canWrite, type StoredFacts, type WriteAttempt } from '../../src/server/sync/access.ts'
import type { Actor } from '../../src/server/auth/users.ts'
import type { Role } from '../../src/domain/records/person.ts'
import { campaignRunRefusal, type CampaignRunWrite } from '../../src/domain/campaign.ts'

const actor = (role: Role): Actor => ({ id: 'me', email: 'me@x.dk', name: 'Me', role, teams: ['t1'], joinedSeq: 0 })
const attempt = (table: WriteAttempt['table'], op: WriteAttempt['op'], fields: Record<string, unknown> = {}, recordId = 'r1'): WriteAttempt =>
  ({ table, op, recordId, fields })
const inTeam = (content: Record<string, unknown> = {}, teamId = 't1'): StoredFacts => ({ teamId, content })

type Case = [string, Role, WriteAttempt, StoredFacts | null, boolean]
const cases: Case[] = [
  ['superbruger creates a request in own team', 'superbruger', attempt('requests', 'put', { teamId: 't1' }), null, true],
  ['superbruger creates a request in another team', 'superbruger', attempt('requests', 'put', { teamId: 't2' }), null, false],
  ['superbruger edits a request of another team', 'superbruger', attempt('requests', 'patch', { status: 'løst' }), inTeam({}, 't2'), false],
  ['superbruger edits any request of own team', 'superbruger', attempt('requests', 'patch', { status: 'løst' }), inTeam(), true],
  ['superbruger deletes an asset of own team', 'superbruger', attempt('assets', 'delete'), inTeam(), true],
  ['superbruger deletes a request they logged', 'superbruger', attempt('requests', 'delete'), { ...inTeam(), createdBy: 'me' }, true],
  ['superbruger deletes a request they are responsible for', 'superbruger', attempt('requests', 'delete'), { ...inTeam({ assigneeId: 'me' }), createdBy: 'other' }, true],
  ["superbruger deletes a colleague's request", 'superbruger', attempt('requests', 'delete'), { ...inTeam({ assigneeId: 'other' }), createdBy: 'other' }, false],
  ["koordinator deletes a colleague's request", 'koordinator', attempt('requests', 'delete'), { ...inTeam({ assigneeId: 'other' }), createdBy: 'other' }, true],
  ["superbruger edits a colleague's request (only deleting is kept to the owners)", 'superbruger', attempt('requests', 'patch', { status: 'løst' }), { ...inTeam({ assigneeId: 'other' }), createdBy: 'other' }, true],
  ['superbruger logs own time', 'superbruger', attempt('timeEntries', 'put', { teamId: 't1', personId: 'me' }), null, true],
  ["superbruger logs someone else's time", 'superbruger', attempt('timeEntries', 'put', { teamId: 't1', personId: 'other' }), null, false],
  ["superbruger edits someone else's time entry", 'superbruger', attempt('timeEntries', 'patch', { note: 'x' }), inTeam({ personId: 'other' }), false],
  ["superbruger deletes someone else's absence", 'superbruger', attempt('absences', 'delete'), inTeam({ personId: 'other' }), false],
  ['superbruger hands own time entry to someone else', 'superbruger', attempt('timeEntries', 'patch', { personId: 'other' }), inTeam({ personId: 'me' }), false],
  ['superbruger edits own time entry', 'superbruger', attempt('timeEntries', 'patch', { note: 'x' }), inTeam({ personId: 'me' }), true],
  ['superbruger creates a department', 'superbruger', attempt('departments', 'put', { teamId: 't1' }), null, false],
  ['superbruger edits a checklist template', 'superbruger', attempt('checklistTemplates', 'patch', { title: 'x' }), inTeam(), false],
  ['superbruger edits team settings', 'superbruger', attempt('teams', 'patch', { name: 'x' }, 't1'), inTeam({}, 't1'), false],
  ['superbruger edits own competences', 'superbruger', attempt('people', 'patch', { competences: ['Acadre'] }, 'me'), inTeam(), true],
  ['superbruger edits own skills with levels', 'superbruger', attempt('people', 'patch', { competences: ['Acadre'], skills: [{ name: 'Acadre', level: 'ekspert' }] }, 'me'), inTeam(), true],
  ["superbruger edits another person's skills", 'superbruger', attempt('people', 'patch', { competences: ['Acadre'], skills: [] }, 'other'), inTeam(), false],
  ['superbruger adds a colleague without an account', 'superbruger', attempt('people', 'put', { teamId: 't1', role: null, competences: ['GIS'] }, 'new'), null, false],
  ['koordinator adds a colleague without an account', 'koordinator', attempt('people', 'put', { teamId: 't1', role: null, competences: ['GIS'] }, 'new'), null, true],
  ["koordinator edits another person's skills", 'koordinator', attempt('people', 'patch', { competences: ['GIS'], skills: [] }, 'other'), inTeam(), true],
  ['koordinator makes a colleague superbruger through sync (roles change on the admin page only)', 'koordinator', attempt('people', 'patch', { role: 'superbruger' }, 'other'), inTeam({ role: null }), false],
  ['koordinator makes self admin through sync', 'koordinator', attempt('people', 'patch', { role: 'admin' }, 'me'), inTeam({ role: 'koordinator' }), false],
  ['koordinator adds a person with a role through sync', 'koordinator', attempt('people', 'put', { teamId: 't1', role: 'superbruger', competences: [] }, 'new'), null, false],
  ['admin sets a role through sync', 'admin', attempt('people', 'patch', { role: 'leder' }, 'other'), inTeam({ role: 'superbruger' }), false],
  ["koordinator re-sends a person's role unchanged", 'koordinator', attempt('people', 'put', { teamId: 't1', role: 'superbruger', name: 'Bo' }, 'other'), inTeam({ role: 'superbruger' }), true],
  ['superbruger makes self koordinator', 'superbruger', attempt('people', 'patch', { role: 'koordinator' }, 'me'), inTeam(), false],
  ["superbruger edits someone else's profile", 'superbruger', attempt('people', 'patch', { name: 'x' }, 'other'), inTeam(), false],
  ['superbruger fills a checklist', 'superbruger', attempt('checklistAnswers', 'put', { teamId: 't1' }), null, true],
  ['superbruger writes an observation', 'superbruger', attempt('observations', 'put', { teamId: 't1', status: 'ny' }), null, true],
  ['superbruger writes an observation already passed on', 'superbruger', attempt('observations', 'put', { teamId: 't1', status: 'gennemført' }), null, false],
  ['superbruger corrects the text of an observation', 'superbruger', attempt('observations', 'patch', { text: 'x' }), inTeam(), true],
  ["superbruger moves an observation's status", 'superbruger', attempt('observations', 'patch', { status: 'drøftet i gruppen' }), inTeam(), false],
  ["superbruger rewrites an observation's history", 'superbruger', attempt('observations', 'patch', { history: [] }), inTeam(), false],
  ["koordinator moves an observation's status", 'koordinator', attempt('observations', 'patch', { status: 'givet videre til ledelsen', history: [] }), inTeam(), true],
  ['leder writes an observation', 'leder', attempt('observations', 'put', { teamId: 't1', status: 'ny' }), null, false],
  ['superbruger hands a request to IT', 'superbruger', attempt('handOffs', 'put', { teamId: 't1', state: 'venter', reason: null, reasonDetail: '', externalNumber: '', sentAt: null, itClosedAt: null }), null, true],
  ['superbruger cancels a hand-off', 'superbruger', attempt('handOffs', 'patch', { state: 'annulleret' }), inTeam(), true],
  ["koordinator writes a hand-off's incident number", 'koordinator', attempt('handOffs', 'patch', { externalNumber: 'I 1' }), inTeam(), false],
  ['superbruger marks a hand-off sent', 'superbruger', attempt('handOffs', 'patch', { state: 'sendt' }), inTeam(), false],
  ['leder hands a request to IT', 'leder', attempt('handOffs', 'put', { teamId: 't1', state: 'venter', reason: null, reasonDetail: '', externalNumber: '', sentAt: null, itClosedAt: null }), null, false],
  ['superbruger writes a private tip', 'superbruger', attempt('tips', 'put', { teamId: 't1', public: false }), null, true],
  ['superbruger writes a tip without the public field (older app)', 'superbruger', attempt('tips', 'put', { teamId: 't1' }), null, true],
  ['superbruger writes a public tip', 'superbruger', attempt('tips', 'put', { teamId: 't1', public: true }), null, false],
  ['superbruger makes a tip public', 'superbruger', attempt('tips', 'patch', { public: true }), inTeam(), false],
  ['superbruger makes a public tip private', 'superbruger', attempt('tips', 'patch', { public: false }), inTeam({ public: true }), false],
  ['superbruger edits the text of a public tip (strangers read it: the koordinator changes it)', 'superbruger', attempt('tips', 'patch', { body: 'x' }), inTeam({ public: true }), false],
  ['superbruger adds a photo to a public tip', 'superbruger', attempt('tips', 'patch', { photos: [] }), inTeam({ public: true }), false],
  ['superbruger deletes a public tip', 'superbruger', attempt('tips', 'delete'), inTeam({ public: true }), false],
  ['superbruger edits the text of a private tip', 'superbruger', attempt('tips', 'patch', { body: 'x' }), inTeam({ public: false }), true],
  ['koordinator edits the text of a public tip', 'koordinator', attempt('tips', 'patch', { body: 'x' }), inTeam({ public: true }), true],
  ['koordinator makes a tip public', 'koordinator', attempt('tips', 'patch', { public: true }), inTeam(), true],
  ['koordinator writes a public tip', 'koordinator', attempt('tips', 'put', { teamId: 't1', public: true }), null, true],
  ['leder makes a tip public', 'leder', attempt('tips', 'patch', { public: true }), inTeam(), false],
  ['koordinator starts a user-test campaign', 'koordinator', attempt('campaigns', 'put', { teamId: 't1' }), null, true],
  ['koordinator closes a user-test campaign', 'koordinator', attempt('campaigns', 'patch', { status: 'lukket' }), inTeam(), true],
  ['superbruger starts a user-test campaign', 'superbruger', attempt('campaigns', 'put', { teamId: 't1' }), null, false],
  ['superbruger closes a user-test campaign', 'superbruger', attempt('campaigns', 'patch', { status: 'lukket' }), inTeam(), false],
  ['superbruger fills their campaign run', 'superbruger', attempt('checklistAnswers', 'put', { teamId: 't1' }), null, true],
  ['superbruger completes their campaign run', 'superbruger', attempt('checklistRuns', 'patch', { status: 'fuldført' }), inTeam({ campaignId: 'k1', subject: { kind: 'person', refId: 'me', label: 'Me' } }), true],
  ["superbruger deletes a campaign run (a deleted run can never be made again)", 'superbruger', attempt('checklistRuns', 'delete'), inTeam({ campaignId: 'k1' }), false],
  ['superbruger cancels a campaign run', 'superbruger', attempt('checklistRuns', 'patch', { status: 'annulleret' }), inTeam({ campaignId: 'k1' }), false],
  ['superbruger moves a campaign run to another tester', 'superbruger', attempt('checklistRuns', 'patch', { subject: { kind: 'person', refId: 'other', label: 'O' } }), inTeam({ campaignId: 'k1', subject: { kind: 'person', refId: 'me', label: 'Me' } }), false],
  ['superbruger takes a run out of its campaign', 'superbruger', attempt('checklistRuns', 'patch', { campaignId: null }), inTeam({ campaignId: 'k1' }), false],
  ['superbruger deletes an ordinary checklist run', 'superbruger', attempt('checklistRuns', 'delete'), inTeam({}), true],
  ['koordinator deletes a campaign run', 'koordinator', attempt('checklistRuns', 'delete'), inTeam({ campaignId: 'k1' }), true],
  ['koordinator creates a department', 'koordinator', attempt('departments', 'put', { teamId: 't1' }), null, true],
  ['koordinator edits a template', 'koordinator', attempt('checklistTemplates', 'patch', { title: 'x' }), inTeam(), true],
  ['koordinator edits a person', 'koordinator', attempt('people', 'patch', { name: 'Bo Hansen', homeDepartmentId: 'd1' }, 'other'), inTeam(), true],
  ['koordinator edits team settings', 'koordinator', attempt('teams', 'patch', { name: 'x' }, 't1'), inTeam({}, 't1'), true],
  ['koordinator creates a new team', 'koordinator', attempt('teams', 'put', { teamId: 't1' }, 't1'), null, false],
  ["koordinator registers someone's absence", 'koordinator', attempt('absences', 'put', { teamId: 't1', personId: 'other' }), null, true],
  ['koordinator writes in another team', 'koordinator', attempt('departments', 'put', { teamId: 't2' }), null, false],
  ['leder creates a request', 'leder', attempt('requests', 'put', { teamId: 't1' }), null, false],
  ['leder logs own time', 'leder', attempt('timeEntries', 'put', { teamId: 't1', personId: 'me' }), null, false],
  ['leder edits a request', 'leder', attempt('requests', 'patch', { status: 'løst' }), inTeam(), false],
  ['admin edits a department', 'admin', attempt('departments', 'patch', { name: 'x' }), inTeam(), true],
  ['superbruger writes a tip in own team', 'superbruger', attempt('tips', 'put', { teamId: 't1' }), null, true],
  ["superbruger edits a colleague's tip", 'superbruger', attempt('tips', 'patch', { body: 'x' }), { ...inTeam(), createdBy: 'other' }, true],
  ['superbruger counts own read of a tip', 'superbruger', attempt('tipReads', 'put', { teamId: 't1', personId: 'me', tipId: 'tip1' }), null, true],
  ["superbruger counts a read in a colleague's name", 'superbruger', attempt('tipReads', 'put', { teamId: 't1', personId: 'other', tipId: 'tip1' }), null, false],
  ["superbruger deletes a colleague's read", 'superbruger', attempt('tipReads', 'delete'), inTeam({ personId: 'other' }), false],
  ['leder counts a read of a tip', 'leder', attempt('tipReads', 'put', { teamId: 't1', personId: 'me', tipId: 'tip1' }), null, false],
  ['admin writes in a team it is not in', 'admin', attempt('departments', 'put', { teamId: 't2' }), null, false],
]

describe('canWrite', () => {
  for (const [name, role, write, existing, expected] of cases) {
    it(`${name} → ${expected ? 'allowed' : 'refused'}`, () => expect(canWrite(actor(role), write, existing)).toBe(expected))
  }
})

describe('canRead', () => {
  for (const role of ['superbruger', 'koordinator', 'leder', 'admin'] as const) {
    it(`${role} reads its own team and no other`, () => {
      expect(canRead(actor(role), 't1')).toBe(true)
      expect(canRead(actor(role), 't2')).toBe(false)
    })
  }
})

type CampaignCase = [string, Role, Omit<CampaignRunWrite, 'manager' | 'campaignOpen'>, boolean, boolean]
const campaignCases: CampaignCase[] = [
  ['superbruger answers in an open campaign', 'superbruger', { table: 'checklistAnswers', op: 'put', fields: { value: true } }, true, true],
  ['superbruger answers in a closed campaign', 'superbruger', { table: 'checklistAnswers', op: 'put', fields: { value: true } }, false, false],
  ['superbruger changes an answer in a closed campaign', 'superbruger', { table: 'checklistAnswers', op: 'patch', fields: { value: false } }, false, false],
  ['superbruger deletes an answer in a closed campaign', 'superbruger', { table: 'checklistAnswers', op: 'delete', fields: {} }, false, false],
  ['superbruger completes a run of a closed campaign', 'superbruger', { table: 'checklistRuns', op: 'patch', fields: { status: 'fuldført' } }, false, false],
  ['koordinator answers in a closed campaign', 'koordinator', { table: 'checklistAnswers', op: 'put', fields: { value: true } }, false, false],
  ['koordinator completes a run of a closed campaign', 'koordinator', { table: 'checklistRuns', op: 'patch', fields: { status: 'fuldført', updatedAt: 1 } }, false, false],
  ['koordinator cancels a run of a closed campaign', 'koordinator', { table: 'checklistRuns', op: 'patch', fields: { status: 'annulleret', updatedAt: 1 } }, false, true],
  ['koordinator cancels a run of a closed campaign and renames it', 'koordinator', { table: 'checklistRuns', op: 'patch', fields: { status: 'annulleret', title: 'x' } }, false, false],
  ['koordinator deletes a run of a closed campaign', 'koordinator', { table: 'checklistRuns', op: 'delete', fields: {} }, false, true],
  ['koordinator deletes an answer of a closed campaign (deleting its run)', 'koordinator', { table: 'checklistAnswers', op: 'delete', fields: {} }, false, true],
  ['admin deletes a run of a closed campaign', 'admin', { table: 'checklistRuns', op: 'delete', fields: {} }, false, true],
  ['koordinator adds a run to a closed campaign', 'koordinator', { table: 'checklistRuns', op: 'put', fields: { status: 'i gang' } }, false, false],
  ['koordinator edits a run of an open campaign', 'koordinator', { table: 'checklistRuns', op: 'patch', fields: { dueDate: '2026-12-18' } }, true, true],
]

describe('campaignRunRefusal', () => {
  for (const [name, role, write, campaignOpen, expected] of campaignCases) {
    it(`${name} → ${expected ? 'allowed' : 'refused'}`, () => {
      const manager = role === 'koordinator' || role === 'admin'
      expect(campaignRunRefusal({ ...write, manager, campaignOpen })).toBe(expected ? null : 'campaign_closed')
    })
  }
})
