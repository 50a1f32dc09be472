import { request, type IncomingMessage } from 'node:http'

/** A Server-Sent Events stream opened with a real HTTP request. */
export interface EventStream {
  readonly status: number
  readonly headers: IncomingMessage['headers']
  /** Resolves with the data of the next `sync` event (waiting at most `timeoutMs`). */
  next(timeoutMs?: number): Promise<{ seq: number }>
  /** Resolves when the server ends the stream. */
  ended: Promise<void>
  close(): void
}

/** Opens GET /api/sync/events on a listening server. */
export function openEvents(baseUrl: string, cookie: string): Promise<EventStream> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseUrl}/api/sync/events`, { headers: { cookie, accept: 'text/event-stream' } }, (res) => {
      const queue: Array<{ seq: number }> = []
      const waiters: Array<(event: { seq: number }) => void> = []
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = block.split('\n').find((line) => line.startsWith('data: '))
          if (!block.includes('event: sync') || !data) continue
          const event = JSON.parse(data.slice(6)) as { seq: number }
          const waiter = waiters.shift()
          if (waiter) waiter(event)
          else queue.push(event)
        }
      })
      const ended = new Promise<void>((done) => res.on('close', () => done()))
      resolve({
        status: res.statusCode ?? 0,
        headers: res.headers,
        ended,
        next(timeoutMs = 5000) {
          const queued = queue.shift()
          if (queued) return Promise.resolve(queued)
          return new Promise((done, fail) => {
            const timer = setTimeout(() => fail(new Error('no sync event in time')), timeoutMs)
            waiters.push((event) => {
              clearTimeout(timer)
              done(event)
            })
          })
        },
        close: () => req.destroy(),
      })
    })
    req.on('error', reject)
    req.end()
  })
}
