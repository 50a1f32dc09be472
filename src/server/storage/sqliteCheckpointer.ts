import { Worker } from 'node:worker_threads'

/** How often the worker moves committed pages from the WAL into the database file. */
export const CHECKPOINT_INTERVAL_MS = 1000

// Plain JavaScript, so the worker runs the same under tsx and in a build.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const Database = require(workerData.driver)
const database = new Database(workerData.file)
database.pragma('busy_timeout = 5000')
const timer = setInterval(() => {
  try {
    database.pragma('wal_checkpoint(PASSIVE)')
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message || error) })
  }
}, workerData.intervalMs)
parentPort.on('message', (message) => {
  if (message !== 'stop') return
  clearInterval(timer)
  try { database.pragma('wal_checkpoint(PASSIVE)') } finally { database.close(); parentPort.close() }
})
parentPort.postMessage({ ready: true })
`

/** The running checkpoint worker. */
export interface Checkpointer {
  /** Runs a last checkpoint and ends the worker. */
  stop(): Promise<void>
}

/**
 * Checkpoints a WAL-mode SQLite file from a worker thread with its own connection, so the
 * request thread never pays for copying pages into the database file (SQLite's automatic
 * checkpoint runs inside whichever commit crosses 1,000 pages: a push now and then took 6 ms
 * instead of 0.1 ms). `onReady` runs once the worker has opened the file, `onFailure` if it
 * cannot work (the caller then turns automatic checkpoints back on).
 */
export function startCheckpointer(file: string, driverPath: string, onReady: () => void, onFailure: (error: unknown) => void): Checkpointer {
  let worker: Worker
  try {
    worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file, driver: driverPath, intervalMs: CHECKPOINT_INTERVAL_MS } })
  } catch (error) {
    // No thread to be had: SQLite's own checkpoint stays on (the caller's onFailure says so).
    onFailure(error)
    return { stop: async () => {} }
  }
  let stopped = false
  let failed = false
  const fail = (error: unknown) => {
    if (failed || stopped) return
    failed = true
    onFailure(error)
  }
  worker.on('message', (message: { ready?: boolean; error?: string }) => {
    if (message.ready) onReady()
    else if (message.error) fail(new Error(message.error))
  })
  worker.on('error', fail)
  worker.on('exit', (code) => {
    if (!stopped) fail(new Error(`checkpoint worker exited with code ${code}`))
  })
  worker.unref()
  return {
    async stop() {
      if (stopped) return
      stopped = true
      if (failed) {
        await worker.terminate()
        return
      }
      // Unreferenced while it runs (it must not keep the process alive), but waited for here.
      worker.ref()
      const exited = new Promise((resolve) => worker.once('exit', resolve))
      worker.postMessage('stop')
      await exited
    },
  }
}
