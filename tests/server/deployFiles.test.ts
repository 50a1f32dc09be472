import { spawnSync } from 'node:child_process'
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/server/config.ts'

// The systemd units of docs/DRIFT.md are real files (deploy/systemd/). systemd is not PID 1 on this
// machine, so they cannot be started here; what can be checked is checked: systemd's own parser
// (`systemd-analyze verify`, which also reports unknown keys and bad values it would ignore), the
// environment file against the server's real configuration loader, and the stop timeout against
// the server's shutdown grace.

const DIR = join(import.meta.dirname, '../../deploy/systemd')
const UNITS = ['superbruger.service', 'superbruger-backup.service', 'superbruger-backup.timer']
const present = spawnSync('sh', ['-c', 'command -v systemd-analyze']).status === 0

/** systemd-analyze's verdict on one unit: its exit code and everything it printed. */
function verify(path: string): { status: number | null, output: string } {
  const run = spawnSync('systemd-analyze', ['verify', '--man=no', path], { encoding: 'utf8' })
  return { status: run.status, output: `${run.stdout}${run.stderr}`.trim() }
}

/** The value of `key=` in a unit file's text (the last one, as systemd reads it). */
function setting(text: string, key: string): string | undefined {
  const lines = text.split('\n').filter((line) => line.startsWith(`${key}=`))
  return lines.at(-1)?.slice(key.length + 1)
}

const suite = present || process.env.CI === 'true' ? describe : describe.skip

suite('the systemd units in deploy/systemd', () => {
  it.each(UNITS)('%s passes systemd-analyze verify without a warning', (unit) => {
    expect(verify(join(DIR, unit))).toEqual({ status: 0, output: '' })
  })

  it('the template unit passes as an instance (superbruger@8081) and sets PORT from the instance name', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-units-'))
    try {
      copyFileSync(join(DIR, 'superbruger@.service'), join(dir, 'superbruger@.service'))
      expect(verify(join(dir, 'superbruger@8081.service'))).toEqual({ status: 0, output: '' })
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
    const text = readFileSync(join(DIR, 'superbruger@.service'), 'utf8')
    const lines = text.split('\n')
    // PORT=%i must come after the EnvironmentFile, whose PORT it overrides.
    expect(lines.indexOf('Environment=PORT=%i')).toBeGreaterThan(lines.indexOf('EnvironmentFile=/etc/superbruger.env'))
  })

  it('a unit with a mistake systemd would silently ignore is caught (the check can fail)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sb-units-'))
    try {
      const broken = readFileSync(join(DIR, 'superbruger.service'), 'utf8').replace('Restart=on-failure', 'Restart=on-failur')
      const path = join(dir, 'superbruger.service')
      writeFileSync(path, broken)
      expect(verify(path).output).toMatch(/restart specifier/)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('what the units promise', () => {
  it.each(['superbruger.service', 'superbruger@.service'])('%s restarts on failure, runs as its own user and outlasts the shutdown grace', (unit) => {
    const text = readFileSync(join(DIR, unit), 'utf8')
    expect(setting(text, 'User')).toBe('superbruger')
    expect(setting(text, 'Restart')).toBe('on-failure')
    expect(setting(text, 'KillSignal')).toBe('SIGTERM')
    expect(setting(text, 'ReadWritePaths')).toBe('/var/lib/superbruger')
    // src/server/main.ts exits at the latest 10 s after SIGTERM; systemd must not SIGKILL it first.
    expect(Number(setting(text, 'TimeoutStopSec'))).toBeGreaterThan(10)
  })

  it('the example environment file is a configuration the server accepts, with its data in the writable directory', () => {
    const env: Record<string, string> = {}
    for (const line of readFileSync(join(DIR, 'superbruger.env'), 'utf8').split('\n')) {
      const [, key, value] = /^([A-Z_]+)=(.*)$/.exec(line) ?? []
      if (key !== undefined && value !== undefined) env[key] = value
    }
    const config = loadConfig(env, '/opt/superbruger')
    expect(config.database).toEqual({ kind: 'sqlite', file: '/var/lib/superbruger/superbruger.sqlite' })
    expect(config.cookieSecure).toBe(true)
    expect(config.trustProxy).toEqual(['127.0.0.1'])
    expect(config.publicUrl).toBe('https://superbruger.kommune.dk')
    expect(env.BACKUP_DIR?.startsWith('/var/lib/superbruger/')).toBe(true)
  })
})
