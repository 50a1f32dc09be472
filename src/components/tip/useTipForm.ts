import { computed, ref, shallowRef, type ComputedRef, type Ref, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRouter } from 'vue-router'
import { useEditBase } from '../../composables/useEditBase.ts'
import { addPhoto } from '../../db/photos.ts'
import { getTeam } from '../../db/profile.ts'
import { getRequest } from '../../db/requests.ts'
import { createTip, createTipFromRequest, getTip, updateTip } from '../../db/tips.ts'
import { draftTipFromPattern } from '../../domain/namingTip.ts'
import type { PhotoRef } from '../../domain/photos.ts'
import { draftTipFromRequest, parseTipTags, type TipDraft, type TipInput } from '../../domain/tipDraft.ts'
import { photoRefHashes } from '../../domain/tipPhotoRef.ts'
import type { CategoryKey } from '../../domain/records/request.ts'
import type { RequestId, TipId } from '../../domain/records/fields.ts'
import type { Tip } from '../../domain/records/tip.ts'
import { useSessionStore } from '../../stores/session.ts'
import { useUiStore } from '../../stores/ui.ts'

/** The tip form's fields as the person edits them: tags as typed text, no category as ''. */
export interface TipFormState {
  title: string
  body: string
  tags: string
  category: CategoryKey | ''
}

export interface UseTipFormReturn {
  form: Ref<TipFormState>
  loaded: ShallowRef<boolean>
  missing: ShallowRef<boolean>
  saving: ShallowRef<boolean>
  /** CPR numbers masked while drafting from a request or a naming rule (told to the person). */
  masked: ShallowRef<number>
  titleError: ComputedRef<string>
  bodyError: ComputedRef<string>
  /** The tip's photos as saved, then those inserted in this form (saved with the tip). */
  photos: ComputedRef<readonly PhotoRef[]>
  /** Images inserted in this form and not saved yet, by hash. */
  pendingBlobs: ComputedRef<ReadonlyMap<string, Blob>>
  /** Keeps an inserted image until the tip is saved. */
  addPending(ref: PhotoRef, blob: Blob): void
  load(): Promise<void>
  save(): Promise<boolean>
}

function stateOf(tip: Pick<Tip, 'title' | 'body' | 'tags' | 'category'>): TipFormState {
  return { title: tip.title, body: tip.body, tags: tip.tags.join(', '), category: tip.category ?? '' }
}

function inputOf(fields: Partial<TipFormState>): Partial<TipInput> {
  const input: Record<string, unknown> = { ...fields }
  if (fields.tags !== undefined) input.tags = parseTipTags(fields.tags)
  if (fields.category !== undefined) input.category = fields.category || null
  return input as Partial<TipInput>
}

/**
 * The tip form: a new tip, a draft from a request (`fromRequest`, CPR-guarded, linked both ways on
 * save), a draft from the team's naming rule `fromPattern` (saved as a new tip), or an edit of tip
 * `id` that saves only the fields the person changed (the edit rule).
 */
export function useTipForm(id: TipId | undefined, fromRequest: RequestId | undefined, fromPattern?: string): UseTipFormReturn {
  const { t } = useI18n()
  const router = useRouter()
  const session = useSessionStore()
  const ui = useUiStore()
  const form = ref<TipFormState>({ title: '', body: '', tags: '', category: '' })
  const loaded = shallowRef(false)
  const missing = shallowRef(false)
  const saving = shallowRef(false)
  const submitted = shallowRef(false)
  const masked = shallowRef(0)
  const saved = shallowRef<readonly PhotoRef[]>([])
  const pending = shallowRef<ReadonlyArray<{ ref: PhotoRef; blob: Blob }>>([])
  const photos = computed(() => [...saved.value, ...pending.value.map((p) => p.ref).filter((ref) => !saved.value.some((s) => s.hash === ref.hash))])
  const pendingBlobs = computed(() => new Map(pending.value.map((p) => [p.ref.hash, p.blob])))
  const edit = useEditBase({
    draft: form,
    read: async () => {
      const tip = id ? await getTip(id) : undefined
      return tip && { values: stateOf(tip), rev: tip.rev, updatedAt: tip.updatedAt }
    },
  })
  const titleError = computed(() => (submitted.value && form.value.title.trim() === '' ? t('tips.form.titleRequired') : ''))
  const bodyError = computed(() => (submitted.value && form.value.body.trim() === '' ? t('tips.form.bodyRequired') : ''))

  function useDraft(draft: TipDraft): void {
    form.value = stateOf(draft.input)
    masked.value = draft.masked
  }

  async function load(): Promise<void> {
    if (id) {
      const tip = await getTip(id)
      if (!tip) missing.value = true
      else {
        saved.value = tip.photos ?? []
        edit.begin({ values: stateOf(tip), rev: tip.rev, updatedAt: tip.updatedAt })
      }
    } else if (fromRequest) {
      const request = await getRequest(fromRequest)
      if (!request) missing.value = true
      else {
        useDraft(draftTipFromRequest(request, { problem: t('tips.form.headings.problem'), solution: t('tips.form.headings.solution') }))
      }
    } else if (fromPattern) {
      const team = await getTeam(session.author().teamId)
      const rule = team?.namingPatterns?.find((p) => p.id === fromPattern)
      if (!rule) missing.value = true
      else {
        useDraft(draftTipFromPattern(rule, {
          title: (name) => t('tips.form.naming.title', { name }), pattern: t('tips.form.naming.pattern'), fields: t('tips.form.naming.fields'),
          explanation: t('tips.form.naming.explanation'), examples: t('tips.form.naming.examples'),
        }))
      }
    }
    loaded.value = true
  }

  async function save(): Promise<boolean> {
    submitted.value = true
    if (titleError.value || bodyError.value) return false
    saving.value = true
    try {
      const author = session.author()
      const whole = { ...inputOf(form.value), requestIds: [] } as TipInput
      let tip: Tip
      if (id) {
        const { fields, base } = edit.edits()
        tip = await updateTip(id, inputOf(fields), base)
      } else {
        tip = fromRequest ? await createTipFromRequest(author, fromRequest, whole) : await createTip(author, whole)
      }
      await savePending(tip.id)
      ui.notify(t('tips.form.saved'))
      await router.replace({ name: 'tip', params: { id: tip.id } })
      return true
    } catch (error) {
      ui.reportWriteError(error)
      return false
    } finally {
      saving.value = false
    }
  }

  function addPending(ref: PhotoRef, blob: Blob): void {
    if (!pending.value.some((p) => p.ref.hash === ref.hash)) pending.value = [...pending.value, { ref, blob }]
  }

  // The inserted images the saved text still shows join the tip's photo list (one transaction each:
  // the image and the list). The text is saved already; a failure here is told, not hidden.
  async function savePending(tipId: TipId): Promise<void> {
    const shown = new Set(photoRefHashes(form.value.body))
    for (const { ref, blob } of pending.value.filter((p) => shown.has(p.ref.hash))) {
      try {
        await addPhoto({ table: 'tips', id: tipId }, ref, blob)
      } catch (error) {
        ui.notify(t('tips.form.image.photoNotSaved', { message: error instanceof Error ? error.message : String(error) }), 'error')
      }
    }
    pending.value = []
  }

  return { form, loaded, missing, saving, masked, titleError, bodyError, photos, pendingBlobs, addPending, load, save }
}
