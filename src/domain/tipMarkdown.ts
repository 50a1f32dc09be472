import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify'
import { Marked } from 'marked'
import { photoRefHash } from './tipPhotoRef.ts'

// How a tip's markdown becomes HTML, in one place for the app (the browser's window) and the
// server's public tip page (a jsdom window): the same markdown options and the same allow-list.

/**
 * Elements a tip body may contain: text structure, and the tip's own photos (an img survives only
 * with a source this render made for a photo of the tip, see the hook); no other media, forms,
 * frames, scripts or styles.
 */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 'del', 's', 'code', 'pre',
  'blockquote', 'kbd', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img', 'span',
]
const ALLOWED_ATTR = ['href', 'start', 'align', 'src', 'alt', 'width', 'height', 'loading', 'class']
/** Links may go to web pages and mail addresses, nowhere else (no javascript:, data:, relative paths). */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])
/** The one class a body may carry: the placeholder of a photo that cannot be shown. */
const PLACEHOLDER_CLASS = 'tip-photo-missing'

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, ALLOW_UNKNOWN_PROTOCOLS: false,
  // Photo sources are blob: (the app) or same-origin paths (the public page); the hooks then hold
  // links to SAFE_PROTOCOLS and images to the sources this render made.
  ALLOWED_URI_REGEXP: /^(?:(?:https?|mailto|blob):|\/(?!\/))/i,
  // DOMPurify holds every other attribute's value to the URI pattern too; these are plain words.
  ADD_URI_SAFE_ATTR: ['start', 'align', 'width', 'height', 'loading'],
}

/** How one photo of the tip is shown: its image, or a Danish text in its place (loading, not here, gone). */
export type TipImage =
  | { readonly src: string; readonly width?: number; readonly height?: number }
  | { readonly placeholder: string }

/**
 * The tip's own photos for a render, by hash; `missing` is said in place of a reference to any
 * other hash (a photo not in the tip's list is never loaded, whatever the reference says).
 */
export interface TipImages {
  readonly photos: Readonly<Record<string, TipImage>>
  readonly missing: string
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

/** What the render in progress may show: its images, and the sources it made (nothing else survives). */
interface RenderScope {
  images: TipImages | undefined
  sources: Set<string>
}
let scope: RenderScope = { images: undefined, sources: new Set() }

function placeholder(text: string, alt: string): string {
  const said = alt.trim() === '' ? text : `${text}: ${alt}`
  return `<span class="${PLACEHOLDER_CLASS}">${escapeHtml(said)}</span>`
}

/**
 * A markdown image. `foto:<hash>` is a photo of the tip, shown only when the render's images list
 * it. Any other image would fetch from anywhere (and tell that host who reads the tip): a web
 * address becomes a link to it, which loads nothing until clicked; anything else is its alt text.
 */
function renderImage(href: string, text: string): string {
  const hash = photoRefHash(href)
  if (hash === null) {
    return /^https?:\/\//i.test(href.trim()) ? `<a href="${escapeHtml(href.trim())}">${escapeHtml(text || href.trim())}</a>` : escapeHtml(text)
  }
  const images = scope.images
  if (!images) return escapeHtml(text)
  const image = Object.hasOwn(images.photos, hash) ? images.photos[hash]! : { placeholder: images.missing }
  if ('placeholder' in image) return placeholder(image.placeholder, text)
  scope.sources.add(image.src)
  const size = image.width && image.height ? ` width="${Math.round(image.width)}" height="${Math.round(image.height)}"` : ''
  return `<img src="${escapeHtml(image.src)}" alt="${escapeHtml(text)}"${size} loading="lazy">`
}

// The tip's page owns the h1, so a tip's "#" becomes h2 and the outline stays whole. Task-list
// checkboxes would be form inputs: they become plain symbols.
const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(depth + 1, 6)
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`
    },
    image({ href, text }) {
      return renderImage(href, text)
    },
    checkbox({ checked }) {
      return checked ? '☑ ' : '☐ '
    },
  },
})

function safeHref(href: string): boolean {
  try {
    return SAFE_PROTOCOLS.has(new URL(href).protocol)
  } catch {
    return false
  }
}

/** A DOMPurify instance of our own on `window`, so its link hook does not reach other users of DOMPurify. */
function tipPurifier(window: WindowLike): Purifier {
  const instance = DOMPurify(window)
  // Without a working DOM DOMPurify returns its input untouched; refuse rather than pass HTML on.
  if (!instance.isSupported) throw new Error('DOMPurify is not supported in this environment')
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName !== 'SPAN' || node.getAttribute('class') !== PLACEHOLDER_CLASS) node.removeAttribute('class')
    if (node.nodeName === 'IMG') {
      // Only an image this render made for a photo of the tip: raw <img> in the body is its alt text.
      const src = node.getAttribute('src')
      if (src === null || !scope.sources.has(src)) node.replaceWith(node.ownerDocument.createTextNode(node.getAttribute('alt') ?? ''))
      return
    }
    if (node.nodeName !== 'A') return
    const href = node.getAttribute('href')
    if (href === null || !safeHref(href)) {
      node.removeAttribute('href')
      return
    }
    // Outside pages open in a new tab that cannot reach back into the app (or see where it came from).
    if (!href.toLowerCase().startsWith('mailto:')) node.setAttribute('target', '_blank')
    node.setAttribute('rel', 'noopener noreferrer')
  })
  return instance
}

/**
 * A renderer of tip bodies on `window` (the browser's, or a server-side DOM): markdown → HTML that
 * is safe to insert — headings (from h2), lists, emphasis, code, quotes, tables, http(s)/mailto
 * links, and the tip's own photos (`![alt](foto:<hash>)`) as `images` says; without `images`, or
 * for a hash it does not list, no image is loaded. Raw HTML in the markdown goes through the same
 * allow-list; scripts, styles, event handlers, frames, forms and other images never come out.
 */
export function createTipMarkdownRenderer(window: WindowLike): (markdown: string, images?: TipImages) => string {
  let purifier: Purifier | null = null
  return (markdown, images) => {
    purifier ??= tipPurifier(window)
    scope = { images, sources: new Set() }
    try {
      const html = marked.parse(markdown, { async: false })
      // target and rel are set by our hook after sanitising; they are never taken from the input.
      return purifier.sanitize(html, PURIFY_CONFIG)
    } finally {
      scope = { images: undefined, sources: new Set() }
    }
  }
}
