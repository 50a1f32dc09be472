import { computed, type ComputedRef, type ShallowRef } from 'vue'
import { useLiveQuery } from '../../composables/useLiveQuery.ts'
import { getPerson } from '../../db/profile.ts'
import type { Role } from '../../domain/records/person.ts'
import { useSessionStore } from '../../stores/session.ts'

export interface UseAdminAccessReturn {
  /** The role on the user's own Person record (kept current by sync); null until read or when unknown. */
  role: ComputedRef<Role | null>
  /** Whether the user may manage templates, categories, departments and people of the team. */
  canManage: ComputedRef<boolean>
  /** True until the Person record has been read. */
  loading: ShallowRef<boolean>
}

/**
 * The signed-in user's management rights as the client sees them. This only hides what the role
 * cannot do: the server checks every admin call and every push itself.
 */
export function useAdminAccess(): UseAdminAccessReturn {
  const session = useSessionStore()
  const { data: person, loading } = useLiveQuery(() => getPerson(session.author().personId), undefined)
  const role = computed(() => person.value?.role ?? null)
  const canManage = computed(() => role.value === 'koordinator' || role.value === 'admin')
  return { role, canManage, loading }
}
