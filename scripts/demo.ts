// `npm run demo`: fills a realistic demo team (PTM departments, six superusers, a coordinator, a
// leader, ~150 colleagues, half a year of requests, time and checklists) into the server's
// database — SQLite under data/ or DATABASE_URL, as the server uses. Safe while the server runs.
// Options: --seed=<text> (same seed → same team), --weeks=<n> (default 26); DEMO_PASSWORD.
import { parseArgs } from 'node:util'
import { SYNC_TABLES } from '../src/domain/records/syncTables.ts'
import { ensureFirstAdmin } from '../src/server/auth/bootstrap.ts'
import { hashPassword } from '../src/server/auth/password.ts'
import { ConfigError, loadConfig, type DatabaseConfig } from '../src/server/config.ts'
import { DEFAULT_DEMO_SEED, generateDemo } from '../src/server/demo/generate.ts'
import { DemoIncompleteError, writeDemo } from '../src/server/demo/write.ts'
import { openStorage } from '../src/server/storage/open.ts'

/** Known password of every demo account unless DEMO_PASSWORD says otherwise. */
const DEFAULT_DEMO_PASSWORD = 'demo-superbruger'

function where(database: DatabaseConfig): string {
  if (database.kind === 'sqlite') return `SQLite (${database.file})`
  const url = new URL(database.url)
  return `PostgreSQL (${url.host}${url.pathname})`
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1).replace('.', ',')} s`
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { seed: { type: 'string' }, weeks: { type: 'string' } } })
  const weeks = values.weeks === undefined ? 26 : Number(values.weeks)
  if (!Number.isInteger(weeks) || weeks < 1 || weeks > 260) throw new ConfigError(`--weeks skal være et helt tal fra 1 til 260, fik "${values.weeks}"`)
  const password = process.env.DEMO_PASSWORD || DEFAULT_DEMO_PASSWORD
  const config = loadConfig()
  const storage = await openStorage(config.database)
  try {
    // Like the server's first start, so demo accounts never stop the first admin from being made.
    const first = await ensureFirstAdmin(storage, config)
    const started = performance.now()
    const data = generateDemo({ seed: values.seed ?? DEFAULT_DEMO_SEED, weeks })
    const generated = performance.now()
    const result = await writeDemo(storage, data, await hashPassword(password))
    if (!result.created) {
      if (result.reason === 'team_exists') {
        console.log(`Demo-holdet "${result.detail}" findes allerede i ${where(config.database)}. Intet er ændret.`)
        return 0
      }
      console.error(`Demo-holdet kan ikke oprettes: der findes allerede en konto med e-mailen ${result.detail}. Intet er ændret.`)
      return 1
    }
    const done = performance.now()
    console.log(`\nDemo-holdet "${data.teamName}" er oprettet i ${where(config.database)}.`)
    // performance.now() counts from process start, so the total includes loading and migrating.
    console.log(`Tid: ${seconds(done)} i alt (data lavet på ${seconds(generated - started)}, skrevet på ${seconds(done - generated)}).\n`)
    console.log('Poster pr. tabel:')
    for (const table of SYNC_TABLES) console.log(`  ${table.padEnd(20)} ${String(result.counts[table] ?? 0).padStart(6)}`)
    console.log(`  ${'i alt'.padEnd(20)} ${String(data.records.length).padStart(6)}\n`)
    console.log(`Log ind med adgangskoden "${password}" som:`)
    for (const account of data.accounts) {
      const person = [...data.organisation.superusers, data.organisation.coordinator, data.organisation.leader].find((p) => p.id === account.id)
      console.log(`  ${account.role.padEnd(12)} ${account.email.padEnd(44)} ${account.name} (${person?.department.name ?? ''})`)
    }
    if (first) {
      const admin = first.generatedPassword ? `adgangskoden ${first.generatedPassword}` : 'adgangskoden fra SUPERBRUGER_ADMIN_PASSWORD'
      console.log(`\nFørste start: administratoren ${first.email} er oprettet med ${admin}.`)
    }
    if (result.adminsAdded > 0) console.log('Administratoren er også medlem af demo-holdet.')
    console.log('')
    return 0
  } finally {
    await storage.close()
  }
}

function explain(error: unknown): unknown {
  if (error instanceof ConfigError) return `Konfigurationsfejl: ${error.message}`
  if (error instanceof DemoIncompleteError) {
    return `Demo-holdet blev kun delvist oprettet (${error.written} af ${error.total} poster): ${String(error.cause)}\n`
      + 'Kør demoen mod en ny, tom database for at få et helt demo-hold.'
  }
  return error
}

main().then((code) => process.exit(code), (error: unknown) => {
  console.error(explain(error))
  process.exit(1)
})
