// The report worker, started ahead: on the way to a screen with a report, the router starts it, so
// that loading the worker's code, opening the database and checking the report facts happen while
// the screen's own code and strings load, not after the screen asks. Kept apart from
// reportCounter.ts, whose imports are the report's code: this file is in the first screen's bundle.
import { db } from './database.ts'

/** The message that has the worker open the account's database and check its facts before any ask. */
export interface ReportWarm {
  readonly warm: string
}

let spare: Worker | null = null

function newReportWorker(): Worker {
  return new Worker(new URL('./reportWorker.ts', import.meta.url), { type: 'module', name: 'report' })
}

/** Starts a report worker for the signed-in account's database, unless one is already waiting. */
export function warmReportWorker(): void {
  if (spare !== null || typeof Worker === 'undefined') return
  spare = newReportWorker()
  spare.postMessage({ warm: db().name } satisfies ReportWarm)
}

/** The worker started ahead if there is one (each is taken once), else a new one. */
export function takeReportWorker(): Worker {
  const worker = spare ?? newReportWorker()
  spare = null
  return worker
}
