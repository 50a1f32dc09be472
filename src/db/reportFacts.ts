/**
 * Keeps the report facts (src/domain/report/facts.ts) in step with the records they copy: a
 * DBCore middleware writes the fact of every request and time entry stored, in the same
 * IndexedDB transaction as the write itself (adds, puts, updates, deletes, clears, sync applies,
 * upgrades: every write goes through it), so a report never counts a stale or missing figure.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware, Transaction } from 'dexie'
import { entryFact, requestFact } from '../domain/report/facts.ts'
import type { SuperbrugerDb } from './database.ts'

type Row = Record<string, unknown>

/** The tables that have facts, with the table of their facts and how a record becomes its fact. */
const FACTS: Readonly<Record<string, { readonly table: string, readonly fact: (row: Row) => object }>> = {
  requests: { table: 'reportRequests', fact: requestFact },
  timeEntries: { table: 'reportEntries', fact: entryFact },
}

/** The fact tables, for transactions that write them directly. */
export const FACT_TABLES: readonly string[] = Object.values(FACTS).map((f) => f.table)

/** Whether the IndexedDB transaction may write `store` (an upgrade to a version before the facts may not). */
function inScope(trans: DBCoreTransaction, store: string): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames
  return names === undefined || names.contains(store)
}

/** Writes the facts that mirror `request`, once it has been carried out with `failures`. */
async function mirror(facts: DBCoreTable, fact: (row: Row) => object, request: DBCoreMutateRequest, failures: Record<number, Error>): Promise<void> {
  const { trans } = request
  if (request.type === 'add' || request.type === 'put') {
    const values = request.values.filter((_, i) => !(i in failures)).map((v) => fact(v as Row))
    if (values.length > 0) await facts.mutate({ trans, type: 'put', values })
  } else if (request.type === 'delete') {
    await facts.mutate({ trans, type: 'delete', keys: request.keys })
  } else {
    await facts.mutate({ trans, type: 'deleteRange', range: request.range })
  }
}

function withFacts(down: DBCore): DBCore {
  return {
    ...down,
    // A write to a table with facts also writes its facts, so they join its transaction.
    transaction(stores, mode, options) {
      const extra = mode === 'readwrite' ? stores.flatMap((s) => FACTS[s] && !stores.includes(FACTS[s].table) ? [FACTS[s].table] : []) : []
      return down.transaction(extra.length > 0 ? [...stores, ...extra] : stores, mode, options)
    },
    table(name) {
      const table = down.table(name)
      const facts = FACTS[name]
      if (!facts) return table
      return {
        ...table,
        async mutate(request) {
          const response = await table.mutate(request)
          if (inScope(request.trans, facts.table)) await mirror(down.table(facts.table), facts.fact, request, response.failures)
          return response
        },
      }
    },
  }
}

/** The middleware; SuperbrugerDb uses it. */
export const reportFactsMiddleware: Middleware<DBCore> = { stack: 'dbcore', name: 'ReportFacts', create: withFacts }

/** Records read per step when the facts are built, so a big table is never held whole. */
const BUILD_CHUNK = 2_000

/** Builds every fact afresh from the stored records, in the transaction `tx` (which must hold both). */
export async function buildReportFacts(tx: Pick<Transaction, 'table'>): Promise<void> {
  for (const [source, { table, fact }] of Object.entries(FACTS)) {
    await tx.table(table).clear()
    let after: string | null = null
    for (;;) {
      const rows: Row[] = await (after === null ? tx.table(source).orderBy(':id') : tx.table(source).where(':id').above(after)).limit(BUILD_CHUNK).toArray()
      if (rows.length === 0) break
      await tx.table(table).bulkPut(rows.map(fact))
      after = String(rows.at(-1)!.id)
    }
  }
}

/** The databases whose facts were found whole since this context started. */
const checked = new Set<string>()

/**
 * Makes sure `database` has one fact per stored request and time entry, building them again if
 * not. Every write of this app keeps them so, but records written to IndexedDB past it (an older
 * copy of the app, a tool, the benchmark's seeding) would otherwise be missing from the reports.
 * Checked once per database and context (counting rows is quick); resolves when they are whole,
 * to whether they had to be built.
 */
export async function ensureReportFacts(database: SuperbrugerDb): Promise<boolean> {
  if (checked.has(database.name)) return false
  const tables = [database.requests, database.reportRequests, database.timeEntries, database.reportEntries]
  const whole = async () => {
    const [requests, requestFacts, entries, entryFacts] = await Promise.all(tables.map((t) => t.count()))
    return requests === requestFacts && entries === entryFacts
  }
  let built = false
  if (!(await database.transaction('r', tables, whole))) {
    await database.transaction('rw', tables, async (tx) => {
      if (await whole()) return
      await buildReportFacts(tx)
      built = true
    })
  }
  checked.add(database.name)
  return built
}
