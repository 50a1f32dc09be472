import { db } from './database.ts'
import { createRecord, patchRecord, type Author } from './write.ts'
import type { EditRevs } from '../domain/editBase.ts'
import { generateAssetCodes, isAssetCode, normaliseAssetCode } from '../domain/assetCode.ts'
import { parseScannedText } from '../domain/assetUrl.ts'
import { decideScan, type ScanDecision } from '../domain/scan.ts'
import { queryWords, wordsOf } from '../domain/search.ts'
import type { Asset, AssetType } from '../domain/records/asset.ts'
import type { AssetId, ContentOf, DepartmentId } from '../domain/records/fields.ts'
import type { ChecklistRun } from '../domain/records/checklistRun.ts'
import type { Loan } from '../domain/records/loan.ts'
import type { Request } from '../domain/records/request.ts'

/** The editable fields of an asset (retirement has its own functions). */
export type AssetInput = Omit<ContentOf<Asset>, 'retiredAt'>

/** Filters of the asset list; empty values mean "any". */
export interface AssetFilter {
  readonly query?: string
  readonly type?: AssetType | ''
  readonly departmentId?: DepartmentId | ''
  /** Building name, exactly as entered on the assets. */
  readonly location?: string
  readonly includeRetired?: boolean
}

/** One thing that touched an asset, for its history. */
export type AssetHistoryItem =
  | { readonly kind: 'request', readonly at: number, readonly request: Request }
  | { readonly kind: 'checklist', readonly at: number, readonly run: ChecklistRun }
  | { readonly kind: 'loan', readonly at: number, readonly loan: Loan }

/** Raised when a code is malformed or already used by another asset. */
export class AssetCodeError extends Error {
  constructor(readonly code: string, readonly reason: 'invalid' | 'taken') {
    super(reason === 'taken' ? `Asset code ${code} is already in use` : `Invalid asset code ${code}`)
    this.name = 'AssetCodeError'
  }
}

async function assertCodeFree(code: string, except?: AssetId): Promise<void> {
  if (!isAssetCode(code)) throw new AssetCodeError(code, 'invalid')
  const holders = await db().assets.where('code').equals(code).toArray()
  if (holders.some((a) => a.deletedAt === null && a.id !== except)) throw new AssetCodeError(code, 'taken')
}

const TRIMMED = ['name', 'model', 'serial', 'building', 'floor', 'room', 'notes'] as const

/** The input as stored: texts trimmed, the code normalised (only the fields given). */
function clean<T extends Partial<AssetInput>>(input: T): T {
  const out: Record<string, unknown> = { ...input }
  for (const f of TRIMMED) if (typeof out[f] === 'string') out[f] = (out[f] as string).trim()
  if (typeof input.code === 'string') out.code = normaliseAssetCode(input.code)
  return out as T
}

/** Every code in use (also retired assets keep theirs, so no sticker is ever reused). */
export async function listAssetCodes(): Promise<string[]> {
  return (await db().assets.orderBy('code').uniqueKeys()).map(String)
}

/** A new code no stored asset has. */
export async function suggestAssetCode(): Promise<string> {
  return generateAssetCodes(1, await listAssetCodes())[0] as string
}

/**
 * Registers an asset. The code is checked for format and uniqueness in the same transaction
 * that stores the record and its outbox entry; an empty code gets a generated one.
 */
export async function createAsset(author: Author, input: AssetInput): Promise<Asset> {
  return db().transaction('rw', db().assets, db().outbox, async () => {
    const content = clean(input)
    const code = content.code === '' ? generateAssetCodes(1, await listAssetCodes())[0] as string : content.code
    await assertCodeFree(code)
    return createRecord('assets', author, { ...content, code, retiredAt: null })
  })
}

/**
 * Changes an asset's fields; a changed code must be valid and free. An edit form passes only the
 * fields the person changed and the revisions they were based on (`base`).
 */
export async function updateAsset(id: AssetId, changes: Partial<AssetInput>, base?: EditRevs): Promise<Asset> {
  return db().transaction('rw', db().assets, db().outbox, async () => {
    const content = clean(changes)
    if (content.code !== undefined) await assertCodeFree(content.code, id)
    return patchRecord('assets', id, content, Date.now(), base)
  })
}

/** Marks an asset as retired (kept with its history and code); `null` puts it back in use. */
export async function retireAsset(id: AssetId, at: number | null = Date.now()): Promise<Asset> {
  return patchRecord('assets', id, { retiredAt: at })
}

