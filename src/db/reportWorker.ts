// The report's reading and counting, off the page's main thread: a year is 150,000 records, and
// turning them into objects and counting them held the screen for over half a second at a time.
import { ReportWatch, type ReportAnswer, type ReportAsk } from './reportWatch.ts'
import type { ReportWarm } from './reportWorkerHandle.ts'

/** The part of a dedicated worker's global scope used here (the DOM and WebWorker libs clash in one program). */
interface WorkerScope {
  postMessage(message: ReportAnswer): void
  onmessage: ((event: MessageEvent<ReportAsk | ReportWarm>) => void) | null
}

const scope = self as unknown as WorkerScope
const watch = new ReportWatch((answer) => scope.postMessage(answer))
scope.onmessage = (event) => {
  if ('warm' in event.data) watch.prepare(event.data.warm)
  else watch.ask(event.data)
}
