import { MAX_REPORT_FIELD, MAX_REPORT_TEXT, type FaultReportInput, type PublicAsset } from '../../domain/faultReportShape.ts'
import { REPORT_PAGE_SCRIPT, REPORT_PAGE_SCRIPT_HASH, REPORT_PAGE_STYLE, REPORT_PAGE_STYLE_HASH } from './reportPageAssets.ts'
import { REPORT_PAGE_TEXTS as T } from './reportPageTexts.ts'

// The colleague's fault-report page (/a/<code> without an account), rendered by the server: one
// small HTML response that paints on a slow phone without loading the app, and works with a plain
// form post when its script does not run.

/** What the page shows: the form (with what was typed and why it was not sent), or the receipt. */
export type ReportPageState =
  | {
    readonly kind: 'form', readonly asset: PublicAsset | null, readonly values: FaultReportInput, readonly error: ReportPageError | null
    /** The team's public tips for this kind of asset (code and title), offered before the form. */
    readonly tips?: readonly TipLink[]
  }
  | { readonly kind: 'receipt', readonly code: string, readonly reference: string }

/** A link to a public tip: its short code and title. */
export interface TipLink {
  readonly code: string
  readonly title: string
}

/** Why the form is shown again: the text is missing, or a message for the whole form. */
export type ReportPageError = { readonly field: 'text' } | { readonly message: string }

const EMPTY: FaultReportInput = { text: '', name: '', contact: '', department: '' }

/** The empty form for `asset` (null when its name could not be looked up), with the tips to offer. */
export function emptyForm(asset: PublicAsset | null, tips: readonly TipLink[] = []): ReportPageState {
  return { kind: 'form', asset, values: EMPTY, error: null, tips }
}

/** Text made safe for HTML element content and double-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)
}

/** The Content-Security-Policy of the page: the app's, with the page's inline style and script allowed by hash. */
export function reportPageCsp(appCsp: string): string {
  return appCsp
    .replace("script-src 'self'", `script-src 'self' ${REPORT_PAGE_SCRIPT_HASH}`)
    .replace("style-src 'self'", `style-src 'self' ${REPORT_PAGE_STYLE_HASH}`)
}

function assetCard(asset: PublicAsset | null): string {
  if (asset === null) return `<p class="muted">${T.lookupFailed}</p>`
  const rows = [
    asset.name ? `<dt>${T.asset}</dt><dd>${escapeHtml(asset.name)}</dd>` : '',
    asset.location ? `<dt>${T.location}</dt><dd>${escapeHtml(asset.location)}</dd>` : '',
  ].join('')
  return rows ? `<dl class="card">${rows}</dl>` : ''
}

function tipLinks(tips: readonly TipLink[]): string {
  if (tips.length === 0) return ''
  const items = tips.map((tip) => `<li><a href="/t/${encodeURIComponent(tip.code)}">${escapeHtml(tip.title)}</a></li>`).join('')
  return `<section class="card" aria-labelledby="report-tips"><h2 id="report-tips">${T.tipsTitle}</h2><p>${T.tipsIntro}</p><ul>${items}</ul></section>`
}

function field(name: keyof FaultReportInput, label: string, value: string, extra: { autocomplete: string, hint?: string }): string {
  const id = `report-${name}`
  const hint = extra.hint ? `<p id="${id}-hint" class="hint">${extra.hint}</p>` : ''
  const described = extra.hint ? ` aria-describedby="${id}-hint"` : ''
  return `<div class="field"><label for="${id}">${label}</label>`
    + `<input id="${id}" name="${name}" value="${escapeHtml(value)}" maxlength="${MAX_REPORT_FIELD}" autocomplete="${extra.autocomplete}"${described}>${hint}</div>`
}

function formBody(state: Extract<ReportPageState, { kind: 'form' }>, code: string): string {
  const textMissing = state.error !== null && 'field' in state.error
  const message = state.error !== null && 'message' in state.error ? state.error.message : ''
  const textError = textMissing ? `<p id="report-text-error" class="error">${T.textRequired}</p>` : ''
  return `${assetCard(state.asset)}${tipLinks(state.tips ?? [])}<p>${T.intro}</p>`
    + `<form id="report-form" class="card" method="post" action="/a/${encodeURIComponent(code)}" novalidate data-offline="${escapeHtml(T.offline)}" data-sending="${escapeHtml(T.sending)}">`
    + `<div class="field"><label for="report-text">${T.text}</label>`
    + `<textarea id="report-text" name="text" rows="4" maxlength="${MAX_REPORT_TEXT}" aria-describedby="report-text-hint${textMissing ? ' report-text-error' : ''}"`
    + `${textMissing ? ' aria-invalid="true" autofocus' : ''}>${escapeHtml(state.values.text)}</textarea>`
    + `<p id="report-text-hint" class="hint">${T.textHint}</p>${textError}</div>`
    + `<p class="muted">${T.optional}</p>`
    + field('name', T.name, state.values.name, { autocomplete: 'name' })
    + field('contact', T.contact, state.values.contact, { autocomplete: 'email', hint: T.contactHint })
    + field('department', T.department, state.values.department, { autocomplete: 'organization' })
    + `<p id="report-status" role="alert">${escapeHtml(message)}</p>`
    + `<button type="submit">${T.send}</button></form>`
}

function receiptBody(state: Extract<ReportPageState, { kind: 'receipt' }>): string {
  return `<section class="card" role="status"><h2>${T.receiptTitle}</h2>`
    + `<p>${T.reference}: <strong class="reference">${escapeHtml(state.reference)}</strong></p><p>${T.next}</p>`
    + `<a class="btn btn-plain" href="/a/${encodeURIComponent(state.code)}">${T.another}</a></section>`
}

/** The whole page for `code` in `state`. */
export function renderReportPage(code: string, state: ReportPageState): string {
  const body = state.kind === 'receipt' ? receiptBody(state) : formBody(state, code)
  return '<!doctype html><html lang="da"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="robots" content="noindex"><meta name="theme-color" content="#0b5cad"><title>${T.pageTitle}</title>`
    + `<style>${REPORT_PAGE_STYLE}</style></head>`
    + `<body${state.kind === 'receipt' ? ' data-sent' : ''}><header>Superbruger</header>`
    + `<main id="main"><h1>${T.title}</h1>${body}</main>`
    + `<footer><a href="/a/${encodeURIComponent(code)}?app=1">${T.superuser}</a></footer>`
    + `<script>${REPORT_PAGE_SCRIPT}</script></body></html>`
}
