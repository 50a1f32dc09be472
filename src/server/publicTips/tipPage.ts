import { createHash } from 'node:crypto'
import { formatTipCode } from '../../domain/tipCode.ts'
import { escapeHtml } from '../faultReport/reportPage.ts'
import { REPORT_PAGE_STYLE } from '../faultReport/reportPageAssets.ts'
import type { PublicTip, PublicTipPhoto } from './tipShelf.ts'
import { TIP_PAGE_TEXTS as T } from './tipPageTexts.ts'

// The public copy of a tip (/t/<code> without an account), rendered by the server: one small HTML
// response with no script at all, the fault-report page's look, and an A4-friendly print style.

/** What the page shows: the tip, the one "not found" for every other code, or "wait". */
export type TipPageState = { readonly kind: 'tip', readonly tip: PublicTip } | { readonly kind: 'notFound' } | { readonly kind: 'limited' }

/** The page's style: the fault-report page's, plus the tip body's elements and print. */
export const TIP_PAGE_STYLE = `${REPORT_PAGE_STYLE}
.tip{overflow-wrap:anywhere}
.tip h2{font-size:1.2rem;margin:16px 0 6px}.tip h3,.tip h4{font-size:1.05rem;margin:14px 0 4px}
.tip p{margin:0 0 10px}.tip ul,.tip ol{margin:0 0 10px;padding-left:1.4em}.tip li{margin-bottom:4px}
.tip pre{overflow-x:auto;padding:8px;background:var(--bg);border-radius:8px}
.tip code,.tip kbd{font-family:ui-monospace,Menlo,monospace;font-size:.95em}
.tip blockquote{margin:0 0 10px;padding-left:12px;border-left:4px solid var(--border)}
.tip table{border-collapse:collapse;display:block;overflow-x:auto;margin-bottom:10px}
.tip th,.tip td{border:1px solid var(--border);padding:4px 8px}
.tip>:first-child{margin-top:0}
.tip img{display:block;max-width:100%;height:auto;margin:8px 0;border:1px solid var(--border);border-radius:8px}
.tip-photo-missing{display:block;margin:8px 0;padding:12px;border:1px dashed currentColor;border-radius:8px;text-align:center}
.photos h2{font-size:1.1rem;margin:0 0 8px}.photos ul{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(130px,1fr));gap:8px}
.photos img{display:block;width:100%;height:120px;object-fit:cover;border-radius:8px}
.photos .tip-photo-missing{display:grid;place-items:center;height:120px;margin:0;padding:8px;font-size:.9rem;box-sizing:border-box}
@media print{header,footer{display:none}body{background:#fff;color:#000;font-size:12pt}.card{border:0;padding:0}main{max-width:none}.tip a[href^="http"]::after{content:" (" attr(href) ")";font-size:10pt}}
`

/** The CSP hash source of the page's inline style. */
export const TIP_PAGE_STYLE_HASH = `'sha256-${createHash('sha256').update(TIP_PAGE_STYLE, 'utf8').digest('base64')}'`

/** The Content-Security-Policy of the page: the app's, with the page's inline style allowed by hash (and no script). */
export function tipPageCsp(appCsp: string): string {
  return appCsp.replace("style-src 'self'", `style-src 'self' ${TIP_PAGE_STYLE_HASH}`)
}

function photoItem(photo: PublicTipPhoto, index: number, count: number): string {
  const alt = T.photoAlt.replace('{n}', String(index + 1)).replace('{count}', String(count))
  if (photo.src === null) return `<li><p class="tip-photo-missing">${alt}: ${T.photoNotYet}</p></li>`
  const size = `width="${Math.round(photo.ref.width)}" height="${Math.round(photo.ref.height)}"`
  return `<li><a href="${escapeHtml(photo.src)}"><img src="${escapeHtml(photo.src)}" alt="${alt}" ${size} loading="lazy"></a></li>`
}

/** The tip's photo section, as in the app: every photo of the tip, each a link to the whole image. */
function photoSection(photos: readonly PublicTipPhoto[]): string {
  if (photos.length === 0) return ''
  const items = photos.map((photo, index) => photoItem(photo, index, photos.length)).join('')
  return `<section class="card photos" aria-labelledby="photos-title"><h2 id="photos-title">${T.photosTitle}</h2><ul>${items}</ul></section>`
}

function tipBody(tip: PublicTip): string {
  const tags = tip.tags.length > 0 ? `<p class="muted">${T.tags}: ${tip.tags.map(escapeHtml).join(', ')}</p>` : ''
  // tip.html comes only from the tip renderer: the app's markdown rules and DOMPurify allow-list.
  return `<article class="card tip">${tip.html}</article>${photoSection(tip.photos)}${tags}<p class="muted">${T.code}: ${formatTipCode(tip.code)}</p>`
}

/** The whole page for `code` in `state`. */
export function renderTipPage(code: string, state: TipPageState): string {
  const title = state.kind === 'tip' ? escapeHtml(state.tip.title) : state.kind === 'limited' ? T.limitedTitle : T.notFoundTitle
  const body = state.kind === 'tip' ? tipBody(state.tip) : `<p role="alert">${state.kind === 'limited' ? T.limited : T.notFound}</p>`
  const appLink = state.kind === 'tip' ? `<footer><a href="/t/${encodeURIComponent(code)}?app=1">${T.superuser}</a></footer>` : ''
  return '<!doctype html><html lang="da"><head><meta charset="utf-8">'
    + '<meta name="viewport" content="width=device-width, initial-scale=1">'
    + `<meta name="robots" content="noindex"><meta name="theme-color" content="#0b5cad"><title>${title}${T.pageTitleSuffix}</title>`
    + `<style>${TIP_PAGE_STYLE}</style></head>`
    + `<body><header>Superbruger</header><main id="main"><h1>${title}</h1>${body}</main>${appLink}</body></html>`
}
