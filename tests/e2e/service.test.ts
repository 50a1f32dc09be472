import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort } from './support/appServer.ts'

// `npm start` run by a service manager: SIGTERM to npm must stop the start script and the server
// with it (issue #11, part 3.13). Before, npm's shell died and left both running.
const dir = mkdtempSync(join(tmpdir(), 'superbruger-service-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: '127.0.0.1' })
    socket.once('connect', () => { socket.destroy(); resolve(true) })
    socket.once('error', () => resolve(false))
  })
}

async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (Date.now() < end) {
    if (await check()) return true
    await new Promise((r) => setTimeout(r, 200))
  }
  return check()
}

describe('npm start under a service manager', () => {
  it('stops the server too when npm gets SIGTERM', async () => {
    const port = await freePort()
    const npm = spawn('npm', ['start', '--silent'], {
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'warn' },
      stdio: 'ignore',
    })
    const exited = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)))
    try {
      expect(await until(() => answers(port), 60_000)).toBe(true)
      npm.kill('SIGTERM')
      await exited
      expect(await until(async () => !(await answers(port)), 15_000)).toBe(true)
    } finally {
      npm.kill('SIGKILL')
    }
  }, 120_000)
})
