import type { FastifyInstance, FastifyReply } from 'fastify'
import { normaliseAssetCode } from '../../domain/assetCode.ts'
import type { FaultReportInput } from '../../domain/faultReportShape.ts'
import { SESSION_COOKIE } from '../auth/sessions.ts'
import type { ErrorCode } from '../errors.ts'
import type { FaultReportDesk } from '../faultReport/reportDesk.ts'
import { emptyForm, renderReportPage, reportPageCsp, type ReportPageError, type ReportPageState } from '../faultReport/reportPage.ts'
import { REPORT_PAGE_TEXTS as T } from '../faultReport/reportPageTexts.ts'
import type { PublicTipShelf } from '../publicTips/tipShelf.ts'
import { sendAppShell } from './static.ts'

/** A receipt's reference as filed (QR- and an asset-code-like tail); anything else in the URL is ignored. */
const REFERENCE = /^QR-[0-9A-Z]{6}$/

interface PageRoute {
  Params: { code: string }
  Querystring: Record<string, string | undefined>
}

function messageFor(code: ErrorCode): string {
  if (code === 'too_many_reports') return T.tooMany
  if (code === 'not_delivered') return T.notDelivered
  return T.invalid
}

/** What the colleague typed, as strings, so a refused report comes back with every field as it was. */
function typedValues(body: unknown): FaultReportInput {
  const record = typeof body === 'object' && body !== null ? body as Record<string, unknown> : {}
  const text = (name: string) => (typeof record[name] === 'string' ? record[name] : '')
  return { text: text('text'), name: text('name'), contact: text('contact'), department: text('department') }
}

/**
 * /a/<code> for a phone with no account: the server-rendered fault-report page (GET) and its form
 * post (POST → 303 to the receipt, or the form again with what was typed and why). A signed-in
 * browser (session cookie) and `?app=1` get the app itself, which opens the asset from local data;
 * the form is offered with the team's public tips for the asset's kind (PublicTipShelf.forAsset);
 * `?meld=1` always gets the page (the app links there for a signed-out device).
 */
export function registerFaultReportPage(app: FastifyInstance, desk: FaultReportDesk, tips: PublicTipShelf, appCsp: string, servingApp: boolean): void {
  const csp = reportPageCsp(appCsp)
  const page = (reply: FastifyReply, status: number, code: string, state: ReportPageState) => reply.status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .header('vary', 'cookie')
    .header('content-security-policy', csp)
    .send(renderReportPage(code, state))

  app.register(async (scope) => {
    // Only these routes read form posts; the API keeps answering 415 to anything but JSON.
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))))
    })

    scope.get<PageRoute>('/a/:code', async (request, reply) => {
      const code = normaliseAssetCode(request.params.code).slice(0, 32)
      const signedIn = request.cookies[SESSION_COOKIE] !== undefined
      if (servingApp && (request.query.app !== undefined || (signedIn && request.query.meld === undefined))) return sendAppShell(reply)
      const sent = request.query.sendt
      if (sent !== undefined && REFERENCE.test(sent)) return page(reply, 200, code, { kind: 'receipt', code, reference: sent })
      const found = await desk.lookup(request.ip, code)
      // Only after a look-up the address was allowed: the tips tell no more about the code than its name does.
      return page(reply, 200, code, emptyForm(found.ok ? found.asset : null, found.ok ? await tips.forAsset(code) : []))
    })

    scope.post<PageRoute>('/a/:code', { bodyLimit: 16 * 1024 }, async (request, reply) => {
      const code = normaliseAssetCode(request.params.code).slice(0, 32)
      const filed = await desk.file(request.ip, code, request.body)
      if (filed.ok) {
        request.log.info({ requestId: filed.requestId, assetId: filed.assetId, reference: filed.reference }, 'fault report filed')
        return reply.redirect(`/a/${encodeURIComponent(code)}?sendt=${filed.reference}`, 303)
      }
      if (filed.retryAfterSeconds !== undefined) reply.header('retry-after', filed.retryAfterSeconds)
      const error: ReportPageError = filed.code === 'report_text_required' ? { field: 'text' } : { message: messageFor(filed.code) }
      const found = await desk.lookup(request.ip, code)
      return page(reply, filed.status, code, { kind: 'form', asset: found.ok ? found.asset : null, values: typedValues(request.body), error })
    })
  })
}
