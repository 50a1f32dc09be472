import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { describe, it } from 'vitest'
import type { DatabaseConfig } from '../../../src/server/config.ts'

export type BackendKind = 'sqlite' | 'postgres'

/** A fresh, empty database for one test, and how to throw it away. */
export interface Backend {
  readonly kind: BackendKind
  readonly database: DatabaseConfig
  drop(): Promise<void>
}

const CANDIDATES = process.env.TEST_DATABASE_URL
  ? [process.env.TEST_DATABASE_URL]
  : ['postgres://postgres@127.0.0.1:5432/test', 'postgres://root@127.0.0.1:5432/test']

async function probePostgres(): Promise<string | null> {
  for (const url of CANDIDATES) {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 })
    try {
      await client.connect()
      await client.query('select 1')
      return url
    } catch {
      // try the next candidate
    } finally {
      await client.end().catch(() => {})
    }
  }
  return null
}

/** Admin URL of the test PostgreSQL, or null when it is unreachable. */
export const postgresAdminUrl = await probePostgres()

let counter = 0

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/** Creates an empty database of the given kind (a temp SQLite file or a new PostgreSQL database). */
export async function createBackend(kind: BackendKind): Promise<Backend> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'sb-server-'))
    return { kind, database: { kind: 'sqlite', file: join(dir, 'test.sqlite') }, drop: async () => rmSync(dir, { recursive: true, force: true }) }
  }
  if (!postgresAdminUrl) throw new Error('PostgreSQL at 127.0.0.1:5432 is not reachable')
  counter += 1
  const name = `sb_test_${process.pid}_${Date.now()}_${counter}`
  const admin = new pg.Client({ connectionString: postgresAdminUrl })
  await admin.connect()
  await admin.query(`create database ${name}`)
  await admin.end()
  return {
    kind,
    database: { kind: 'postgres', url: databaseUrl(postgresAdminUrl, name) },
    async drop() {
      const client = new pg.Client({ connectionString: postgresAdminUrl! })
      await client.connect()
      await client.query(`drop database if exists ${name} with (force)`)
      await client.end()
    },
  }
}

/**
 * Runs `suite` once per back end: real SQLite always, real PostgreSQL when reachable. Without
 * PostgreSQL the suite is skipped locally but fails when CI=true.
 */
export function describeBackends(name: string, suite: (kind: BackendKind) => void, kinds: readonly BackendKind[] = ['sqlite', 'postgres']): void {
  for (const kind of kinds) {
    if (kind === 'postgres' && !postgresAdminUrl) {
      if (process.env.CI === 'true') {
        describe(`${name} [postgres]`, () => {
          it('needs PostgreSQL at 127.0.0.1:5432', () => {
            throw new Error('PostgreSQL is required in CI but 127.0.0.1:5432 is unreachable')
          })
        })
      } else {
        describe.skip(`${name} [postgres] (PostgreSQL unreachable)`, () => suite(kind))
      }
      continue
    }
    describe(`${name} [${kind}]`, () => suite(kind))
  }
}
