import { create } from 'qrcode'
import { writeFileSync } from 'node:fs'

export interface Y4mOptions {
  readonly width?: number
  readonly height?: number
  readonly frames?: number
  /** Pixels per QR module. */
  readonly moduleSize?: number
}

const WHITE = 235
const BLACK = 16
const GREY = 150
const QUIET = 4
const GLARE = 250

/** One QR code placed in a scene: its text, error correction, module size and top-left corner. */
export interface QrPlacement {
  readonly text: string
  readonly level?: 'L' | 'M' | 'Q' | 'H'
  readonly moduleSize: number
  readonly left: number
  readonly top: number
}

/** A rectangle washed out to near white, as glare on a glossy label does. */
export interface Glare {
  readonly left: number
  readonly top: number
  readonly width: number
  readonly height: number
}

/** The side in pixels of a placed code with its quiet zone. */
export function qrSide(text: string, moduleSize: number, level: QrPlacement['level'] = 'M'): number {
  return (create(text, { errorCorrectionLevel: level }).modules.size + QUIET * 2) * moduleSize
}

/**
 * A Y4M video (I420) whose every frame shows the placed QR codes on a grey background, with an
 * optional glare rectangle over them, for Chromium's `--use-file-for-fake-video-capture`.
 */
export function sceneY4m(codes: readonly QrPlacement[], options: { width?: number, height?: number, frames?: number, glare?: Glare } = {}): Buffer {
  const { width = 640, height = 480, frames = 10, glare } = options
  const luma = Buffer.alloc(width * height, GREY)
  for (const code of codes) {
    const { size, data } = create(code.text, { errorCorrectionLevel: code.level ?? 'M' }).modules
    const side = (size + QUIET * 2) * code.moduleSize
    if (code.left + side > width || code.top + side > height) throw new Error(`QR code of ${side}px at ${code.left},${code.top} does not fit ${width}×${height}`)
    for (let y = 0; y < side; y++) {
      for (let x = 0; x < side; x++) {
        const row = Math.floor(y / code.moduleSize) - QUIET
        const col = Math.floor(x / code.moduleSize) - QUIET
        const dark = row >= 0 && col >= 0 && row < size && col < size && data[row * size + col] === 1
        luma[(code.top + y) * width + code.left + x] = dark ? BLACK : WHITE
      }
    }
  }
  if (glare) {
    for (let y = glare.top; y < glare.top + glare.height; y++) luma.fill(GLARE, y * width + glare.left, y * width + glare.left + glare.width)
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`)
  return Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)])
}

/** A Y4M video whose every frame shows one QR code of `text` (level M), centred. */
export function qrY4m(text: string, options: Y4mOptions = {}): Buffer {
  const { width = 640, height = 480, frames = 10, moduleSize = 8 } = options
  const side = qrSide(text, moduleSize)
  if (side > width || side > height) throw new Error(`QR code of ${side}px does not fit ${width}×${height}`)
  return sceneY4m([{ text, moduleSize, left: Math.floor((width - side) / 2), top: Math.floor((height - side) / 2) }], { width, height, frames })
}

/** Writes `qrY4m(text)` to `path` (Chromium needs an absolute path). */
export function writeQrY4m(path: string, text: string, options: Y4mOptions = {}): void {
  writeFileSync(path, qrY4m(text, options))
}

/** Chromium flags that replace the camera with `path` and accept the permission prompt. */
export function fakeCameraArgs(path: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`]
}
