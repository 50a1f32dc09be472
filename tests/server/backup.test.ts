import { execFile } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterEach, expect, it } from 'vitest'
import { backupFileName, backupPostgres, backupSqlite, onPath } from '../../scripts/backup.ts'
import type { Db } from '../../src/server/storage/schema.ts'
import { createBackend, describeBackends, type Backend, type BackendKind } from './support/backends.ts'
import { putOf, startServer, type SignedIn, type TestServer } from './support/harness.ts'

const run = promisify(execFile)

/** The tables a restore must bring back, in a stable order (sessions included: signed-in devices stay signed in). */
async function snapshot(db: Db) {
  return {
    users: await db.selectFrom('users').selectAll().orderBy('id').execute(),
    memberships: await db.selectFrom('memberships').selectAll().orderBy('user_id').orderBy('team_id').execute(),
    sessions: await db.selectFrom('sessions').selectAll().orderBy('token_hash').execute(),
    clients: await db.selectFrom('clients').select(['client_id', 'user_id', 'last_mutation_id']).orderBy('client_id').execute(),
    records: await db.selectFrom('records').selectAll().orderBy('tbl').orderBy('id').execute(),
    syncState: await db.selectFrom('sync_state').selectAll().execute(),
  }
}

type Snapshot = Awaited<ReturnType<typeof snapshot>>

/** The live database as it was when its sequence stood at `seq` (records are only ever added in this test). */
function asOf(live: Snapshot, seq: number, lastMutationId: number): Snapshot {
  return {
    ...live,
    clients: live.clients.map((c) => ({ ...c, last_mutation_id: lastMutationId })),
    records: live.records.filter((r) => Number(r.seq) <= seq),
    syncState: live.syncState.map((s) => ({ ...s, seq })),
  }
}

const CLIENT = 'backup-device-01'

/** Pushes one new request per call, as a device logging help requests would. */
function writer(server: TestServer, user: SignedIn, team: string, first: number) {
  let next = first
  let running = true
  const done = (async () => {
    while (running) {
      await user.pushOk({ clientId: CLIENT, mutations: [putOf(next, 'requests', `req-${next}`, team, user.actor.id)] })
      next += 1
    }
  })()
  return { written: () => next - 1, stop: async () => { running = false; await done } }
}

let cleanup: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const step of cleanup.reverse()) await step()
  cleanup = []
})

async function liveServer(kind: BackendKind) {
  const server = await startServer(kind)
  cleanup.push(async () => {
    await server.app.close()
    await server.backend.drop()
  })
  const team = await server.team()
  const user = await server.user('superbruger', [team])
  const first = Array.from({ length: 50 }, (_, i) => putOf(i + 1, 'requests', `req-${i + 1}`, team, user.actor.id))
  await user.pushOk({ clientId: CLIENT, mutations: first })
  return { server, team, user }
}

async function restored(backend: Backend) {
  const server = await startServer(backend.kind, {}, backend)
  cleanup.push(async () => {
    await server.app.close()
    await backend.drop()
  })
  return server
}

/** Backs up while a writer pushes, restores, and checks the copy is the database as of one commit. */
async function checkBackupUnderLoad(kind: BackendKind, backup: (server: TestServer, dir: string) => Promise<Backend>) {
  const { server, team, user } = await liveServer(kind)
  const dir = mkdtempSync(join(tmpdir(), 'sb-backup-'))
  cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
  const load = writer(server, user, team, 51)
  while (load.written() < 60) await new Promise((resolve) => setTimeout(resolve, 5))
  const copy = await backup(server, dir)
  const during = load.written()
  while (load.written() < during + 10) await new Promise((resolve) => setTimeout(resolve, 5))
  await load.stop()

  const back = await restored(copy)
  const fromBackup = await snapshot(back.app.storage.db)
  const seq = Number(fromBackup.syncState[0]!.seq)
  // Every record here is new when written, one sequence number each: the copy holds records 1…seq,
  // and the device's last applied mutation is its number of requests.
  expect(fromBackup.records.map((r) => Number(r.seq)).sort((a, b) => a - b)).toEqual(Array.from({ length: seq }, (_, i) => i + 1))
  const requests = fromBackup.records.filter((r) => r.tbl === 'requests').length
  expect(requests).toBeGreaterThanOrEqual(60)
  expect(requests).toBeLessThan(load.written())
  expect(fromBackup).toEqual(asOf(await snapshot(server.app.storage.db), seq, requests))

  // The same account signs in on the restored server with its password.
  const login = await back.login(user.actor.email, `pw-${user.actor.email}`)
  expect(login.statusCode).toBe(200)

  // The restored server serves the same records through the API as the live one did up to seq.
  const device = await back.user('superbruger', [team])
  const pulled = (await device.pullAll()).map((r) => r.record.id).sort()
  const live = (await (await server.user('superbruger', [team])).pullAll()).filter((r) => r.record.rev <= seq).map((r) => r.record.id).sort()
  expect(pulled).toEqual(live)
  return { seq: requests, written: load.written() }
}

