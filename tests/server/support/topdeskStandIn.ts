import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

// A stand-in for TOPdesk's incident API, written from its public documentation
// (developers.topdesk.com, Incident Management): Basic authentication with an application
// password, POST /tas/api/incidents (brief description at most 80 characters, caller required),
// GET /tas/api/incidents?query=<FIQL> (204 when nothing matches), GET /tas/api/incidents/id/{id}.
// It can answer slowly, fail at random before creating, and drop the answer after creating.

/** An incident as the stand-in keeps it. */
export interface StoredIncident {
  id: string
  number: string
  externalNumber: string
  briefDescription: string
  request: string
  caller: unknown
  category: unknown
  subcategory: unknown
  object: unknown
  closed: boolean
  processingStatus: { name: string }
}

/** How the stand-in misbehaves; all off by default. */
export interface StandInFaults {
  /** Extra wait before each answer, in ms (0..slowMs, from the seeded random). */
  slowMs: number
  /** Share of creates answered 500 before creating anything. */
  failRate: number
  /** Share of creates whose answer is dropped (the socket closed) after the incident was made. */
  dropRate: number
  /** Answer every call with this status (401, 403, 503 …) instead. */
  forceStatus: number | null
}

/** A small seeded random (mulberry32), so a failing run can be repeated. */
function seeded(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A running stand-in with what it holds and counts. */
export interface TopdeskStandIn {
  readonly url: string
  readonly user: string
  readonly appPassword: string
  readonly incidents: StoredIncident[]
  readonly faults: StandInFaults
  /** Calls received, per kind. */
  readonly calls: { create: number; query: number; get: number }
  /** IT closes the incident (as an operator would in TOPdesk). */
  close(number: string): void
  stop(): Promise<void>
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) {
    res.writeHead(status).end()
    return
  }
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null')
}

/** Starts the stand-in on a free port; `seed` fixes its random faults. */
export async function startTopdeskStandIn(seed = 1, faults: Partial<StandInFaults> = {}): Promise<TopdeskStandIn> {
  const random = seeded(seed)
  const incidents: StoredIncident[] = []
  const calls = { create: 0, query: 0, get: 0 }
  const state: StandInFaults = { slowMs: 0, failRate: 0, dropRate: 0, forceStatus: null, ...faults }
  const user = 'superbruger-api'
  const appPassword = 'app-pw-123'
  const expected = `Basic ${Buffer.from(`${user}:${appPassword}`).toString('base64')}`
  let counter = 0

  const server: Server = createServer((req, res) => {
    void (async () => {
      if (state.slowMs > 0) await new Promise((resolve) => setTimeout(resolve, Math.floor(random() * state.slowMs)))
      const url = new URL(req.url ?? '/', 'http://x')
      if (req.headers.authorization !== expected) return send(res, 401, { message: 'Authentication failed' })
      if (state.forceStatus !== null) return send(res, state.forceStatus, [{ message: `Forced ${state.forceStatus}` }])
      if (req.method === 'POST' && url.pathname === '/tas/api/incidents') {
        calls.create += 1
        const body = await readJson(req) as Partial<StoredIncident> | null
        if (random() < state.failRate) return send(res, 500, [{ message: 'Internal error' }])
        if (!body || typeof body.briefDescription !== 'string' || [...body.briefDescription].length > 80) {
          return send(res, 422, [{ message: 'briefDescription: must be at most 80 characters' }])
        }
        if (!body.caller) return send(res, 422, [{ message: 'caller: a caller is required' }])
        counter += 1
        const incident: StoredIncident = {
          id: randomUUID(), number: `I 2611 ${String(counter).padStart(3, '0')}`, externalNumber: String(body.externalNumber ?? ''),
          briefDescription: body.briefDescription, request: String(body.request ?? ''), caller: body.caller,
          category: body.category ?? null, subcategory: body.subcategory ?? null, object: body.object ?? null,
          closed: false, processingStatus: { name: 'Registreret' },
        }
        incidents.push(incident)
        if (random() < state.dropRate) {
          req.socket.destroy()
          return
        }
        return send(res, 201, incident)
      }
      if (req.method === 'GET' && url.pathname === '/tas/api/incidents') {
        calls.query += 1
        const match = /^externalNumber=="([^"]*)"$/.exec(url.searchParams.get('query') ?? '')
        if (!match) return send(res, 400, [{ message: 'Unsupported query' }])
        const found = incidents.filter((i) => i.externalNumber === match[1])
        return found.length === 0 ? send(res, 204) : send(res, 200, found)
      }
      const byId = /^\/tas\/api\/incidents\/id\/([^/]+)$/.exec(url.pathname)
      if (req.method === 'GET' && byId) {
        calls.get += 1
        const incident = incidents.find((i) => i.id === decodeURIComponent(byId[1]!))
        return incident ? send(res, 200, incident) : send(res, 404, [{ message: 'Not found' }])
      }
      return send(res, 404, [{ message: 'No such endpoint' }])
    })().catch(() => res.destroy())
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`, user, appPassword, incidents, faults: state, calls,
    close(number) {
      const incident = incidents.find((i) => i.number === number)
      if (!incident) throw new Error(`no incident ${number}`)
      incident.closed = true
      incident.processingStatus = { name: 'Afgemeld' }
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections()
      server.close(() => resolve())
    }),
  }
}
