import { mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'kysely'
import { afterEach, expect, it } from 'vitest'
import { openStorage } from '../../src/server/storage/open.ts'
import type { Storage } from '../../src/server/storage/storage.ts'
import { writeSystemRecords } from '../../src/server/storage/systemWrite.ts'

let dir = ''
let storage: Storage | null = null
afterEach(async () => {
  await storage?.close()
  storage = null
  rmSync(dir, { recursive: true, force: true })
})

async function until(check: () => Promise<boolean> | boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 50))
  }
  return check()
}

it('SQLite: a worker thread checkpoints the WAL, so commits on the request thread never do', async () => {
  dir = mkdtempSync(join(tmpdir(), 'sb-ckpt-'))
  const file = join(dir, 'db.sqlite')
  storage = await openStorage({ kind: 'sqlite', file })
  const autocheckpoint = async () => (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(storage!.db)).rows[0]!.wal_autocheckpoint
  expect(await until(async () => await autocheckpoint() === 0, 5000)).toBe(true)
  const sizeBefore = statSync(file).size
  const text = 'Printeren på 2. sal trækker papiret skævt. '.repeat(30)
  await writeSystemRecords(storage, Array.from({ length: 2000 }, (_, n) => ({
    table: 'tips' as const,
    record: { id: `tip-${n}`, teamId: 'team-1', createdAt: 1, createdBy: 'p', updatedAt: 1, rev: 0, deletedAt: null, title: `Tip ${n}`, body: text, tags: [] },
  })))
  // About 2.6 MB went into the WAL; with automatic checkpoints off only the worker can move it into the file.
  expect(await until(() => statSync(file).size > sizeBefore + 2_000_000, 5000)).toBe(true)
  const { rows } = await sql<{ n: number }>`select count(*) as n from records`.execute(storage.db)
  expect(rows[0]!.n).toBe(2000)
})
