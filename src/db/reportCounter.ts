import { db } from './database.ts'
import { ReportWatch, type ReportAnswer, type ReportAsk } from './reportWatch.ts'
import { takeReportWorker } from './reportWorkerHandle.ts'

/** Asks for reports; answers come to the callback given to `startReportCounter`. */
export interface ReportCounter {
  ask(ask: Omit<ReportAsk, 'seq' | 'database'>): void
  stop(): void
}

/**
 * Counts reports in a Web Worker, so reading and counting a year never blocks the page; where
 * there is no Worker (unit tests), on the page. Only the answer to the latest ask is passed on.
 */
export function startReportCounter(onAnswer: (answer: ReportAnswer) => void): ReportCounter {
  let seq = 0
  const latestOnly = (answer: ReportAnswer) => { if (answer.seq === seq) onAnswer(answer) }
  if (typeof Worker === 'undefined') {
    const watch = new ReportWatch(latestOnly)
    return { ask: (ask) => watch.ask({ ...ask, seq: ++seq, database: db().name }), stop: () => watch.stop() }
  }
  const worker = takeReportWorker()
  worker.onmessage = (event: MessageEvent<ReportAnswer>) => latestOnly(event.data)
  worker.onerror = (event) => { event.preventDefault(); onAnswer({ seq, error: event.message || 'report worker failed' }) }
  return {
    ask: (ask) => worker.postMessage({ ...ask, seq: ++seq, database: db().name } satisfies ReportAsk),
    stop: () => worker.terminate(),
  }
}