/** The asset with this id, or undefined when missing or deleted. */
export async function getAsset(id: AssetId): Promise<Asset | undefined> {
  const asset = await db().assets.get(id)
  return asset && asset.deletedAt === null ? asset : undefined
}

/** Several assets by id, in the order asked for; missing ones are left out. */
export async function getAssets(ids: readonly AssetId[]): Promise<Asset[]> {
  const found = await db().assets.bulkGet([...ids])
  return found.filter((a): a is Asset => a !== undefined && a.deletedAt === null)
}

/** The asset carrying this code (typed codes are normalised first), via the code index. */
export async function getAssetByCode(code: string): Promise<Asset | undefined> {
  const holders = await db().assets.where('code').equals(normaliseAssetCode(code)).toArray()
  return holders.find((a) => a.deletedAt === null)
}

/** Resolves a scanned or typed text to what the scanner should do, from local data only; `bases` as for parseScannedText. */
export async function resolveScan(text: string, bases: string | readonly string[]): Promise<ScanDecision> {
  const parsed = parseScannedText(text, bases)
  return decideScan(parsed, parsed.kind === 'ours' ? await getAssetByCode(parsed.code) : undefined)
}

function matches(asset: Asset, filter: AssetFilter, words: readonly string[]): boolean {
  if (asset.deletedAt !== null) return false
  if (!filter.includeRetired && asset.retiredAt !== null) return false
  if (filter.type && asset.type !== filter.type) return false
  if (filter.departmentId && asset.departmentId !== filter.departmentId) return false
  if (filter.location && asset.building !== filter.location) return false
  if (words.length === 0) return true
  const own = wordsOf([asset.code, asset.name, asset.model, asset.serial, asset.building, asset.floor, asset.room, asset.notes])
  return words.every((w) => own.some((o) => o.startsWith(w)))
}

/** Assets matching the filter, by name; every query word must start a word of the asset. */
export async function listAssets(filter: AssetFilter = {}): Promise<Asset[]> {
  const source = filter.type
    ? db().assets.where('type').equals(filter.type)
    : filter.departmentId ? db().assets.where('departmentId').equals(filter.departmentId) : db().assets.toCollection()
  const words = queryWords(filter.query ?? '')
  const found = (await source.toArray()).filter((a) => matches(a, filter, words))
  return found.sort((a, b) => a.name.localeCompare(b.name, 'da') || a.code.localeCompare(b.code))
}

/** The distinct buildings of active assets, for the location filter. */
export async function listAssetLocations(): Promise<string[]> {
  const all = await db().assets.toArray()
  const buildings = new Set(all.filter((a) => a.deletedAt === null && a.building !== '').map((a) => a.building))
  return [...buildings].sort((a, b) => a.localeCompare(b, 'da'))
}

/** Requests about the asset, checklists run on it and its loans, newest first. */
export async function assetHistory(assetId: AssetId): Promise<AssetHistoryItem[]> {
  const [requests, runs, loans] = await Promise.all([
    db().requests.where('assetId').equals(assetId).toArray(),
    db().checklistRuns.where('subject.refId').equals(assetId).toArray(),
    db().loans.where('assetId').equals(assetId).toArray(),
  ])
  const items: AssetHistoryItem[] = [
    ...requests.filter((r) => r.deletedAt === null).map((request) => ({ kind: 'request' as const, at: request.createdAt, request })),
    ...runs.filter((r) => r.deletedAt === null && r.subject.kind === 'asset').map((run) => ({ kind: 'checklist' as const, at: run.createdAt, run })),
    ...loans.filter((l) => l.deletedAt === null).map((loan) => ({ kind: 'loan' as const, at: loan.createdAt, loan })),
  ]
  return items.sort((a, b) => b.at - a.at)
}

/** Shared fields of assets registered in bulk; each gets "<name> <n>" and its own new code. */
export type BulkAssetInput = Omit<AssetInput, 'code' | 'serial' | 'notes'>

/** Registers `count` assets with fresh unique codes in one transaction: all or none. */
export async function bulkCreateAssets(author: Author, count: number, input: BulkAssetInput): Promise<Asset[]> {
  return db().transaction('rw', db().assets, db().outbox, async () => {
    const codes = generateAssetCodes(count, await listAssetCodes())
    const created: Asset[] = []
    for (const [i, code] of codes.entries()) {
      const name = count === 1 ? input.name : `${input.name} ${i + 1}`
      created.push(await createAsset(author, { ...input, name, code, serial: '', notes: '' }))
    }
    return created
  })
}
