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

/**
 * A Y4M video (I420) whose every frame shows a QR code of `text`, centred on a grey
 * background, for Chromium's `--use-file-for-fake-video-capture`.
 */
export function qrY4m(text: string, options: Y4mOptions = {}): Buffer {
  const { width = 640, height = 480, frames = 10, moduleSize = 8 } = options
  const { size, data } = create(text, { errorCorrectionLevel: 'M' }).modules
  const side = (size + QUIET * 2) * moduleSize
  if (side > width || side > height) throw new Error(`QR code of ${side}px does not fit ${width}×${height}`)
  const left = Math.floor((width - side) / 2)
  const top = Math.floor((height - side) / 2)

  const luma = Buffer.alloc(width * height, GREY)
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const row = Math.floor(y / moduleSize) - QUIET
      const col = Math.floor(x / moduleSize) - QUIET
      const dark = row >= 0 && col >= 0 && row < size && col < size && data[row * size + col] === 1
      luma[(top + y) * width + left + x] = dark ? BLACK : WHITE
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128)
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma])
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420\n`)
  return Buffer.concat([header, ...Array<Buffer>(frames).fill(frame)])
}

/** Writes `qrY4m(text)` to `path` (Chromium needs an absolute path). */
export function writeQrY4m(path: string, text: string, options: Y4mOptions = {}): void {
  writeFileSync(path, qrY4m(text, options))
}

/** Chromium flags that replace the camera with `path` and accept the permission prompt. */
export function fakeCameraArgs(path: string): string[] {
  return ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${path}`]
}
