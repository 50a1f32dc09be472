/**
 * Keeps the report facts (src/domain/report/facts.ts) in step with the records they copy: a
 * DBCore middleware writes the fact of every request and time entry stored, and its pack, in the same
 * IndexedDB transaction as the write itself (adds, puts, updates, deletes, clears, sync applies,
 * upgrades: every write goes through it), so a report never counts a stale or missing figure.
 */
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware, Transaction } from 'dexie'
import {
  changedPack, entryFact, factPack, packChanges, packFacts, packKeyOf, requestFact,
  type DeletedFact, type EntryFact, type FactPack, type PackKey, type PackKind, type RequestFact,
} from '../domain/report/facts.ts'
import type { SuperbrugerDb } from './database.ts'

type Row = Record<string, unknown>
type Fact = RequestFact | EntryFact
type AnyFact = Fact | DeletedFact

/** The tables that have facts, with the table of their facts, their pack kind and how a record becomes its fact. */
const FACTS: Readonly<Record<string, { readonly table: string, readonly kind: PackKind, readonly fact: (row: Row) => AnyFact }>> = {
  requests: { table: 'reportRequests', kind: 'requests', fact: requestFact },
  timeEntries: { table: 'reportEntries', kind: 'entries', fact: entryFact },
}

/** The table of fact packs (see domain/report/facts.ts). */
export const PACKS_TABLE = 'reportPacks'

/** Whether the IndexedDB transaction may write `store` (an upgrade to a version before the facts may not). */
function inScope(trans: DBCoreTransaction, store: string): boolean {
  const names = (trans as unknown as IDBTransaction).objectStoreNames
  return names === undefined || names.contains(store)
}

/** The ids a write touches (for a range: the ids of the facts in it, read before the write). */
function touchedIds(facts: DBCoreTable, request: DBCoreMutateRequest): Promise<string[]> {
  if (request.type === 'add' || request.type === 'put') return Promise.resolve(request.values.map((v) => String((v as Row).id)))
  if (request.type === 'delete') return Promise.resolve(request.keys.map(String))
  return facts.query({ trans: request.trans, values: false, query: { index: facts.schema.primaryKey, range: request.range } }).then((found) => found.result.map(String))
}

/** Writes the facts and packs that mirror `request`, once it has been carried out with `failures`. */
function mirror(down: DBCore, source: (typeof FACTS)[string], request: DBCoreMutateRequest, before: Map<string, AnyFact | undefined>, failures: Record<number, Error>): Promise<void> {
  const { trans } = request
  const facts = down.table(source.table)
  const after = new Map<string, AnyFact | undefined>()
  let written: Promise<unknown>
  if (request.type === 'add' || request.type === 'put') {
    request.values.forEach((v, i) => { if (!(i in failures)) after.set(String((v as Row).id), source.fact(v as Row)) })
    written = after.size > 0 ? facts.mutate({ trans, type: 'put', values: [...after.values()] }) : Promise.resolve()
  } else {
    for (const id of before.keys()) after.set(id, undefined)
    written = request.type === 'delete'
      ? facts.mutate({ trans, type: 'delete', keys: request.keys })
      : facts.mutate({ trans, type: 'deleteRange', range: request.range })
  }
  const changes = packChanges<Fact>(source.kind, [...after].map(([id, fact]) => ({ before: before.get(id) as Fact | undefined, after: fact as Fact | undefined })))
  if (changes.length === 0) return written.then(() => undefined)
  const packs = down.table(PACKS_TABLE)
  return written.then(() => packs.getMany({ trans, keys: changes.map((c) => c.key) })).then((stored: (FactPack | undefined)[]) => {
    const puts: FactPack[] = []
    const deletes: PackKey[] = []
    changes.forEach((change, i) => {
      const before = stored[i]
      const facts = changedPack(before ? packFacts(before) : [], change)
      if (facts.length > 0) puts.push(factPack(change.key, facts))
      else if (before) deletes.push(change.key)
    })
    return (puts.length > 0 ? packs.mutate({ trans, type: 'put', values: puts }) : Promise.resolve())
      .then(() => deletes.length > 0 ? packs.mutate({ trans, type: 'delete', keys: deletes }) : undefined)
      .then(() => undefined)
  })
}

