import { createServer, type Server } from 'node:http'

/**
 * Where a plain-HTTP request is sent: the same host (from its Host header, port dropped) and path
 * on the HTTPS port; `fallbackHost` when the header is missing or not a host name.
 */
export function httpsRedirectTarget(hostHeader: string | undefined, path: string, httpsPort: number, fallbackHost: string): string {
  let hostname = fallbackHost
  try {
    if (hostHeader) hostname = new URL(`http://${hostHeader}`).hostname
  } catch {
    // A Host header that is no host name: send them to the server's own name instead.
  }
  const port = httpsPort === 443 ? '' : `:${httpsPort}`
  const safePath = path.startsWith('/') && !path.startsWith('//') ? path : '/'
  return `https://${hostname}${port}${safePath}`
}

/**
 * Listens on `port` with plain HTTP and answers every request with a permanent redirect (308, so
 * a POST stays a POST) to the HTTPS address. Resolves with the listening server.
 */
export async function listenHttpRedirect(port: number, host: string, httpsPort: number, fallbackHost: string): Promise<Server> {
  const server = createServer((request, response) => {
    const location = httpsRedirectTarget(request.headers.host, request.url ?? '/', httpsPort, fallbackHost)
    response.writeHead(308, { location, 'content-type': 'text/plain; charset=utf-8', connection: 'close' })
    response.end(`Superbruger bruger HTTPS: ${location}\n`)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  return server
}
