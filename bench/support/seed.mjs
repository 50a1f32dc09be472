// Fills the app's IndexedDB (in the page, raw IndexedDB API) with synthetic records shaped exactly as
// the app stores them (src/domain/types.ts; StoredTimeEntry adds `running`; indexes of
// src/db/migrations.ts schema v2). The records look pulled from the server: `rev` is a server
// sequence number and nothing is queued in the outbox. Runs in the browser:
// page.evaluate(seedInPage, options) after the app has created its profile.

/** Browser-side seeding; returns counts. Options: { requests, timeEntries, weeksBack, people }. */
export async function seedInPage({ requests, timeEntries, weeksBack, people }) {
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
  const departments = (await read('departments', (s) => s.getAll())).filter((d) => d.deletedAt === null)

  // mulberry32: a small deterministic generator (exact in 32-bit integer arithmetic).
  let state = 42
  const rand = () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const pick = (list) => list[Math.floor(rand() * list.length)]
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
  const now = Date.now()
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

  // The other superusers of the team, so assignees and authors have names.
  await putAll('people', others.map((id, i) => {
    const name = `${firstNames[(i * 7) % firstNames.length]} ${lastNames[(i * 3) % lastNames.length]}`
    return {
      ...base(now - span, profile.personId), id, name, initials: name.split(' ').map((w) => w[0]).join(''),
      email: '', role: 'superbruger', homeDepartmentId: pick(departments).id, competences: [],
    }
  }))

  const BATCH = 5000
  for (let done = 0; done < requests; done += BATCH) {
    const rows = []
    for (let i = done; i < Math.min(requests, done + BATCH); i++) {
      const ms = now - span + Math.floor((span * i) / requests)
      const [category, description] = pick(tasks)
      const requesterName = `${pick(firstNames)} ${pick(lastNames)}`
      const status = pick(statuses)
      const by = pick(personIds)
      const history = status === 'ny'
        ? [{ at: ms, by, from: null, to: 'ny' }]
        : [{ at: ms, by, from: null, to: 'ny' }, { at: ms + 3600000, by, from: 'ny', to: status }]
      rows.push({
        ...base(ms, by), id: uuid7(ms), requesterName, departmentId: pick(departments).id, channel: pick(channels), category, presetId: null,
        description, status, owner: status === 'uden for rollen' ? 'it-afdelingen' : 'superbruger',
        assigneeId: pick(personIds), referrals: [], history, assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null,
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
      rows.push({
        ...base(start, personId), id: uuid7(start), personId, start, end: Math.max(end, start),
        activity: pick(activities), requestId: null, note: '', week: weekKey(start), running: 0,
      })
    }
    await putAll('timeEntries', rows)
  }
  db.close()
  return { requests, timeEntries, people: personIds.length, personId: profile.personId }
}
