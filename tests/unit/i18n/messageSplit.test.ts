import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { RouteRecordRaw } from 'vue-router'
import { routes } from '../../../src/router.ts'
import { keysUsedBy, leafKeys, moduleClosure, nodeAt, type UsedKeys } from './sourceKeys.ts'

type Tree = Record<string, unknown>
type Locale = 'da' | 'en'

// import.meta.url is not a file: URL under happy-dom; vitest provides __dirname.
const src = `${resolve(__dirname, '../../../src')}/`
const eagerFiles = import.meta.glob<Tree>('../../../src/i18n/*/*.json', { eager: true, import: 'default' })
const lazyFiles = import.meta.glob<Tree>('../../../src/i18n/*/lazy/*.json', { eager: true, import: 'default' })

/** { feature: messages } of one locale's eager or lazy files. */
function tree(files: Record<string, Tree>, locale: Locale): Tree {
  const out: Tree = {}
  for (const [path, messages] of Object.entries(files)) {
    const m = /\/i18n\/(da|en)\/(?:lazy\/)?(\w+)\.json$/.exec(path)
    if (m?.[1] === locale) out[m[2] as string] = messages
  }
  return out
}

const eager = { da: tree(eagerFiles, 'da'), en: tree(eagerFiles, 'en') }
const lazy = { da: tree(lazyFiles, 'da'), en: tree(lazyFiles, 'en') }
const features = [...new Set([...Object.keys(eager.da), ...Object.keys(lazy.da)])].sort()

/** Keys in `used` that `available` (message trees, searched in order) does not provide. */
function missing(used: UsedKeys, available: readonly Tree[]): string[] {
  const out: string[] = []
  for (const key of used.exact) {
    if (!available.some((t) => typeof nodeAt(t, key) === 'string')) out.push(key)
  }
  const keys = available.flatMap((t) => leafKeys(t))
  for (const prefix of used.prefixes) {
    if (!keys.some((k) => k.startsWith(prefix))) out.push(`${prefix}*`)
  }
  return out.sort()
}

// db/ never shows text (no module there imports i18n), and its meta keys ('sync.cursor') look like message keys.
function withText(files: readonly string[]): string[] {
  return files.filter((file) => !file.startsWith(`${src}db/`))
}

// The first screen: main.ts and all it imports, except the router's lazy views and the sync line
// with its engine, which load after the first paint (for a signed-in account) with the `sync` strings.
// The leder's home card and the "Henvist til dig" card load their own strings with them.
const afterFirstPaint = [
  `${src}router.ts`, `${src}App.vue`, `${src}components/base/TheStatusBar.vue`,
  `${src}components/report/loadInsightHomeCard.ts`, `${src}components/request/loadReferralInboxCard.ts`,
  `${src}components/request/loadFaultInboxCard.ts`,
]
const firstScreen = keysUsedBy(withText(moduleClosure([`${src}main.ts`], afterFirstPaint)), features)

describe('message files', () => {
  it('have the same keys in Danish and English, split the same way into eager and lazy', () => {
    expect(leafKeys(eager.en)).toEqual(leafKeys(eager.da))
    expect(leafKeys(lazy.en)).toEqual(leafKeys(lazy.da))
  })

  it('never have a key in both the eager and the lazy file (merging would hide one)', () => {
    for (const locale of ['da', 'en'] as const) {
      const lazyKeys = new Set(leafKeys(lazy[locale]))
      expect(leafKeys(eager[locale]).filter((k) => lazyKeys.has(k))).toEqual([])
    }
  })

  it('have no empty message', () => {
    for (const locale of ['da', 'en'] as const) {
      const all = [...leafKeys(eager[locale]), ...leafKeys(lazy[locale])]
      const empty = all.filter((k) => {
        const value = nodeAt(eager[locale], k) ?? nodeAt(lazy[locale], k)
        return typeof value !== 'string' || value.trim() === ''
      })
      expect(empty).toEqual([])
    }
  })
})

