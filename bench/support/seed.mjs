// Fills the app's IndexedDB (in the page, raw IndexedDB API) with synthetic records shaped exactly as
// the app stores them (src/domain/records/; StoredTimeEntry adds `running`; indexes of
// src/db/migrations.ts schema v2). The records look pulled from the server: `rev` is a server
// sequence number and nothing is queued in the outbox. Runs in the browser:
// page.evaluate(seedInPage, options) after the app has created its profile.
//
// Options for reports (bench/reports.mjs), all optional; without them the data is exactly what
// bench/list-perf.mjs has always measured (the extras draw from a second generator):
//   now            the "now" the data ends at (default Date.now() in the page)
//   departments    extra departments made next to the seeded ones
//   checklistRuns  runs of the device's checklist templates (needs the templates seeded by the app)
//   realistic      owners by the triage guide, presets, hand-offs to IT and referrals solved days
//                  later, a koordinator, absences, and time entries logged on requests

/** Browser-side seeding; returns counts. Options: { requests, timeEntries, weeksBack, people, now?, departments?, checklistRuns?, realistic? }. */
export async function seedInPage({ requests, timeEntries, weeksBack, people, now: fixedNow, departments: extraDepartments = 0, checklistRuns = 0, realistic = false }) {
  const open = () => new Promise((resolve, reject) => {
    const req = indexedDB.open('superbruger')
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const db = await open()
  const read = (store, fn) => new Promise((resolve, reject) => {
    const r = fn(db.transaction(store).objectStore(store))
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  const profile = (await read('meta', (s) => s.get('profile')))?.value
  if (!profile) throw new Error('No profile yet: open the app once before seeding')
  let departments = (await read('departments', (s) => s.getAll())).filter((d) => d.deletedAt === null)
  const templates = (await read('checklistTemplates', (s) => s.getAll())).filter((t) => t.deletedAt === null && !t.archived)

  // mulberry32: a small deterministic generator (exact in 32-bit integer arithmetic).
  let state = 42
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = (list) => list[Math.floor(rand() * list.length)]
  // The extras' own generator, so the main stream (and list-perf's data) stays the same without them.
  let state2 = 7
  const rand2 = () => {
    state2 = (state2 + 0x6d2b79f5) | 0
    let t = Math.imul(state2 ^ (state2 >>> 15), 1 | state2)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick2 = (list) => list[Math.floor(rand2() * list.length)]
  const hex = (n, len) => n.toString(16).padStart(len, '0')
  const uuid7 = (ms) => {
    const r = () => hex(Math.floor(rand() * 65536), 4)
    const t = hex(ms, 12)
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r().slice(1)}-${(8 + Math.floor(rand() * 4)).toString(16)}${r().slice(1)}-${r()}${r()}${r()}`
  }
  // Same as wordsOf in src/domain/search.ts.
  const words = (texts) => [...new Set(texts.join(' ').toLocaleLowerCase('da').split(/[^\p{L}\p{N}]+/u).filter(Boolean))]
  const firstNames = ['Anne', 'Bo', 'Camilla', 'Dorte', 'Erik', 'Frida', 'Gustav', 'Hanne', 'Ib', 'Jette', 'Kim', 'Lone', 'Mads', 'Nina', 'Ole', 'Pia', 'Rasmus', 'Signe', 'Tove', 'Ulla']
  const lastNames = ['Hansen', 'Jensen', 'Nielsen', 'Pedersen', 'Andersen', 'Christensen', 'Larsen', 'Sørensen', 'Rasmussen', 'Jørgensen']
  const tasks = [
    ['acadre', 'Låst dokument i Acadre låst op'], ['acadre', 'Autoprofil oprettet i Acadre'], ['acadre', 'Udtjekkede dokumenter fulgt op'],
    ['office', 'Hjælp til Outlook-regler og delt postkasse'], ['skabeloncenter', 'Skabelon mangler i skabeloncenter'],
    ['doc2mail', 'Brev sendt via Doc2mail til Digital Post'], ['telefoni', 'Omstilling på mobil sat op'],
    ['adgangskode', 'Adgangskode nulstillet og konto låst op'], ['helpdesk', 'Hjælp til at oprette helpdesksag'],
    ['hardware', 'Printer på 2. sal udskriver ikke'], ['onboarding', 'Ny medarbejder: kalenderrettigheder'], ['undervisning', 'Tips om genveje i Word'],
  ]
  const channels = ['fremmøde', 'fremmøde', 'telefon', 'mail', 'chat']
  const statuses = ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT', 'løst', 'løst', 'løst', 'løst', 'uden for rollen']
  const activities = ['daglig hjælp', 'udvikling', 'videndeling', 'superbrugermøde', 'brugertest', 'databeskyttelse']
  const now = fixedNow ?? Date.now()
  const span = weeksBack * 7 * 86400000
  const others = Array.from({ length: people - 1 }, (_, i) => `00000000-0000-7000-8000-${hex(i + 1, 12)}`)
  const personIds = [profile.personId, ...others]
  let rev = 0
  const base = (ms, by) => ({ teamId: profile.teamId, createdAt: ms, createdBy: by, updatedAt: ms, rev: ++rev, deletedAt: null })
  // Same as weekKeyOf in src/domain/isoWeek.ts.
  const weekKey = (ms) => {
    const d = new Date(ms); const day = (d.getDay() + 6) % 7
    const th = new Date(d.getFullYear(), d.getMonth(), d.getDate() - day + 3)
    const jan4 = new Date(th.getFullYear(), 0, 4)
    const w = 1 + Math.round(((th - jan4) / 86400000 - 3 + ((jan4.getDay() + 6) % 7)) / 7)
    return `${th.getFullYear()}-W${String(w).padStart(2, '0')}`
  }
  const putAll = (store, rows) => new Promise((resolve, reject) => {
    const tx = db.transaction(store, 'readwrite')
    const os = tx.objectStore(store)
    for (const row of rows) os.put(row)
    tx.oncomplete = resolve
    tx.onerror = () => reject(tx.error)
  })

  const departmentNames = ['Borgerservice', 'Jobcenter', 'Ydelse', 'Familie og Børn', 'Skole', 'Dagtilbud', 'Ældre og Sundhed',
    'Hjemmepleje', 'Sygepleje', 'Handicap', 'Psykiatri', 'Økonomi', 'Løn og Personale', 'HR', 'Digitalisering', 'Kultur og Fritid',
    'Beredskab', 'Forsyning', 'Indkøb', 'Kommunikation', 'Politisk Sekretariat', 'Tandpleje', 'Sundhedspleje', 'Integration', 'Erhverv']
  if (extraDepartments > 0) {
    const made = Array.from({ length: extraDepartments }, (_, i) => ({
      ...base(now - span, profile.personId), id: `00000000-0000-7000-9000-${hex(i + 1, 12)}`,
      name: departmentNames[i % departmentNames.length] + (i >= departmentNames.length ? ` ${Math.floor(i / departmentNames.length) + 1}` : ''), location: '',
    }))
    await putAll('departments', made)
    departments = [...departments, ...made]
  }

  // The other superusers of the team, so assignees and authors have names (with realistic data, the
  // last one is the koordinator).
  await putAll('people', others.map((id, i) => {
    const name = `${firstNames[(i * 7) % firstNames.length]} ${lastNames[(i * 3) % lastNames.length]}`
    return {
      ...base(now - span, profile.personId), id, name, initials: name.split(' ').map((w) => w[0]).join(''),
      email: '', role: realistic && i === others.length - 1 ? 'koordinator' : 'superbruger', homeDepartmentId: pick(departments).id, competences: [],
    }
  }))
  if (realistic) {
    // Each person is away some weeks of the year (holidays), on the same weeks for the whole team's records.
    const absences = []
    for (const personId of personIds) {
      for (let w = 0; w < Math.round(weeksBack / 10); w++) {
        const at = now - span + Math.floor(rand2() * span)
        absences.push({ ...base(at, personId), id: uuid7(at), personId, week: weekKey(at), note: '' })
      }
    }
    await putAll('absences', absences)
  }

  // Presets of the categories the seeder uses (src/domain/presets.ts).
  const presetsOf = { acadre: ['acadreUnlock', 'acadreAutoprofile', 'acadreCheckedOut'], office: ['office'], skabeloncenter: ['templates'], doc2mail: ['doc2mail'], telefoni: ['telephony'] }
  const otherOwners = ['it-afdelingen', 'it-afdelingen', 'afdeling', 'medarbejder', 'ledelse']
  // With realistic data: the history of a request that is not new, with hand-offs solved hours to weeks later.
  const historyOf = (ms, by, status) => {
    const hour = 3600000
    const later = (from) => from + Math.floor((1 + rand2() * rand2() * 24 * 20) * hour)
    if (status === 'ny') return [{ at: ms, by, from: null, to: 'ny' }]
    const history = [{ at: ms, by, from: null, to: 'ny' }]
    const via = status === 'løst' && rand2() < 0.25 ? (rand2() < 0.6 ? 'sendt til IT' : 'henvist') : null
    if (via) {
      const handed = ms + Math.floor(rand2() * 4 * hour)
      history.push({ at: handed, by, from: 'ny', to: via }, { at: Math.min(now - 60000, later(handed)), by, from: via, to: 'løst' })
    } else {
      history.push({ at: ms + hour, by, from: 'ny', to: status })
    }
    return history
  }
  const requestIds = realistic ? new Array(requests) : null

  const BATCH = 5000
  for (let done = 0; done < requests; done += BATCH) {
    const rows = []
    for (let i = done; i < Math.min(requests, done + BATCH); i++) {
      const ms = now - span + Math.floor((span * i) / requests)
      const [category, description] = pick(tasks)
      const requesterName = `${pick(firstNames)} ${pick(lastNames)}`
      const status = pick(statuses)
      const by = pick(personIds)
      const history = realistic ? historyOf(ms, by, status)
        : status === 'ny'
          ? [{ at: ms, by, from: null, to: 'ny' }]
          : [{ at: ms, by, from: null, to: 'ny' }, { at: ms + 3600000, by, from: 'ny', to: status }]
      const id = uuid7(ms)
      const departmentId = pick(departments).id
      const channel = pick(channels)
      const assigneeId = pick(personIds)
      if (requestIds) requestIds[i] = id
      rows.push({
        ...base(ms, by), id, requesterName, departmentId: realistic && rand2() < 0.03 ? null : departmentId, channel, category,
        presetId: realistic && presetsOf[category] && rand2() < 0.5 ? pick2(presetsOf[category]) : null,
        description, status, owner: status === 'uden for rollen' ? (realistic ? pick2(otherOwners) : 'it-afdelingen') : 'superbruger',
        assigneeId, referrals: [], history, assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null,
        words: words([requesterName, description]),
      })
    }
    await putAll('requests', rows)
  }
  for (let done = 0; done < timeEntries; done += BATCH) {
    const rows = []
    for (let i = done; i < Math.min(timeEntries, done + BATCH); i++) {
      const start = now - span + Math.floor(rand() * span)
      const personId = personIds[i % personIds.length]
      // Ends before now: a running timer is only ever made by the app itself.
      const end = Math.min(now - 60000, start + (10 + Math.floor(rand() * 80)) * 60000)
      const id = uuid7(start)
      const activity = pick(activities)
      // With realistic data, daily help is mostly logged on a request made shortly before.
      const onRequest = requestIds && activity === 'daglig hjælp' && rand2() < 0.8
        ? requestIds[Math.max(0, Math.floor(((start - (now - span)) / span) * requests) - Math.floor(rand2() * 20))] : null
      rows.push({
        ...base(start, personId), id, personId, start, end: Math.max(end, start),
        activity, requestId: onRequest ?? null, note: '', week: weekKey(start), running: 0,
      })
    }
    await putAll('timeEntries', rows)
  }
  if (checklistRuns > 0) {
    if (templates.length === 0) throw new Error('No checklist templates on the device: open the app once before seeding')
    const runs = []
    for (let i = 0; i < checklistRuns; i++) {
      const ms = now - span + Math.floor((span * i) / checklistRuns)
      const template = pick2(templates)
      const by = pick2(personIds)
      const roll = rand2()
      // Most runs are finished within a few days; recent ones are still open, some past their due date.
      const status = ms > now - 14 * 86400000 && roll < 0.7 ? 'i gang' : roll < 0.9 ? 'fuldført' : roll < 0.95 ? 'i gang' : 'annulleret'
      const completedAt = status === 'fuldført' ? Math.min(now - 60000, ms + Math.floor(rand2() * 5 * 86400000)) : null
      const due = new Date(ms + 7 * 86400000)
      const subject = rand2() < 0.5
        ? { kind: 'department', refId: pick2(departments).id, label: '' }
        : { kind: 'person', refId: null, label: `${pick2(firstNames)} ${pick2(lastNames)}` }
      if (subject.kind === 'department') subject.label = departments.find((d) => d.id === subject.refId).name
      runs.push({
        ...base(ms, by), id: uuid7(ms), templateId: template.id, templateVersion: template.version, title: template.title, subject, status,
        dueDate: rand2() < 0.7 ? `${due.getFullYear()}-${String(due.getMonth() + 1).padStart(2, '0')}-${String(due.getDate()).padStart(2, '0')}` : null,
        completedAt, overrideReason: '', updatedAt: completedAt ?? ms,
      })
    }
    await putAll('checklistRuns', runs)
  }
  db.close()
  return { requests, timeEntries, checklistRuns, departments: departments.length, people: personIds.length, personId: profile.personId }
}
