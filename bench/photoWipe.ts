// The daily photo wipe (wipeUnreferencedPhotos without a filter, as the deletion-deadline job runs
// it) with PHOTOS stored photos and RECORDS live requests/assets/tips of one team, a fifth of the
// photos no longer named by any record: the statement it replaced (one LIKE scan of the records per
// photo) beside the one-pass wipe, on SQLite (a file in a temporary folder) and, when BENCH_PG_URL
// names a PostgreSQL server (e.g. postgres://postgres@127.0.0.1:5432/test), on a fresh database there.
// Prints figures and the machine; never fails on time.
// Usage: npm run bench:photo-wipe   (BENCH_PHOTOS=2000 BENCH_RECORDS=50000 REPEATS=3 BENCH_PG_URL=…)
import { mkdtempSync, rmSync } from 'node:fs'
import { cpus, loadavg, totalmem, tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import pg from 'pg'
import { openStorage } from '../src/server/storage/open.ts'
import { wipeUnreferencedPhotos } from '../src/server/storage/photos.ts'
import type { Storage } from '../src/server/storage/storage.ts'
import type { DatabaseConfig } from '../src/server/config.ts'

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 2000)
const RECORDS = Number(process.env.BENCH_RECORDS ?? 50000)
const REPEATS = Math.max(1, Number(process.env.REPEATS ?? 3))
const TEAM = '00000000-0000-7000-8000-000000000001'
const TABLES = ['requests', 'assets', 'tips']
const hashOf = (i: number) => i.toString(16).padStart(64, '0')
const referenced = Math.floor(PHOTOS * 0.8)

/** One live record as stored; every RECORDS/referenced-th names one photo. */
function recordRow(i: number) {
  const photos = i < referenced ? [{ hash: hashOf(i), width: 1600, height: 1200, bytes: 150_000, takenAt: 1 }] : []
  const data = {
    teamId: TEAM, status: 'løst', channel: 'personligt', category: 'acadre', requesterName: `Kollega ${i}`,
    description: `Kunne ikke åbne dokumentet i Acadre (sag ${i}); låst af en kollega, låst op og vist hvordan man tjekker ind igen.`,
    resolution: 'Låst op', photos, createdAt: 1, updatedAt: 1,
  }
  return { tbl: TABLES[i % 3]!, id: `rec-${i}`, team_id: TEAM, data: JSON.stringify(data), stamps: '{}', seq: i + 1, created_by: 'bench', origin: 'bench', deleted_at: null }
}

async function seedRecords(storage: Storage): Promise<void> {
  for (let i = 0; i < RECORDS; i += 500) {
    const rows = Array.from({ length: Math.min(500, RECORDS - i) }, (_, k) => recordRow(i + k))
    await storage.db.insertInto('records').values(rows).execute()
  }
  await sql`update sync_state set seq = ${RECORDS} where id = 1`.execute(storage.db)
}

async function seedPhotos(storage: Storage): Promise<void> {
  await storage.db.deleteFrom('photos').execute()
  const data = Buffer.alloc(200, 7).toString('base64')
  for (let i = 0; i < PHOTOS; i += 500) {
    const rows = Array.from({ length: Math.min(500, PHOTOS - i) }, (_, k) => ({
      team_id: TEAM, hash: hashOf(i + k), content_type: 'image/jpeg', bytes: 200, data, created_by: 'bench', created_at: 1,
    }))
    await storage.db.insertInto('photos').values(rows).execute()
  }
}

/** The statement the wipe was before: a NOT EXISTS with a LIKE over the team's records for each photo. */
async function oldWipe(storage: Storage): Promise<number> {
  const result = await storage.db.deleteFrom('photos')
    .where((eb) => eb.not(eb.exists(eb.selectFrom('records as r').select('r.id')
      .whereRef('r.team_id', '=', 'photos.team_id')
      .where('r.tbl', 'in', TABLES).where('r.deleted_at', 'is', null)
      .where('r.data', 'like', sql<string>`'%"hash":"' || photos.hash || '"%'`)))).executeTakeFirst()
  return Number(result.numDeletedRows)
}

async function time(storage: Storage, wipe: (s: Storage) => Promise<number>): Promise<{ ms: number[]; deleted: number }> {
  const ms: number[] = []
  let deleted = 0
  for (let r = 0; r < REPEATS; r++) {
    await seedPhotos(storage)
    const start = performance.now()
    deleted = await wipe(storage)
    ms.push(performance.now() - start)
  }
  return { ms, deleted }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!

async function benchOn(name: string, database: DatabaseConfig): Promise<void> {
  const storage = await openStorage(database)
  try {
    await seedRecords(storage)
    for (const [label, wipe] of [['before (LIKE per photo)', oldWipe], ['after (one pass)', (s: Storage) => wipeUnreferencedPhotos(s)]] as const) {
      const { ms, deleted } = await time(storage, wipe)
      console.log(`${name.padEnd(10)} ${label.padEnd(24)} median ${median(ms).toFixed(0).padStart(7)} ms  (runs: ${ms.map((m) => m.toFixed(0)).join(', ')}; deleted ${deleted})`)
    }
  } finally {
    await storage.close()
  }
}

console.log(`photo wipe: ${PHOTOS} photos (${PHOTOS - referenced} unreferenced) × ${RECORDS} live records, ${REPEATS} runs each`)
console.log(`machine: ${cpus()[0]?.model ?? '?'} × ${cpus().length}, ${(totalmem() / 2 ** 30).toFixed(1)} GB, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}, Node ${process.version}`)
const dir = mkdtempSync(join(tmpdir(), 'photo-wipe-'))
try {
  await benchOn('SQLite', { kind: 'sqlite', file: join(dir, 'bench.sqlite') })
} finally {
  rmSync(dir, { recursive: true, force: true })
}
const pgUrl = process.env.BENCH_PG_URL
if (pgUrl) {
  const name = `bench_photo_wipe_${process.pid}`
  const admin = new pg.Client({ connectionString: pgUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  try {
    const url = new URL(pgUrl)
    url.pathname = `/${name}`
    await benchOn('PostgreSQL', { kind: 'postgres', url: url.toString() })
  } finally {
    await admin.query(`drop database ${name} with (force)`)
    await admin.end()
  }
}
