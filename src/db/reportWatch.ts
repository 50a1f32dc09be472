import { db, useDatabase } from './database.ts'
import { observe, type Observation } from './live.ts'
import { countReport, loadReportData, type ReportData } from './reportData.ts'
import { ensureReportFacts } from './reportFacts.ts'
import type { Period } from '../domain/report/period.ts'
import type { DepartmentFilter, Report } from '../domain/report/report.ts'
import type { TeamId } from '../domain/records/fields.ts'

/** What the report screen asks for; every field is plain data, so it can be posted to a worker. */
export interface ReportAsk {
  /** Increases with every ask; an answer carries the ask it was counted for. */
  readonly seq: number
  /** The IndexedDB database of the signed-in account (a worker cannot read the device's account). */
  readonly database: string
  readonly teamId: TeamId
  readonly period: Period
  readonly department: DepartmentFilter
  /** Changes when the records must be read again although none changed (a new day begins). */
  readonly readKey: string
  /** The page's clock at the ask: a worker has its own clock, which tests and the bench do not fix. */
  readonly now: number
}

/** Where an answer's time went, in ms of the context that counted it (bench/reports.mjs prints it). */
export interface ReportTiming {
  /** Reading the period's records (0 when the records held were counted again). */
  readonly readMs: number
  readonly countMs: number
  /** Building the report facts before the read, when they were not whole (see ensureReportFacts); else 0. */
  readonly buildMs: number
  /** Checking (and building, if need be) the report facts before the first read of this context; else 0. */
  readonly checkMs: number
}

/** The answer to an ask: the counted report, or why it could not be counted. */
export type ReportAnswer =
  | { readonly seq: number, readonly report: Report, readonly timing: ReportTiming, readonly error?: undefined }
  | { readonly seq: number, readonly report?: undefined, readonly error: string }

/**
 * Reads and counts reports for one screen, wherever it runs (in a Web Worker, or on the page where
 * there is none): keeps the records of the period it was last asked for and watches them, so a new
 * department is only counted again, and a change to the records is read and answered again.
 */
export class ReportWatch {
  private latest: ReportAsk | null = null
  private watching: { key: string, data: ReportData | null, subscription: Observation } | null = null
  /** The page's clock minus this context's, so reads after a change count with the page's time. */
  private offset = 0
  /** Time spent building the facts before the next answer's read. */
  private factsMs = 0
  /** Time spent checking the facts before the next answer's read. */
  private checkMs = 0

  constructor(private readonly answer: (answer: ReportAnswer) => void) {}

  /**
   * Opens `database` and checks its report facts before the first ask, while the report screen is
   * still loading (see reportWorkerHandle.ts); the ask then finds the check done or under way.
   */
  prepare(database: string): void {
    if (db().name !== database) useDatabase(database)
    void ensureReportFacts(db()).catch(() => undefined) // the ask checks again and reports a failure
  }

  /** Answers `ask` (at least once), and again whenever the records it counts change. */
  ask(ask: ReportAsk): void {
    this.latest = ask
    this.offset = ask.now - Date.now()
    const key = JSON.stringify([ask.database, ask.teamId, ask.period.key, ask.readKey])
    if (this.watching?.key === key) {
      if (this.watching.data) this.count(this.watching.data, 0)
      return
    }
    this.watching?.subscription.unsubscribe()
    if (db().name !== ask.database) useDatabase(ask.database)
    const { teamId, period } = ask
    const watching: NonNullable<ReportWatch['watching']> = { key, data: null, subscription: { unsubscribe() {} } }
    this.watching = watching
    let readStart = 0
    let stopped = false
    watching.subscription = { unsubscribe() { stopped = true } }
    const database = db()
    // The facts are checked (and built if records were written past them) before the first read.
    const factsStart = performance.now()
    ensureReportFacts(database).then((built) => {
      if (stopped) return
      this.factsMs = built ? performance.now() - factsStart : 0
      this.checkMs = performance.now() - factsStart
      watching.subscription = observe(
        () => {
          readStart = performance.now()
          return loadReportData(teamId, period, Date.now() + this.offset)
        },
        (data) => {
          watching.data = data
          if (this.watching === watching) this.count(data, performance.now() - readStart)
        },
        (error) => { if (this.watching === watching) this.fail(error) },
      )
    }, (error: unknown) => { if (this.watching === watching) this.fail(error) })
  }

  /** Stops watching the records. */
  stop(): void {
    this.watching?.subscription.unsubscribe()
    this.watching = null
  }

  private count(data: ReportData, readMs: number): void {
    const ask = this.latest!
    try {
      const start = performance.now()
      const report = countReport(data, ask.period, ask.department)
      this.answer({ seq: ask.seq, report, timing: { readMs, countMs: performance.now() - start, buildMs: this.factsMs, checkMs: this.checkMs } })
      this.factsMs = 0
      this.checkMs = 0
    } catch (error) {
      this.fail(error)
    }
  }

  private fail(error: unknown): void {
    this.answer({ seq: this.latest!.seq, error: error instanceof Error ? error.message : String(error) })
  }
}
