import { createHash } from 'node:crypto'
import type { FastifyInstance, FastifyReply } from 'fastify'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import { renderTipPage, tipPageCsp } from '../publicTips/tipPage.ts'
import type { PublicTipShelf } from '../publicTips/tipShelf.ts'
import { sendAppShell } from './static.ts'

interface PageRoute {
  Params: { code: string }
  Querystring: Record<string, string | undefined>
}

interface PhotoRoute {
  Params: { code: string, hash: string }
}

/** How long a browser or proxy may keep a public tip before asking again (an un-published tip is gone after this). */
const PUBLIC_TIP_MAX_AGE = 300

/**
 * /t/<code> for a phone with no account: the public copy of a tip the koordinator marked public,
 * rendered by the server, cacheable (ETag, five minutes) and with no script. Every other code is
 * the same plain 404 page. A signed-in browser (session cookie) and `?app=1` get the app itself,
 * which opens the tip from local data; `?offentlig=1` always gets the public page (the app links
 * there when the tip is not on the device). /t/<code>/foto/<hash> serves the tip's photos to the page.
 */
export function registerPublicTipPage(app: FastifyInstance, shelf: PublicTipShelf, appCsp: string, servingApp: boolean): void {
  const csp = tipPageCsp(appCsp)
  const page = (reply: FastifyReply, status: number, html: string) => reply.status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('vary', 'cookie')
    .header('content-security-policy', csp)
    .send(html)

  app.get<PageRoute>('/t/:code', async (request, reply) => {
    const signedIn = request.cookies[SESSION_COOKIE] !== undefined
    if (servingApp && (request.query.app !== undefined || (signedIn && request.query.offentlig === undefined))) return sendAppShell(reply)
    const opened = await shelf.open(request.ip, request.params.code)
    if (opened.kind === 'limited') {
      reply.header('cache-control', 'no-store').header('retry-after', opened.retryAfterSeconds)
      return page(reply, 429, renderTipPage('', { kind: 'limited' }))
    }
    if (opened.kind === 'notFound') return page(reply.header('cache-control', 'no-store'), 404, renderTipPage('', { kind: 'notFound' }))
    const html = renderTipPage(opened.tip.code, { kind: 'tip', tip: opened.tip })
    const etag = `"${createHash('sha256').update(html, 'utf8').digest('base64url').slice(0, 27)}"`
    reply.header('cache-control', `public, max-age=${PUBLIC_TIP_MAX_AGE}`).header('etag', etag)
    if (request.headers['if-none-match'] === etag) return reply.status(304).header('vary', 'cookie').send()
    return page(reply, 200, html)
  })

  // A photo of a public tip: never changes under its hash, but is public only while the tip is, so
  // it is cached as briefly as the page; its ETag is the hash itself.
  app.get<PhotoRoute>('/t/:code/foto/:hash', async (request, reply) => {
    const opened = await shelf.openPhoto(request.ip, request.params.code, request.params.hash)
    if (opened.kind === 'limited') {
      return reply.status(429).header('cache-control', 'no-store').header('retry-after', opened.retryAfterSeconds)
        .type('text/plain; charset=utf-8').send('For mange opslag. Vent lidt, og prøv igen.')
    }
    if (opened.kind === 'notFound') return reply.status(404).header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('Billedet findes ikke.')
    const etag = `"${opened.photo.hash}"`
    reply.header('cache-control', `public, max-age=${PUBLIC_TIP_MAX_AGE}`).header('etag', etag).header('content-security-policy', csp)
    if (request.headers['if-none-match'] === etag) return reply.status(304).send()
    return reply.status(200).type(opened.photo.contentType).send(opened.photo.data)
  })
}
