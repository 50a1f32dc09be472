import DOMPurify, { type Config, type DOMPurify as Purifier, type WindowLike } from 'dompurify'
import { Marked } from 'marked'

// How a tip's markdown becomes HTML, in one place for the app (the browser's window) and the
// server's public tip page (a jsdom window): the same markdown options and the same allow-list.

/** Elements a tip body may contain: text structure only; no media, forms, frames, scripts or styles. */
const ALLOWED_TAGS = [
  'p', 'br', 'hr', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'strong', 'em', 'del', 's', 'code', 'pre',
  'blockquote', 'kbd', 'a', 'table', 'thead', 'tbody', 'tr', 'th', 'td',
]
const ALLOWED_ATTR = ['href', 'start', 'align']
/** Links may go to web pages and mail addresses, nowhere else (no javascript:, data:, relative paths). */
const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:'])

const PURIFY_CONFIG: Config = {
  ALLOWED_TAGS, ALLOWED_ATTR, ALLOW_DATA_ATTR: false, ALLOW_ARIA_ATTR: false, ALLOW_UNKNOWN_PROTOCOLS: false,
  ALLOWED_URI_REGEXP: /^(?:https?|mailto):/i,
  // DOMPurify holds every other attribute's value to the URI pattern too; these are plain words.
  ADD_URI_SAFE_ATTR: ['start', 'align'],
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')
}

// The tip's page owns the h1, so a tip's "#" becomes h2 and the outline stays whole. Images
// would fetch from anywhere (and tell that host who reads the tip): their alt text is shown
// instead. Task-list checkboxes would be form inputs: they become plain symbols.
const marked = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    heading({ tokens, depth }) {
      const level = Math.min(depth + 1, 6)
      return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`
    },
    image({ text }) {
      return escapeHtml(text)
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
 * is safe to insert — headings (from h2), lists, emphasis, code, quotes, tables and http(s)/mailto
 * links only. Raw HTML in the markdown goes through the same allow-list; scripts, styles, event
 * handlers, frames, forms and images never come out.
 */
export function createTipMarkdownRenderer(window: WindowLike): (markdown: string) => string {
  let purifier: Purifier | null = null
  return (markdown) => {
    purifier ??= tipPurifier(window)
    const html = marked.parse(markdown, { async: false })
    // target and rel are set by our hook after sanitising; they are never taken from the input.
    return purifier.sanitize(html, PURIFY_CONFIG)
  }
}
