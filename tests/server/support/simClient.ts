import type { FastifyInstance } from 'fastify'
import type { Mutation, PullResponse, PushResponse } from '../../../src/domain/protocol.ts'
import type { SyncTableName } from '../../../src/domain/records/syncTables.ts'
import { sampleRecord } from './records.ts'

type Row = Record<string, unknown>

/** A write the server acknowledged without a conflict, to check it is not lost later. */
export interface AckedField {
  readonly table: SyncTableName
  readonly id: string
  readonly field: string
  readonly value: unknown
  /** The server head right after the push that applied it. */
  readonly seq: number
}

/**
 * A minimal offline-first client following DESIGN.md: local records, an outbox with increasing
 * mutation ids, push then pull, pending outbox entries re-applied after each pulled page.
 */
export class SimClient {
  readonly records = new Map<string, Row>()
  outbox: Mutation[] = []
  readonly acked: AckedField[] = []
  readonly createdIds: string[] = []
  cursor = 0
  /** The newest mutation sent in a push whose response was lost: when it was applied, and with what conflicts, is unknown. */
  private lostThrough = 0
  private nextMutationId = 1
  private counter = 0

  constructor(readonly app: FastifyInstance, readonly clientId: string, readonly cookie: string, readonly personId: string, readonly teamId: string) {}

  private key(table: string, id: string): string {
    return `${table}/${id}`
  }

  private queue(m: Omit<Mutation, 'mutationId'>): void {
    this.outbox.push({ ...m, mutationId: this.nextMutationId++ })
  }

  /** Applies one mutation to the local copy (used for local writes and for re-applying the outbox). */
  private applyLocal(m: Omit<Mutation, 'mutationId'>): void {
    const key = this.key(m.table, m.recordId)
    const current = this.records.get(key)
    if (m.op === 'put') {
      if (!current) this.records.set(key, { ...m.fields })
    } else if (m.op === 'patch') {
      if (current && current.deletedAt === null) this.records.set(key, { ...current, ...m.fields })
    } else if (current && current.deletedAt === null) {
      this.records.set(key, { id: current.id, teamId: current.teamId, createdAt: current.createdAt, createdBy: current.createdBy, updatedAt: m.at, rev: current.rev, deletedAt: m.at })
    }
  }

  private write(m: Omit<Mutation, 'mutationId'>): void {
    this.applyLocal(m)
    this.queue(m)
  }

  create(table: SyncTableName, description: string): void {
    const id = `${this.clientId}-${++this.counter}`
    const fields = sampleRecord(table, id, this.teamId, this.personId, table === 'requests' ? { description } : { body: description })
    this.createdIds.push(id)
    this.write({ table, recordId: id, op: 'put', fields, baseRev: 0, at: 1000 + this.counter })
  }

  /** The live local records, in a stable order. */
  live(): Row[] {
    return [...this.records.values()].filter((r) => r.deletedAt === null).sort((a, b) => String(a.id).localeCompare(String(b.id)))
  }

  edit(pick: number, field: 'description' | 'status', text: string, status: string): void {
    const live = this.live()
    const record = live[pick % Math.max(1, live.length)]
    if (!record) return
    const table = 'description' in record ? 'requests' : 'tips'
    const changes = table === 'tips' ? { body: text } : field === 'status' ? { status } : { description: text }
    this.write({ table, recordId: String(record.id), op: 'patch', fields: changes, baseRev: Number(record.rev), at: 2000 })
  }

  remove(pick: number): void {
    const live = this.live()
    const record = live[pick % Math.max(1, live.length)]
    if (!record) return
    const table = 'description' in record ? 'requests' : 'tips'
    this.write({ table, recordId: String(record.id), op: 'delete', fields: {}, baseRev: Number(record.rev), at: 3000 })
  }

  /** Pushes the outbox; a lost response means the server committed but the client never heard. */
  async push(loseResponse: boolean): Promise<void> {
    if (this.outbox.length === 0) return
    const sent = this.outbox.slice(0, 40)
    const response = await this.app.inject({ method: 'POST', url: '/api/sync/push', payload: { clientId: this.clientId, mutations: sent }, headers: { cookie: this.cookie } })
    if (response.statusCode !== 200) throw new Error(`push ${response.statusCode}: ${response.body}`)
    if (loseResponse) {
      this.lostThrough = Math.max(this.lostThrough, ...sent.map((m) => m.mutationId))
      return
    }
    const body = response.json<PushResponse>()
    const conflicted = new Set(body.conflicts.map((c) => `${c.mutationId}/${c.field}`))
    // Within one push only the last write of a field counts: earlier ones share its sequence.
    const last = new Map<string, AckedField>()
    for (const m of sent) {
      // A mutation a lost push may have applied is acknowledged now, but its sequence (the head
      // then) and any conflict it met went with the lost response: only this push's own count.
      if (m.mutationId > body.lastMutationId || m.mutationId <= this.lostThrough || m.op !== 'patch') continue
      if (body.rejected.some((r) => r.mutationId === m.mutationId)) continue
      for (const [field, value] of Object.entries(m.fields)) {
        const key = `${m.table}/${m.recordId}/${field}`
        if (conflicted.has(`${m.mutationId}/${field}`)) last.delete(key)
        else last.set(key, { table: m.table, id: m.recordId, field, value, seq: body.seq })
      }
    }
    this.acked.push(...last.values())
    this.outbox = this.outbox.filter((m) => m.mutationId > body.lastMutationId)
    // As the app does (db/pushAnswer.ts acknowledgeOutbox): a refused change was already shown
    // locally, so the copies are dropped and the next pull downloads what the server kept.
    if (body.rejected.length > 0) {
      this.resetLocal()
      this.cursor = 0
    }
  }

  /** Drops every local copy but keeps (and re-applies) the outbox: the start of a full download. */
  private resetLocal(): void {
    this.records.clear()
    for (const m of this.outbox) this.applyLocal(m)
  }

  /**
   * Pulls every page; pending outbox entries are re-applied on top of each page. A
   * `resetRequired` answer drops the local copies (keeping the outbox) and downloads again.
   */
  async pull(loseResponse = false): Promise<void> {
    for (;;) {
      const response = await this.app.inject({ method: 'GET', url: `/api/sync/pull?cursor=${this.cursor}&limit=25`, headers: { cookie: this.cookie } })
      if (response.statusCode !== 200) throw new Error(`pull ${response.statusCode}: ${response.body}`)
      if (loseResponse) return
      const page = response.json<PullResponse>()
      if (page.resetRequired) {
        this.resetLocal()
        this.cursor = 0
        continue
      }
      const touched = new Set<string>()
      for (const { table, record } of page.records) {
        const key = this.key(table, record.id)
        this.records.set(key, { ...(record as unknown as Row) })
        touched.add(key)
      }
      for (const m of this.outbox) if (touched.has(this.key(m.table, m.recordId))) this.applyLocal(m)
      this.cursor = page.nextCursor
      if (!page.hasMore) return
    }
  }

  /** Pushes until the outbox is empty, then pulls everything. */
  async settle(): Promise<void> {
    while (this.outbox.length > 0) await this.push(false)
    await this.pull()
  }
}
