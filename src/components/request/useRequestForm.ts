import { nextTick, onMounted, ref, shallowRef, toRaw, watch, type Ref, type ShallowRef } from 'vue'
import { useI18n } from 'vue-i18n'
import { useRoute, useRouter } from 'vue-router'
import { createRequest, getLastDepartmentId, getRequest, updateRequest } from '../../db/requests.ts'
import { useEditBase, type EditClash } from '../../composables/useEditBase.ts'
import { useTeamLists } from '../../composables/useTeamLists.ts'
import {
  applyPreset, draftOf, emptyDraft, timeDraftFor, validateRequestDraft,
  type FieldError, type RequestDraft, type TimeDraft,
} from '../../domain/requestRules.ts'
import { defaultOwner } from '../../domain/triage.ts'
import type { Activity } from '../../domain/activities.ts'
import type { AssetId, DepartmentId, RequestId } from '../../domain/records/fields.ts'
import { useSessionStore } from '../../stores/session.ts'
import { useUiStore } from '../../stores/ui.ts'

const DEFAULT_MINUTES = 10

/** Which request form: a new request (optionally the quick one, from a preset or asset) or an edit. */
export interface RequestFormOptions {
  /** The request to edit; absent for a new one. */
  readonly id?: RequestId
  /** The quick-log screen: starts by picking a preset and goes back where it came from. */
  readonly quick?: boolean
}

/** What the request form's view binds to. */
export interface RequestForm {
  readonly draft: Ref<RequestDraft>
  /** A new request also logs time (minutes, activity). */
  readonly logTime: ShallowRef<boolean>
  readonly minutes: ShallowRef<number>
  readonly activity: ShallowRef<Activity>
  readonly errors: ShallowRef<FieldError[]>
  readonly saving: ShallowRef<boolean>
  /** The request is read (always true for a new one). */
  readonly loaded: ShallowRef<boolean>
  /** The request to edit is not (or no longer) here. */
  readonly missing: ShallowRef<boolean>
  /** The quick form shows its preset buttons. */
  readonly picking: ShallowRef<boolean>
  /** The department of the last request made on this device: offered, never filled in unasked. */
  readonly lastDepartmentId: ShallowRef<DepartmentId | null>
  /** Fields changed elsewhere since the edit began. */
  readonly clashes: ShallowRef<readonly EditClash[]>
  choosePreset(presetId: string | null): void
  chooseOther(): void
  save(): Promise<void>
}

/** State and actions of the request form: new (optionally quick, from a preset or asset) or edit. */
export function useRequestForm(options: RequestFormOptions): RequestForm {
  const id = options.id
  const quick = options.quick ?? false
  const { t } = useI18n()
  const route = useRoute()
  const router = useRouter()
  const session = useSessionStore()
  const ui = useUiStore()
  const author = session.author()
  // Presets are the team's own (Mere → Kategorier og genveje), or the built-in ones.
  const lists = useTeamLists()

  const draft = ref<RequestDraft>(emptyDraft(author.personId))
  const logTime = shallowRef(false)
  const minutes = shallowRef(DEFAULT_MINUTES)
  const activity = shallowRef<Activity>('daglig hjælp')
  const errors = shallowRef<FieldError[]>([])
  // Once a save has shown errors, each change checks again, so a fixed field's message goes at once.
  watch([draft, logTime, minutes], () => {
    if (errors.value.length > 0) errors.value = validateRequestDraft(draft.value, timeDraft())
  }, { deep: true })
  const saving = shallowRef(false)
  const loaded = shallowRef(id === undefined)
  const missing = shallowRef(false)
  const picking = shallowRef(quick && typeof route.query.preset !== 'string')
  const lastDepartmentId = shallowRef<DepartmentId | null>(null)
  // Editing: only what the person changes is saved, based on what the form showed when it opened.
  const edit = useEditBase({
    draft,
    read: async () => {
      const r = id === undefined ? undefined : await getRequest(id)
      return r && { values: draftOf(r), rev: r.rev, updatedAt: r.updatedAt }
    },
  })

  function timeDraft(): TimeDraft | null {
    return id === undefined && logTime.value ? { logMinutes: minutes.value, activity: activity.value } : null
  }

  function choosePreset(presetId: string | null): void {
    picking.value = false
    const preset = lists.findTeamPreset(presetId)
    if (!preset) { draft.value = { ...draft.value, presetId: null }; return }
    // A description that is only the previous preset's label is replaced by the new label.
    const previous = lists.findTeamPreset(draft.value.presetId)
    const base = previous && draft.value.description === lists.presetName(previous.id) ? { ...draft.value, description: '' } : draft.value
    const applied = applyPreset(base, preset.id, lists.presetName(preset.id), lists.presets.value)
    // When editing, the status is the user's record of progress; a preset does not reset it.
    draft.value = id === undefined ? applied : { ...applied, status: base.status }
    if (id !== undefined) return
    const time = timeDraftFor(preset.id, lists.presets.value)
    minutes.value = time.logMinutes ?? DEFAULT_MINUTES
    activity.value = time.activity
    logTime.value = true
  }

  onMounted(async () => {
    if (id !== undefined) {
      const r = await getRequest(id)
      if (r) edit.begin({ values: draftOf(r), rev: r.rev, updatedAt: r.updatedAt })
      else missing.value = true
      loaded.value = true
      return
    }
    lastDepartmentId.value = await getLastDepartmentId()
    const asset = route.query.asset
    if (typeof asset === 'string' && asset !== '') {
      draft.value = { ...draft.value, assetId: asset as AssetId, category: 'hardware', owner: defaultOwner('hardware') }
    }
    if (typeof route.query.preset === 'string') {
      await lists.loaded()
      choosePreset(route.query.preset)
    }
  })

  /** "Andet — udfyld selv" on the quick-log screen: the same rule as a preset, time is logged unless switched off. */
  function chooseOther(): void {
    picking.value = false
    if (id === undefined) logTime.value = true
  }

  function leave(createdId: RequestId): void {
    if (!quick) void router.replace({ name: 'request', params: { id: createdId } })
    else if (window.history.state?.back) router.back()
    else void router.replace({ name: 'home' })
  }

  async function save(): Promise<void> {
    const time = timeDraft()
    errors.value = validateRequestDraft(draft.value, time)
    if (errors.value.length > 0) {
      await nextTick()
      document.querySelector<HTMLElement>('form [aria-invalid="true"]')?.focus()
      return
    }
    saving.value = true
    try {
      if (id !== undefined) {
        const { fields, base } = edit.edits()
        await updateRequest(id, fields, author.personId, Date.now(), base)
        ui.notify(t('requests.updated'))
        // Back to the detail entry the edit was opened from, so its own "Tilbage" still works.
        if (window.history.state?.back) router.back()
        else void router.replace({ name: 'request', params: { id } })
      } else {
        const created = await createRequest(author, toRaw(draft.value), time)
        ui.notify(time ? t('requests.savedWithTime', { minutes: time.logMinutes }) : t('requests.saved'))
        leave(created.id)
      }
    } catch (error) {
      ui.reportWriteError(error)
    } finally {
      saving.value = false
    }
  }

  return { draft, logTime, minutes, activity, errors, saving, loaded, missing, picking, lastDepartmentId, clashes: edit.clashes, choosePreset, chooseOther, save }
}
