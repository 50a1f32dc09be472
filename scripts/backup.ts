/**
 * `npm run backup`: a consistent copy of the server's database in BACKUP_DIR (default
 * data/backups). SQLite: SQLite's online backup API, safe while the server runs and writes (WAL).
 * PostgreSQL: pg_dump --format=custom when pg_dump is on PATH, else the commands to run.
 * Restore steps: README.md, "Backup and restore".
 */
import { execFile, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { promisify } from 'node:util'
import Database from 'better-sqlite3'
import { loadConfig, type DatabaseConfig } from '../src/server/config.ts'

const run = promisify(execFile)

/** A backup that was written: where, and how many bytes. */
export interface BackupFile {
  readonly file: string
  readonly bytes: number
}

/** The file name of a backup taken at `now`: superbruger-2026-11-28T09-13-29.512Z.sqlite (no colons, for any file system). */
export function backupFileName(now: Date, extension: 'sqlite' | 'dump'): string {
  return `superbruger-${now.toISOString().replace(/:/g, '-')}.${extension}`
}

function freshTarget(dir: string, name: string): string {
  mkdirSync(dir, { recursive: true })
  const target = resolve(dir, name)
  if (existsSync(target)) throw new Error(`${target} exists already; not overwriting a backup`)
  return target
}

/**
 * Copies a SQLite database with the online backup API while other connections (the running
 * server) read and write it. All pages are copied in one step, i.e. from one read snapshot, so the
 * copy is the database as of one commit; then the copy's integrity is checked.
 */
export async function backupSqlite(sourceFile: string, dir: string, now: Date = new Date()): Promise<BackupFile> {
  const target = freshTarget(dir, backupFileName(now, 'sqlite'))
  const source = new Database(sourceFile, { fileMustExist: true })
  try {
    source.pragma('busy_timeout = 5000')
    // better-sqlite3 copies 100 pages per step by default; a write by another connection between
    // steps would restart the copy. One step of every page reads one snapshot instead.
    await source.backup(target, { progress: () => 0x7fffffff })
  } catch (error) {
    rmSync(target, { force: true })
    throw error
  } finally {
    source.close()
  }
  const copy = new Database(target, { fileMustExist: true })
  try {
    // The copy inherits WAL mode; rollback-journal mode keeps it one self-contained file (the
    // server turns WAL on again when it opens a restored copy).
    copy.pragma('journal_mode = DELETE')
    const check = copy.pragma('integrity_check', { simple: true })
    if (check !== 'ok') throw new Error(`the backup ${target} failed its integrity check: ${String(check)}`)
  } finally {
    copy.close()
  }
  return { file: target, bytes: statSync(target).size }
}

/** Whether `command` can be run from PATH. */
export function onPath(command: string): boolean {
  return spawnSync(command, ['--version'], { stdio: 'ignore' }).status === 0
}

function withoutPassword(url: string): string {
  const shown = new URL(url)
  if (shown.password) shown.password = '***'
  return shown.toString()
}

/** How to back up a PostgreSQL database by hand into `dir`; the URL is shown without its password. */
export function postgresBackupCommand(url: string, dir: string): string {
  return `pg_dump --format=custom --file=${join(dir, 'superbruger-<timestamp>.dump')} '${withoutPassword(url)}'`
}

/** How to restore `file` into an empty PostgreSQL database (server stopped), in one transaction. */
export function postgresRestoreCommand(url: string, file: string): string {
  return `pg_restore --no-owner --single-transaction --exit-on-error --dbname='${withoutPassword(url)}' ${file}`
}

/** Dumps a PostgreSQL database with pg_dump (custom format: one file, compressed, restorable with pg_restore). */
export async function backupPostgres(url: string, dir: string, now: Date = new Date()): Promise<BackupFile> {
  const target = freshTarget(dir, backupFileName(now, 'dump'))
  try {
    // The password goes in the environment, not the command line other users can read with ps.
    const connection = new URL(url)
    const env = connection.password ? { ...process.env, PGPASSWORD: decodeURIComponent(connection.password) } : process.env
    connection.password = ''
    // pg_dump reads everything in one repeatable-read snapshot, so the server may keep writing.
    await run('pg_dump', ['--format=custom', '--no-password', `--file=${target}`, `--dbname=${connection}`], { env })
  } catch (error) {
    rmSync(target, { force: true })
    const stderr = (error as { stderr?: string }).stderr?.trim()
    throw new Error(`pg_dump failed: ${stderr || (error instanceof Error ? error.message : String(error))}`)
  }
  return { file: target, bytes: statSync(target).size }
}

/** Backs up the configured database; returns the file, or null when only instructions could be given. */
export async function backupDatabase(database: DatabaseConfig, dir: string, log: (line: string) => void = console.log): Promise<BackupFile | null> {
  if (database.kind === 'sqlite') {
    if (database.file === ':memory:') throw new Error('An in-memory database cannot be backed up')
    if (!existsSync(database.file)) throw new Error(`there is no database at ${database.file} (set DATABASE_URL to the server's)`)
    return backupSqlite(database.file, dir)
  }
  if (!onPath('pg_dump')) {
    log('pg_dump was not found on PATH, so no backup was written. Install the PostgreSQL client tools')
    log('(Debian: apt-get install postgresql-client), or run pg_dump where they are:')
    log(`  ${postgresBackupCommand(database.url, dir)}`)
    return null
  }
  const written = await backupPostgres(database.url, dir)
  log('Restore into an empty database (createdb), with the server stopped:')
  log(`  ${postgresRestoreCommand(database.url, written.file)}`)
  return written
}

function formatBytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

async function main(): Promise<void> {
  const config = loadConfig()
  const dir = resolve(process.env.BACKUP_DIR || 'data/backups')
  const written = await backupDatabase(config.database, dir)
  if (!written) {
    process.exitCode = 1
    return
  }
  console.log(`Backup written: ${written.file} (${formatBytes(written.bytes)}, ${written.bytes} bytes)`)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`)
    process.exitCode = 1
  })
}
