import { shallowRef, type ShallowRef } from 'vue'
import { tryOnScopeDispose } from './tryOnScopeDispose.ts'

/** Why the camera could not be used, so the view can explain what to do. */
export type ScannerProblem = 'denied' | 'notFound' | 'inUse' | 'insecure' | 'decoder' | 'unknown'

export type ScannerState = 'idle' | 'starting' | 'scanning' | 'error'

export interface UseScannerOptions {
  /** Called with the texts of every QR code seen in one frame, in the decoder's order (they repeat while in view). */
  onDetect: (texts: string[]) => void
  /** Pause between decode attempts; decoding runs at most this often. */
  intervalMs?: number
}

export interface UseScannerReturn {
  state: ShallowRef<ScannerState>
  problem: ShallowRef<ScannerProblem | null>
  torchSupported: ShallowRef<boolean>
  torchOn: ShallowRef<boolean>
  /** Which decoder runs: the browser's own BarcodeDetector or the zxing-wasm ponyfill. */
  engine: ShallowRef<'native' | 'ponyfill' | null>
  start: () => Promise<void>
  stop: () => void
  toggleTorch: () => Promise<void>
}

interface Detector {
  detect(source: HTMLVideoElement): Promise<ReadonlyArray<{ rawValue: string }>>
}

interface NativeDetectorClass {
  new (options: { formats: string[] }): Detector
  getSupportedFormats(): Promise<string[]>
}

let detectorPromise: Promise<{ detector: Detector, engine: 'native' | 'ponyfill' }> | null = null

/** The native detector where it reads QR codes; else the ponyfill with the app's own wasm. */
async function loadDetector(): Promise<{ detector: Detector, engine: 'native' | 'ponyfill' }> {
  const Native = (globalThis as { BarcodeDetector?: NativeDetectorClass }).BarcodeDetector
  if (Native) {
    const formats = await Native.getSupportedFormats().catch(() => [] as string[])
    if (formats.includes('qr_code')) return { detector: new Native({ formats: ['qr_code'] }), engine: 'native' }
  }
  const [{ BarcodeDetector, prepareZXingModule }, { default: wasmUrl }] = await Promise.all([
    import('barcode-detector/ponyfill'),
    import('zxing-wasm/reader/zxing_reader.wasm?url'),
  ])
  // Served by the app and precached by the service worker, so scanning works offline.
  prepareZXingModule({
    overrides: { locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path) },
    fireImmediately: true,
  })
  return { detector: new BarcodeDetector({ formats: ['qr_code'] }), engine: 'ponyfill' }
}

function problemOf(error: unknown): ScannerProblem {
  const name = error instanceof Error || error instanceof DOMException ? error.name : ''
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'denied'
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'notFound'
  if (name === 'NotReadableError' || name === 'AbortError') return 'inUse'
  return 'unknown'
}

/**
 * Reads QR codes from the rear camera into `video`. The camera stops (every track) when the
 * owning component unmounts or the page is hidden, and restarts when it is shown again.
 * Each decode is recorded as a `scan-decode` performance measure (for the benchmark).
 */
export function useScanner(video: ShallowRef<HTMLVideoElement | null>, options: UseScannerOptions): UseScannerReturn {
  const state = shallowRef<ScannerState>('idle')
  const problem = shallowRef<ScannerProblem | null>(null)
  const torchSupported = shallowRef(false)
  const torchOn = shallowRef(false)
  const engine = shallowRef<'native' | 'ponyfill' | null>(null)
  const interval = options.intervalMs ?? 80
  let stream: MediaStream | null = null
  let timer: ReturnType<typeof setTimeout> | null = null
  let session = 0

  async function start(): Promise<void> {
    stop()
    const mine = session
    state.value = 'starting'
    problem.value = null
    if (!navigator.mediaDevices?.getUserMedia) return fail('insecure')
    detectorPromise ??= loadDetector()
    try {
      const media = await navigator.mediaDevices.getUserMedia({
        audio: false, video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      })
      if (mine !== session || !video.value) return release(media)
      stream = media
      const el = video.value
      el.setAttribute('playsinline', '')
      el.muted = true
      el.srcObject = media
      await el.play()
      const track = media.getVideoTracks()[0]
      const caps = (track?.getCapabilities?.() ?? {}) as { torch?: boolean }
      torchSupported.value = caps.torch === true
    } catch (error) {
      if (mine === session) fail(problemOf(error))
      return
    }
    let loaded: Awaited<ReturnType<typeof loadDetector>>
    try {
      loaded = await detectorPromise
    } catch (error) {
      detectorPromise = null
      console.error(error)
      if (mine === session) fail('decoder')
      return
    }
    if (mine !== session) return
    engine.value = loaded.engine
    state.value = 'scanning'
    void loop(loaded.detector, mine)
  }

  async function loop(detector: Detector, mine: number): Promise<void> {
    const el = video.value
    if (mine !== session || !el) return
    if (el.readyState >= 2 && el.videoWidth > 0) {
      const began = performance.now()
      try {
        const found = await detector.detect(el)
        measure(began, found.length)
        if (mine !== session) return
        const texts = found.map((b) => b.rawValue).filter((text) => text !== '')
        if (texts.length > 0) options.onDetect(texts)
      } catch (error) {
        console.warn('QR decode failed', error)
      }
    }
    if (mine === session) timer = setTimeout(() => void loop(detector, mine), interval)
  }

  function measure(began: number, found: number): void {
    try {
      performance.measure('scan-decode', { start: began, end: performance.now(), detail: { engine: engine.value, found } })
    } catch {
      // Older browsers lack measure options; timing is only for the benchmark.
    }
  }

  function fail(kind: ScannerProblem): void {
    state.value = 'error'
    problem.value = kind
    stop(false)
  }

  function release(media: MediaStream): void {
    for (const track of media.getTracks()) track.stop()
  }

  function stop(resetState = true): void {
    session++
    if (timer !== null) clearTimeout(timer)
    timer = null
    if (stream) release(stream)
    stream = null
    if (video.value) video.value.srcObject = null
    torchOn.value = false
    if (resetState && state.value !== 'error') state.value = 'idle'
  }

  async function toggleTorch(): Promise<void> {
    const track = stream?.getVideoTracks()[0]
    if (!track || !torchSupported.value) return
    const next = !torchOn.value
    await track.applyConstraints({ advanced: [{ torch: next } as MediaTrackConstraintSet] })
    torchOn.value = next
  }

  let resumeOnShow = false
  function onVisibility(): void {
    if (document.hidden && (state.value === 'scanning' || state.value === 'starting')) {
      resumeOnShow = true
      stop()
    } else if (!document.hidden && resumeOnShow) {
      resumeOnShow = false
      void start()
    }
  }
  document.addEventListener('visibilitychange', onVisibility)

  tryOnScopeDispose(() => {
    document.removeEventListener('visibilitychange', onVisibility)
    stop()
  })

  return { state, problem, torchSupported, torchOn, engine, start, stop, toggleTorch }
}
