import { isPhotoHash } from './photos.ts'

// A tip's body shows its own photos with markdown image syntax and the `foto:` scheme:
// `![Skærmbillede af dialogen](foto:<sha-256 hex>)`. The reference names a photo by content hash
// only; which image that is (a Blob on the phone, a public URL on the server) is decided where the
// body is shown, and only for hashes in the tip's own photo list.

/** The scheme of a photo reference in a tip body. */
export const TIP_PHOTO_SCHEME = 'foto:'

/** The photo hash `href` refers to (`foto:<hash>`), or null when it is not a photo reference. */
export function photoRefHash(href: string): string | null {
  const trimmed = href.trim()
  if (trimmed.slice(0, TIP_PHOTO_SCHEME.length).toLowerCase() !== TIP_PHOTO_SCHEME) return null
  const hash = trimmed.slice(TIP_PHOTO_SCHEME.length).toLowerCase()
  return isPhotoHash(hash) ? hash : null
}

// Inline `](foto:…)` and reference definitions `]: foto:…` (marked resolves both to an image).
const REFERENCE = /\](?:\(|:)\s*<?foto:([0-9a-fA-F]{64})/g

/** The photo hashes a tip body's image references name, once each, in order of appearance. */
export function photoRefHashes(markdown: string): string[] {
  const hashes = new Set<string>()
  for (const match of markdown.matchAll(REFERENCE)) hashes.add(match[1]!.toLowerCase())
  return [...hashes]
}

/** The markdown for an image of photo `hash` with the alt text `alt` (brackets and line breaks made harmless). */
export function photoMarkdown(hash: string, alt: string): string {
  const text = alt.replace(/[\r\n]+/g, ' ').replace(/([[\]\\])/g, '\\$1').trim()
  return `![${text}](${TIP_PHOTO_SCHEME}${hash})`
}

/** A text after inserting `snippet` over the selection `start`–`end`, and the range to select afterwards. */
export interface Insertion {
  readonly text: string
  readonly selectStart: number
  readonly selectEnd: number
}

/**
 * Inserts an image `snippet` (as photoMarkdown makes it) at the cursor, on a line of its own, and
 * selects its alt text so the person can type over it at once.
 */
export function insertPhotoMarkdown(text: string, start: number, end: number, snippet: string): Insertion {
  const from = Math.max(0, Math.min(start, text.length))
  const to = Math.max(from, Math.min(end, text.length))
  const before = text.slice(0, from)
  const after = text.slice(to)
  const lead = before === '' || before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n'
  const trail = after === '' || after.startsWith('\n\n') ? '' : after.startsWith('\n') ? '\n' : '\n\n'
  const altStart = before.length + lead.length + 2
  const altEnd = altStart + snippet.indexOf('](') - 2
  return { text: `${before}${lead}${snippet}${trail}${after}`, selectStart: altStart, selectEnd: altEnd }
}