function withFacts(down: DBCore): DBCore {
  return {
    ...down,
    // A write to a table with facts also writes its facts and packs, so they join its transaction.
    transaction(stores, mode, options) {
      const wanted = mode === 'readwrite' && stores.some((s) => FACTS[s]) ? [...stores.flatMap((s) => FACTS[s] ? [FACTS[s].table] : []), PACKS_TABLE] : []
      const extra = [...new Set(wanted)].filter((s) => !stores.includes(s))
      return down.transaction(extra.length > 0 ? [...stores, ...extra] : stores, mode, options)
    },
    table(name) {
      const table = down.table(name)
      const source = FACTS[name]
      if (!source) return table
      return {
        ...table,
        // Promise chains, not await: Dexie keeps its transaction zone through `then` on its
        // promises, and the reads below (getMany) need it.
        mutate(request) {
          if (!inScope(request.trans, source.table) || !inScope(request.trans, PACKS_TABLE)) return table.mutate(request)
          const facts = down.table(source.table)
          // The facts before the write: where each record was packed.
          return touchedIds(facts, request)
            .then((touched) => {
              const ids = [...new Set(touched)]
              return facts.getMany({ trans: request.trans, keys: ids }).then((found) => new Map(ids.map((id, i) => [id, found[i] as AnyFact | undefined])))
            })
            .then((before) => table.mutate(request).then((response) => mirror(down, source, request, before, response.failures).then(() => response)))
        },
      }
    },
  }
}

/** The middleware; SuperbrugerDb uses it. */
export const reportFactsMiddleware: Middleware<DBCore> = { stack: 'dbcore', name: 'ReportFacts', create: withFacts }

/** Records read per step when the facts are built, so a big table is never held whole. */
const BUILD_CHUNK = 2_000

/** Builds every fact and pack afresh from the stored records, in the transaction `tx` (which must hold them all). */
export async function buildReportFacts(tx: Pick<Transaction, 'table'>): Promise<void> {
  await tx.table(PACKS_TABLE).clear()
  for (const [source, { table, kind, fact }] of Object.entries(FACTS)) {
    await tx.table(table).clear()
    const packs = new Map<string, { key: PackKey, facts: Fact[] }>()
    let after: string | null = null
    for (;;) {
      const rows: Row[] = await (after === null ? tx.table(source).orderBy(':id') : tx.table(source).where(':id').above(after)).limit(BUILD_CHUNK).toArray()
      if (rows.length === 0) break
      const facts = rows.map(fact)
      await tx.table(table).bulkPut(facts)
      for (const f of facts) {
        const key = packKeyOf(kind, f)
        if (!key) continue
        const id = JSON.stringify(key)
        const pack = packs.get(id) ?? { key, facts: [] }
        pack.facts.push(f as Fact)
        packs.set(id, pack)
      }
      after = String(rows.at(-1)!.id)
    }
    await tx.table(PACKS_TABLE).bulkPut([...packs.values()].map((p) => factPack(p.key, p.facts)))
  }
}

/**
 * The upgrade to version 12: packs stored before as lists of fact objects are stored column-wise
 * (domain/report/columns.ts), the same facts. Packs already column-wise (built by the upgrade to
 * version 7 in the same run) are left as they are.
 */
export async function packFactsColumnWise(tx: Pick<Transaction, 'table'>): Promise<void> {
  await tx.table(PACKS_TABLE).toCollection().modify((pack: Row) => {
    if (!Array.isArray(pack.facts)) return
    pack.columns = factPack([pack.teamId as string, pack.kind as PackKind, pack.bucket as number], pack.facts as Fact[]).columns
    delete pack.facts
  })
}

/** The databases whose facts were found whole since this context started. */
const checked = new Set<string>()
/** Checks under way, so a second caller waits for the first check instead of doing it again. */
const checking = new Map<string, Promise<boolean>>()

/**
 * Makes sure `database` has one fact per stored request and time entry, building them again if
 * not. Every write of this app keeps them so, but records written to IndexedDB past it (an older
 * copy of the app, a tool, the benchmark's seeding) would otherwise be missing from the reports.
 * Checked once per database and context (counting rows is quick); resolves when they are whole,
 * to whether they had to be built (a call during another's check waits for that one).
 */
export function ensureReportFacts(database: SuperbrugerDb): Promise<boolean> {
  if (checked.has(database.name)) return Promise.resolve(false)
  const running = checking.get(database.name)
  if (running) return running
  const check = checkReportFacts(database).finally(() => checking.delete(database.name))
  checking.set(database.name, check)
  return check
}

async function checkReportFacts(database: SuperbrugerDb): Promise<boolean> {
  const tables = [database.requests, database.reportRequests, database.timeEntries, database.reportEntries, database.reportPacks]
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