describe('first screen strings', () => {
  it('finds the keys Home and the app chrome use (the scan itself works)', () => {
    expect(firstScreen.files.map((f) => f.slice(src.length))).toEqual(expect.arrayContaining([
      'App.vue', 'views/HomeView.vue', 'components/time/TimeHomeCard.vue',
      'components/request/RequestListItem.vue', 'components/checklist/ChecklistRunListItem.vue',
    ]))
    expect([...firstScreen.exact]).toEqual(expect.arrayContaining(['home.title', 'requests.home.title', 'time.timer.start', 'common.loading']))
    expect([...firstScreen.prefixes]).toEqual(expect.arrayContaining(['requests.status.', 'time.activities.', 'checklists.kind.', 'common.nav.']))
  })

  it('are all in the eager files, so Home never waits for or lacks a string', () => {
    expect(missing(firstScreen, [eager.da])).toEqual([])
  })

  it('keep every dynamically addressed group (t(`requests.status.${s}`)) whole in the eager files', () => {
    const lazyKeys = leafKeys(lazy.da)
    const split = [...firstScreen.prefixes].filter((prefix) => lazyKeys.some((k) => k.startsWith(prefix)))
    expect(split).toEqual([])
  })
})

describe('db/ shows no text', () => {
  it('no db/ module imports the i18n module (so their meta keys are not message keys)', () => {
    const dbFiles = readdirSync(`${src}db`).filter((f) => f.endsWith('.ts'))
    expect(dbFiles.length).toBeGreaterThan(10)
    expect(dbFiles.filter((f) => /i18n/.test(readFileSync(`${src}db/${f}`, 'utf8')))).toEqual([])
  })
})

describe('the "Henvist til dig" card', () => {
  it('finds every string it uses in the eager files and the lazy files it loads', () => {
    const used = keysUsedBy(withText(moduleClosure([`${src}components/request/ReferralInboxCard.vue`])), features)
    expect([...used.exact]).toEqual(expect.arrayContaining(['requests.inbox.take', 'common.cancel']))
    expect(missing(used, [eager.da, { requests: lazy.da.requests, common: lazy.da.common }])).toEqual([])
  })
})

describe('the "Nye fejlmeldinger" card', () => {
  it('finds every string it uses in the eager files and the lazy `requests` file it loads', () => {
    const used = keysUsedBy(withText(moduleClosure([`${src}components/request/FaultInboxCard.vue`])), features)
    expect([...used.exact]).toEqual(expect.arrayContaining(['requests.faultInbox.take', 'requests.faultInbox.title']))
    expect(missing(used, [eager.da, { requests: lazy.da.requests }])).toEqual([])
  })
})

describe('the signed-out label page', () => {
  it('finds every string it uses in the eager files and the lazy `assets` file its route loads', () => {
    const used = keysUsedBy(withText(moduleClosure([`${src}views/AssetCodeView.vue`])), features)
    expect([...used.exact]).toEqual(expect.arrayContaining(['assets.report.signedOut', 'assets.report.open']))
    expect(missing(used, [eager.da, { assets: lazy.da.assets }])).toEqual([])
  })
})

describe('the sync status line', () => {
  it('finds every string it uses in the eager files and the lazy `sync` file it loads', () => {
    const used = keysUsedBy(withText(moduleClosure([`${src}components/sync/SyncStatusBadge.vue`, `${src}stores/sync.ts`])), features)
    expect(used.exact.size).toBeGreaterThan(3)
    expect(missing(used, [eager.da, { sync: lazy.da.sync }])).toEqual([])
  })
})

describe('route messages', () => {
  const lazyRoutes = routes.filter((r): r is RouteRecordRaw & { component: () => Promise<unknown> } => typeof r.component === 'function')

  it('covers every route but Home', () => {
    expect(lazyRoutes.length).toBe(routes.length - 1)
  })

  it.each(lazyRoutes.map((r) => [String(r.name), r] as const))('%s: its meta.messages provide every key its screen uses', async (_name, route) => {
    const module = (await route.component()) as { default: { __file?: string } }
    const file = module.default.__file
    expect(file, 'route component file').toMatch(/\.vue$/)
    const used = keysUsedBy(withText(moduleClosure([file as string], [`${src}router.ts`])), features)
    const listed = (route.meta?.messages ?? []) as readonly string[]
    const available = [eager.da, ...listed.map((f) => ({ [f]: lazy.da[f] }))]
    expect(missing(used, available)).toEqual([])
  })
})
