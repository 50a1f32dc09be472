import { computed, onScopeDispose, shallowRef, watch, type ComputedRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { downloadPhoto } from '../../api/photos.ts'
import { readPhotoBlob, storeFetchedPhoto, type PhotoOwner } from '../../db/photos.ts'
import type { PhotoRef } from '../../domain/photos.ts'
import type { TipImage, TipImages } from '../../domain/tipMarkdown.ts'
import { photoRefHashes } from '../../domain/tipPhotoRef.ts'

/** Where a tip's body and photos come from; each a getter, read reactively. */
export interface UseTipImagesOptions {
  /** The tip whose photos these are (null for a tip not saved yet: nothing is fetched). */
  owner: () => PhotoOwner | null
  /** The tip's photo list: only these hashes are ever shown. */
  photos: () => readonly PhotoRef[]
  markdown: () => string
  /** Images picked in the form and not saved yet, by hash. */
  pending?: () => ReadonlyMap<string, Blob>
}

type Loaded = { readonly url: string } | 'loading' | 'offline' | 'gone'

/**
 * The images a tip body shows, for the renderer: each photo of the tip its body refers to, from the
 * Blob on this phone (an object URL, revoked when no longer shown) or fetched once from the server
 * and kept; until then, or when it cannot be had, a Danish placeholder.
 */
export function useTipImages(options: UseTipImagesOptions): ComputedRef<TipImages> {
  const { t } = useI18n()
  const loaded = shallowRef(new Map<string, Loaded>())
  const listed = computed(() => new Map(options.photos().map((ref) => [ref.hash, ref])))
  // Joined to a string, so typing in the body does not start the watcher unless the references changed.
  const shown = computed(() => photoRefHashes(options.markdown()).filter((hash) => listed.value.has(hash)).join(' '))

  function set(hash: string, state: Loaded): void {
    const next = new Map(loaded.value)
    next.set(hash, state)
    loaded.value = next
  }

  async function load(hash: string): Promise<void> {
    const blob = options.pending?.().get(hash) ?? await readPhotoBlob(hash)
    if (!loaded.value.has(hash)) return
    if (blob) return set(hash, { url: URL.createObjectURL(blob) })
    const owner = options.owner()
    if (!owner) return set(hash, 'gone')
    const result = await downloadPhoto(hash)
    if (!loaded.value.has(hash)) return
    if (!result.ok) return set(hash, result.problem.kind === 'rejected' ? 'gone' : 'offline')
    await storeFetchedPhoto(owner, hash, result.value)
    if (loaded.value.has(hash)) set(hash, { url: URL.createObjectURL(result.value) })
  }

  function drop(hash: string): void {
    const state = loaded.value.get(hash)
    if (state && typeof state === 'object') URL.revokeObjectURL(state.url)
    const next = new Map(loaded.value)
    next.delete(hash)
    loaded.value = next
  }

  watch(shown, (joined) => {
    const wanted = new Set(joined === '' ? [] : joined.split(' '))
    for (const hash of [...loaded.value.keys()]) if (!wanted.has(hash)) drop(hash)
    for (const hash of wanted) {
      if (loaded.value.has(hash)) continue
      set(hash, 'loading')
      void load(hash).catch(() => set(hash, 'offline'))
    }
  }, { immediate: true })

  onScopeDispose(() => {
    for (const hash of [...loaded.value.keys()]) drop(hash)
  })

  return computed(() => {
    const photos: Record<string, TipImage> = {}
    for (const [hash, ref] of listed.value) {
      const state = loaded.value.get(hash) ?? 'loading'
      if (typeof state === 'object') photos[hash] = { src: state.url, width: ref.width, height: ref.height }
      else photos[hash] = { placeholder: t(state === 'loading' ? 'tips.form.image.photoLoading' : state === 'offline' ? 'tips.form.image.photoNotHere' : 'tips.form.image.photoGone') }
    }
    return { photos, missing: t('tips.form.image.photoMissing') }
  })
}
