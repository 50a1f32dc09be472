import { computed, type ComputedRef } from 'vue'
import type { CampaignViewer } from '../../db/campaigns.ts'
import { useSessionStore } from '../../stores/session.ts'

/** Who is looking at campaigns: a koordinator or admin sees and manages all; a superuser those they test in. */
export function useCampaignViewer(): { viewer: ComputedRef<CampaignViewer>, manages: ComputedRef<boolean> } {
  const session = useSessionStore()
  const manages = computed(() => session.account?.role === 'koordinator' || session.account?.role === 'admin')
  const viewer = computed(() => ({ personId: session.author().personId, seesAll: manages.value }))
  return { viewer, manages }
}
