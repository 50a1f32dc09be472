import { describe, expect, it } from 'vitest'
import {
  FIRST_SHRINK_STEP, isPhotoHash, nextShrinkStep, PHOTO_MAX_BYTES, PHOTO_MAX_EDGE, resizeTarget, sniffPhotoType, type ShrinkStep,
} from '../../../src/domain/photos.ts'

describe('resizeTarget', () => {
  it.each([
    [4032, 3024, { width: 1600, height: 1200 }],
    [3024, 4032, { width: 1200, height: 1600 }],
    [1600, 900, { width: 1600, height: 900 }],
    [800, 600, { width: 800, height: 600 }],
    [10_000, 10, { width: 1600, height: 2 }],
    [1, 9000, { width: 1, height: 1600 }],
  ])('%i×%i fits in %o, keeping the aspect and never enlarging', (width, height, expected) => {
    const target = resizeTarget(width, height)
    expect(target).toEqual(expected)
    expect(Math.max(target.width, target.height)).toBeLessThanOrEqual(PHOTO_MAX_EDGE)
  })

  it('honours a smaller edge and refuses an empty image', () => {
    expect(resizeTarget(4000, 3000, 1200)).toEqual({ width: 1200, height: 900 })
    expect(() => resizeTarget(0, 100)).toThrow(RangeError)
    expect(() => resizeTarget(Number.NaN, 100)).toThrow(RangeError)
  })
})

describe('nextShrinkStep', () => {
  it('stops as soon as the photo fits', () => {
    expect(nextShrinkStep(FIRST_SHRINK_STEP, PHOTO_MAX_BYTES)).toBeNull()
    expect(nextShrinkStep(FIRST_SHRINK_STEP, 1000)).toBeNull()
  })

  it('lowers the quality first, then the size, and gives up rather than loop for ever', () => {
    const steps: ShrinkStep[] = [FIRST_SHRINK_STEP]
    for (let step = nextShrinkStep(FIRST_SHRINK_STEP, PHOTO_MAX_BYTES + 1); step; step = nextShrinkStep(step, PHOTO_MAX_BYTES + 1)) steps.push(step)
    expect(steps.slice(0, 4)).toEqual([
      { maxEdge: 1600, quality: 0.82 }, { maxEdge: 1600, quality: 0.7 }, { maxEdge: 1600, quality: 0.58 }, { maxEdge: 1200, quality: 0.82 },
    ])
    expect(steps.length).toBeLessThan(20)
    expect(Math.min(...steps.map((s) => s.maxEdge))).toBeGreaterThanOrEqual(320)
    expect(Math.min(...steps.map((s) => s.quality))).toBeGreaterThanOrEqual(0.5)
  })
})

describe('sniffPhotoType and isPhotoHash', () => {
  it('tells JPEG, PNG and WebP by their first bytes, and nothing else', () => {
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8, 0xff, 0xe1, 0]))).toBe('image/jpeg')
    expect(sniffPhotoType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe('image/png')
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe('image/webp')
    expect(sniffPhotoType(new TextEncoder().encode('RIFF\u0000\u0000\u0000\u0000WAVEfmt '))).toBeNull()
    expect(sniffPhotoType(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull()
    expect(sniffPhotoType(new Uint8Array([0xff, 0xd8]))).toBeNull()
  })

  it('accepts only 64 lower-case hex digits as a hash', () => {
    expect(isPhotoHash('a'.repeat(64))).toBe(true)
    expect(isPhotoHash('A'.repeat(64))).toBe(false)
    expect(isPhotoHash('a'.repeat(63))).toBe(false)
    expect(isPhotoHash(`${'a'.repeat(63)}g`)).toBe(false)
    expect(isPhotoHash(`${'a'.repeat(64)}\n`)).toBe(false)
  })
})