describeBackends('backup and restore', (kind) => {
  if (kind === 'sqlite') {
    it('the online backup of a live, writing server restores to the database as of one commit', async () => {
      const { seq, written } = await checkBackupUnderLoad('sqlite', async (server, dir) => {
        const file = server.backend.database.kind === 'sqlite' ? server.backend.database.file : ''
        const copy = await backupSqlite(file, dir)
        expect(copy.bytes).toBeGreaterThan(0)
        expect(readdirSync(dir)).toEqual([copy.file.split('/').at(-1)])
        return { kind: 'sqlite', database: { kind: 'sqlite', file: copy.file }, drop: async () => {} }
      })
      console.log(`sqlite backup under load: the copy holds ${seq} requests; the writer reached ${written}`)
    })

    it('npm run backup, in its own process, copies the database while this server keeps writing', async () => {
      const { seq } = await checkBackupUnderLoad('sqlite', async (server, dir) => {
        const file = server.backend.database.kind === 'sqlite' ? server.backend.database.file : ''
        const { stdout } = await run('npm', ['run', '--silent', 'backup'], { env: { ...process.env, DATABASE_URL: `sqlite:${file}`, BACKUP_DIR: dir } })
        const written = /^Backup written: (\S+) \(/m.exec(stdout)?.[1]
        expect(written, stdout).toMatch(/superbruger-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d\.\d{3}Z\.sqlite$/)
        return { kind: 'sqlite', database: { kind: 'sqlite', file: written! }, drop: async () => {} }
      })
      expect(seq).toBeGreaterThanOrEqual(60)
    })

    it('never overwrites an earlier backup', async () => {
      const { server } = await liveServer('sqlite')
      const dir = mkdtempSync(join(tmpdir(), 'sb-backup-'))
      cleanup.push(async () => rmSync(dir, { recursive: true, force: true }))
      const file = server.backend.database.kind === 'sqlite' ? server.backend.database.file : ''
      const now = new Date('2026-11-28T09:13:29.512Z')
      expect(backupFileName(now, 'sqlite')).toBe('superbruger-2026-11-28T09-13-29.512Z.sqlite')
      await backupSqlite(file, dir, now)
      await expect(backupSqlite(file, dir, now)).rejects.toThrow(/exists already/)
    })
  } else {
    const withPgDump = onPath('pg_dump') || process.env.CI === 'true' ? it : it.skip
    withPgDump('pg_dump of a live, writing server restores with pg_restore to the database as of one commit', async () => {
      const { seq, written } = await checkBackupUnderLoad('postgres', async (server, dir) => {
        const url = server.backend.database.kind === 'postgres' ? server.backend.database.url : ''
        const copy = await backupPostgres(url, dir)
        const target = await createBackend('postgres')
        const targetUrl = target.database.kind === 'postgres' ? target.database.url : ''
        await run('pg_restore', ['--no-owner', '--single-transaction', '--exit-on-error', `--dbname=${targetUrl}`, copy.file])
        return target
      })
      console.log(`postgres backup under load: the copy holds ${seq} requests; the writer reached ${written}`)
    })
  }
})
