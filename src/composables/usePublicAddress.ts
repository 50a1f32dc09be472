import { computed, shallowRef, type ComputedRef } from 'vue'
import { fetchPublicConfig } from '../api/publicConfig.ts'
import { readPublicConfig, rememberPublicConfig } from '../db/publicConfig.ts'
import { acceptedBaseUrls, addressWarning, labelBaseUrl, offeredHandOffChannels, type AddressWarning, type PublicConfig } from '../domain/publicAddress.ts'
import type { HandOffChannel } from '../domain/records/handOff.ts'

/** What a screen that prints or reads our addresses needs. */
export interface UsePublicAddressReturn {
  /** The address labels and handed-out links carry. */
  readonly labelBase: ComputedRef<string>
  /** Every address a scanned label may carry and still be ours. */
  readonly acceptedBases: ComputedRef<string[]>
  /** Why `labelBase` would not work on a phone, or null. */
  readonly warning: ComputedRef<AddressWarning | null>
  /** How a request can be handed to IT on this server. */
  readonly handOffChannels: ComputedRef<readonly HandOffChannel[]>
}

// Shared by every screen: the remembered settings at first use, then the server's latest answer.
const config = shallowRef<PublicConfig | null | undefined>(undefined)

async function refresh(): Promise<void> {
  const fresh = await fetchPublicConfig()
  if (!fresh) return
  rememberPublicConfig(fresh)
  config.value = fresh
}

/**
 * The app's public address (PUBLIC_URL, told by the server and remembered for offline use); asks
 * the server again each time a screen starts using it. Without any answer yet, the address the
 * app runs on.
 */
export function usePublicAddress(): UsePublicAddressReturn {
  if (config.value === undefined) config.value = readPublicConfig()
  void refresh()
  const own = window.location.origin
  return {
    labelBase: computed(() => labelBaseUrl(config.value ?? null, own)),
    acceptedBases: computed(() => acceptedBaseUrls(config.value ?? null, own)),
    warning: computed(() => addressWarning(labelBaseUrl(config.value ?? null, own))),
    handOffChannels: computed(() => offeredHandOffChannels(config.value ?? null)),
  }
}
