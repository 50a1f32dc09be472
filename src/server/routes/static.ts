import { existsSync } from 'node:fs'
import { basename, join, sep } from 'node:path'
import fastifyStatic from '@fastify/static'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'

const IMMUTABLE = 'public, max-age=31536000, immutable'
/** Files that name the current version: the browser must revalidate them every time. */
const NEVER_CACHED = new Set(['index.html', 'sw.js', 'registerSW.js', 'manifest.webmanifest'])

/** Cache-Control for a served file: hashed assets forever, the shell and service worker never. */
export function cacheControlFor(root: string, file: string): string {
  const plain = file.replace(/\.(br|gz)$/, '')
  if (plain.startsWith(join(root, 'assets') + sep)) return IMMUTABLE
  if (NEVER_CACHED.has(basename(plain))) return 'no-cache'
  if (/^workbox-[0-9a-f]{6,}\.js$/.test(basename(plain))) return IMMUTABLE
  return 'public, max-age=3600'
}

/** True for a browser navigation to an app route (not /api, not a file): answer with index.html. */
export function isAppRoute(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false
  const path = request.url.split('?')[0] ?? '/'
  if (path === '/api' || path.startsWith('/api/')) return false
  return !basename(path).includes('.')
}

/**
 * Serves the built PWA from `root` (pre-compressed .br/.gz when the browser accepts them).
 * Returns false when there is no build there, so the server runs API-only.
 */
export async function registerStatic(app: FastifyInstance, root: string | null): Promise<boolean> {
  if (!root || !existsSync(join(root, 'index.html'))) return false
  await app.register(fastifyStatic, {
    root,
    preCompressed: true,
    cacheControl: false,
    setHeaders: (reply: FastifyReply, path: string) => {
      reply.header('cache-control', cacheControlFor(root, path))
    },
  })
  return true
}

/** Sends the app shell for an app route (the SPA fallback). */
export function sendAppShell(reply: FastifyReply): Promise<FastifyReply> | FastifyReply {
  return reply.sendFile('index.html')
}
