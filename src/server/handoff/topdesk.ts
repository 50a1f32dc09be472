import type { TopdeskConfig } from '../config.ts'

// TOPdesk's incident REST API (developers.topdesk.com, "Incident Management"): Basic
// authentication with an operator's application password, JSON in and out.

/** The incident fields the hand-off sends (POST /tas/api/incidents). */
export interface IncidentDraft {
  readonly caller: { readonly dynamicName: string; readonly email?: string }
  readonly briefDescription: string
  readonly request: string
  readonly category?: { readonly name: string }
  readonly subcategory?: { readonly name: string }
  readonly object?: { readonly name: string }
  readonly externalNumber: string
}

/** What the hand-off reads back of an incident. */
export interface Incident {
  readonly id: string
  readonly number: string
  readonly closed: boolean
  readonly processingStatus: string | null
}

/** A TOPdesk answer the hand-off must act on: its HTTP status (0: no answer) and TOPdesk's message. */
export class TopdeskError extends Error {
  override name = 'TopdeskError'
  constructor(readonly status: number, readonly detail: string) {
    super(`TOPdesk answered ${status}: ${detail}`)
  }
}

/** Longest wait for one TOPdesk answer; a slower one counts as no answer (tried again later). */
const TIMEOUT_MS = 30_000

function toIncident(value: unknown): Incident {
  const body = value as { id?: unknown; number?: unknown; closed?: unknown; processingStatus?: { name?: unknown } | null }
  if (typeof body?.id !== 'string' || typeof body.number !== 'string') throw new TopdeskError(0, 'answer without id and number')
  const status = body.processingStatus?.name
  return { id: body.id, number: body.number, closed: body.closed === true, processingStatus: typeof status === 'string' ? status : null }
}

/** TOPdesk's own words from an error body (a list of { message } or one), cut short. */
async function detailOf(response: Response): Promise<string> {
  const text = await response.text().catch(() => '')
  try {
    const body = JSON.parse(text) as unknown
    const list = Array.isArray(body) ? body : [body]
    const messages = list.map((item) => (item as { message?: unknown })?.message).filter((m): m is string => typeof m === 'string')
    if (messages.length > 0) return messages.join('; ').slice(0, 300)
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300)
}

/** Talks to one TOPdesk; `fetchImpl` is injectable so tests can count calls. */
export class TopdeskClient {
  readonly #base: string
  readonly #auth: string

  constructor(config: TopdeskConfig, private readonly fetchImpl: typeof fetch = fetch) {
    this.#base = `${config.url}/tas/api`
    this.#auth = `Basic ${Buffer.from(`${config.user}:${config.appPassword}`).toString('base64')}`
  }

  async #call(method: string, path: string, body?: unknown): Promise<Response> {
    let response: Response
    try {
      response = await this.fetchImpl(`${this.#base}${path}`, {
        method, signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: { authorization: this.#auth, accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      })
    } catch (error) {
      throw new TopdeskError(0, error instanceof Error ? error.message : String(error))
    }
    if (!response.ok && response.status !== 204) throw new TopdeskError(response.status, await detailOf(response))
    return response
  }

  /** Creates an incident; TOPdesk answers it with its id and number. */
  async createIncident(draft: IncidentDraft): Promise<Incident> {
    return toIncident(await (await this.#call('POST', '/incidents', draft)).json())
  }

  /** The incident made for `externalNumber`, or null when there is none (so a retry never makes a second). */
  async findByExternalNumber(externalNumber: string): Promise<Incident | null> {
    const query = encodeURIComponent(`externalNumber=="${externalNumber.replace(/["\\]/g, '')}"`)
    const response = await this.#call('GET', `/incidents?query=${query}&pageSize=2`)
    if (response.status === 204) return null
    const list = await response.json() as unknown
    return Array.isArray(list) && list.length > 0 ? toIncident(list[0]) : null
  }

  /** One incident by its id, for following its status. */
  async getIncident(id: string): Promise<Incident> {
    return toIncident(await (await this.#call('GET', `/incidents/id/${encodeURIComponent(id)}`)).json())
  }
}
