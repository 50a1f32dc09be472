import fc from 'fast-check'
import { afterAll, beforeAll, it } from 'vitest'
import { describeBackends, type BackendKind } from '../server/support/backends.ts'
import { startServer, type TestServer } from '../server/support/harness.ts'
import { listen } from './support/device.ts'
import { runSchedule } from './support/scenario.ts'
import { FIXED_SCHEDULES, noCounts, schedules } from './support/schedule.ts'

/** Schedules per back end: SYNC_PROPERTY_RUNS (npm run test:convergence:long runs thousands). */
const RUNS = Number(process.env.SYNC_PROPERTY_RUNS ?? 100)
/** A failure prints its seed and path: SYNC_PROPERTY_SEED and SYNC_PROPERTY_PATH replay it. */
const SEED = process.env.SYNC_PROPERTY_SEED === undefined ? undefined : Number(process.env.SYNC_PROPERTY_SEED)
const PATH = process.env.SYNC_PROPERTY_PATH

describeBackends('property: four client engines converge with nothing lost, doubled or unseen', (kind: BackendKind) => {
  let server: TestServer
  let baseUrl: string
  let started = 0
  const counts = noCounts()
  beforeAll(async () => {
    started = Date.now()
    server = await startServer(kind)
    baseUrl = await listen(server.app)
  })
  afterAll(async () => {
    await server.app.close()
    await server.backend.drop()
    if (process.env.SYNC_PROPERTY_REPORT) {
      console.log(`[${kind}] ${counts.schedules} schedules in ${((Date.now() - started) / 1000).toFixed(0)} s: ${JSON.stringify(counts)}`)
    }
  })

  it('holds for random offline edits, random sync order, lost answers (push, pull, acknowledgement) and choices', async () => {
    await fc.assert(fc.asyncProperty(schedules, (script) => runSchedule(server, baseUrl, script, counts)), {
      numRuns: RUNS, seed: SEED, path: PATH, examples: FIXED_SCHEDULES.map((script) => [script]),
    })
  }, Math.max(300_000, RUNS * 3_000))
})
