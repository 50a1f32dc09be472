import { existsSync, readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'

/** Message keys a set of source files uses: exact keys and the starts of dynamic ones (`requests.status.`). */
export interface UsedKeys {
  readonly files: readonly string[]
  readonly exact: ReadonlySet<string>
  readonly prefixes: ReadonlySet<string>
}

// Runtime imports and re-exports only: `import type …` brings no code (and no strings) along.
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^'";]*?\sfrom\s+)?['"](\.{1,2}\/[^'"]+)['"]/gm
const DYNAMIC_IMPORT = /\bimport\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g

/** Relative .ts/.vue modules a source file imports, split into static and dynamic imports. */
export function importsOf(file: string): { static: string[], dynamic: string[] } {
  const code = readFileSync(file, 'utf8')
  const resolveAll = (pattern: RegExp): string[] => [...code.matchAll(pattern)]
    .map((m) => resolve(dirname(file), m[1] as string))
    .filter((path) => /\.(ts|vue)$/.test(path) && existsSync(path))
  return { static: resolveAll(STATIC_IMPORT), dynamic: resolveAll(DYNAMIC_IMPORT) }
}

/**
 * Every module reachable from `entries` through static imports, and through dynamic imports
 * unless the importing file is in `noDynamicFrom` (the router: its lazy views are other screens).
 */
export function moduleClosure(entries: readonly string[], noDynamicFrom: readonly string[] = []): string[] {
  const seen = new Set<string>()
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.shift() as string
    if (seen.has(file)) continue
    seen.add(file)
    const imports = importsOf(file)
    queue.push(...imports.static)
    if (!noDynamicFrom.includes(file)) queue.push(...imports.dynamic)
  }
  return [...seen].sort()
}

/** Source without comments, which often quote keys in backticks without using them. */
function withoutComments(code: string): string {
  return code
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/(^|\s)\/\/.*$/gm, '$1')
}

/** The message keys written as string literals in `files`, for the given feature namespaces. */
export function keysUsedBy(files: readonly string[], features: readonly string[]): UsedKeys {
  // A key is a whole quoted literal ('a.b', `a.b`); a prefix opens a template literal (`a.${x}`).
  // So `requests.length` in a template expression is not taken for a key.
  const literal = new RegExp(`([\`'"])((?:${features.join('|')})\\.[A-Za-z0-9_.]*)(?:(\\$\\{)|\\1)`, 'g')
  const exact = new Set<string>()
  const prefixes = new Set<string>()
  for (const file of files) {
    for (const m of withoutComments(readFileSync(file, 'utf8')).matchAll(literal)) {
      const key = m[2] as string
      if (m[3] !== undefined) prefixes.add(key)
      else exact.add(key)
    }
  }
  return { files, exact, prefixes }
}

/** The node at a dotted path of a message tree, or undefined. */
export function nodeAt(messages: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>(
    (node, part) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined),
    messages,
  )
}

/** Every leaf key of a message tree, dotted and sorted. */
export function leafKeys(node: unknown, prefix = ''): string[] {
  if (node === null || typeof node !== 'object') return [prefix]
  return Object.entries(node)
    .flatMap(([key, value]) => leafKeys(value, prefix === '' ? key : `${prefix}.${key}`))
    .sort()
}
