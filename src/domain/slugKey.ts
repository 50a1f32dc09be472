const FOLD: Record<string, string> = { æ: 'ae', ø: 'oe', å: 'aa' }

/**
 * A readable, stable key made from a label, unique among `taken`: lower-case ASCII letters,
 * digits and dashes, at most 40 characters ("Printer virker" → "printer-virker", then "-2").
 */
export function uniqueSlug(label: string, taken: ReadonlySet<string>, fallback: string): string {
  const slug = label.toLowerCase().replace(/[æøå]/g, (c) => FOLD[c] ?? c).normalize('NFD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40).replace(/-+$/, '') || fallback
  if (!taken.has(slug)) return slug
  let n = 2
  while (taken.has(`${slug}-${n}`)) n += 1
  return `${slug}-${n}`
}
