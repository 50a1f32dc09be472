// Fills the app's IndexedDB (in the page, raw IndexedDB API) with synthetic records shaped exactly as
// the app stores them. Runs inside the browser via page.evaluate(seedInPage, options).

/** Browser-side seeding; returns counts. Options: { requests, timeEntries, weeksBack, people }. */
export async function seedInPage({ requests, timeEntries, weeksBack, people }) {
  const open = () => new Promise((resolve, reject) => {
    const req = indexedDB.open('superbruger')
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
  const db = await open()
  const get = (store, key) => new Promise((resolve, reject) => {
    const r = db.transaction(store).objectStore(store).get(key)
    r.onsuccess = () => resolve(r.result)
    r.onerror = () => reject(r.error)
  })
  const profile = (await get('meta', 'profile')).value
  const departments = await new Promise((resolve) => {
    const r = db.transaction('departments').objectStore('departments').getAll()
    r.onsuccess = () => resolve(r.result)
  })
  let seed = 42
  const rand = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648 }
  const pick = (list) => list[Math.floor(rand() * list.length)]
  const hex = (n, len) => n.toString(16).padStart(len, '0')
  const uuid7 = (ms) => {
    const r = () => hex(Math.floor(rand() * 65536), 4)
    const t = hex(ms, 12)
    return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r().slice(1)}-${(8 + Math.floor(rand() * 4)).toString(16)}${r().slice(1)}-${r()}${r()}${r()}`
  }
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
  const statuses = ['ny', 'i gang', 'venter', 'henvist', 'sendt til IT', 'løst', 'løst', 'løst', 'løst', 'uden for rollen']
  const activities = ['daglig hjælp', 'udvikling', 'videndeling', 'superbrugermøde', 'brugertest', 'databeskyttelse']
  const now = Date.now()
  const span = weeksBack * 7 * 86400000
  const personIds = [profile.personId, ...Array.from({ length: people - 1 }, (_, i) => `00000000-0000-7000-8000-${hex(i, 12)}`)]
  const base = (ms) => ({ teamId: profile.teamId, createdAt: ms, createdBy: pick(personIds), updatedAt: ms, rev: 0, deletedAt: null })
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
  const BATCH = 5000
  for (let done = 0; done < requests; done += BATCH) {
    const rows = []
    for (let i = done; i < Math.min(requests, done + BATCH); i++) {
      const ms = now - span + Math.floor((span * i) / requests)
      const [category, description] = pick(tasks)
      const requesterName = `${pick(firstNames)} ${pick(lastNames)}`
      const status = pick(statuses)
      rows.push({
        ...base(ms), id: uuid7(ms), requesterName, departmentId: pick(departments).id, channel: 'fremmøde', category, presetId: null,
        description, status, owner: status === 'uden for rollen' ? 'it-afdelingen' : 'superbruger',
        assigneeId: pick(personIds), referrals: [], history: [], assetId: null, helpdeskCaseNo: '', resolution: '', tipId: null,
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
      rows.push({
        ...base(start), id: uuid7(start), personId, start, end: start + (10 + Math.floor(rand() * 80)) * 60000,
        activity: pick(activities), requestId: null, note: '', week: weekKey(start), running: 0,
      })
    }
    await putAll('timeEntries', rows)
  }
  db.close()
  return { requests, timeEntries, people: personIds.length, personId: profile.personId }
}
