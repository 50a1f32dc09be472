import { describe, expect, it } from 'vitest'
import { briefDescription, currentHandOff, handOffDisplay, isDeviceHandOffWrite, mayHandOffAgain, newHandOffContent } from '../../../src/domain/handOff.ts'
import type { RequestId } from '../../../src/domain/records/fields.ts'

const fresh = { ...newHandOffContent('r1' as RequestId, 'mail', ' prøvet '), id: 'h1', teamId: 't1' }

describe('hand-off rules', () => {
  it.each([
    ['a new waiting hand-off', 'put', fresh, true, true],
    ['a new one claiming to be sent', 'put', { ...fresh, state: 'sendt' }, true, false],
    ['a new one with an incident number', 'put', { ...fresh, externalNumber: 'I 1' }, true, false],
    ['a new one with a reason', 'put', { ...fresh, reason: 'x' }, true, false],
    ['a put over an existing one', 'put', fresh, false, false],
    ['cancelling', 'patch', { state: 'annulleret', updatedAt: 5 }, false, true],
    ['marking it sent', 'patch', { state: 'sendt' }, false, false],
    ['writing IT\'s closing time', 'patch', { itClosedAt: 5 }, false, false],
    ['changing what was tried afterwards', 'patch', { tried: 'mere' }, false, false],
    ['deleting it', 'delete', {}, false, false],
  ] as const)('a device may write %s: %s', (_name, op, fields, isNew, allowed) => {
    expect(isDeviceHandOffWrite(op, fields, isNew)).toBe(allowed)
  })

  it('cuts the first line to TOPdesk\'s 80 characters, counting letters not UTF-16 units', () => {
    expect(briefDescription('  Printer  virker ikke\nmere tekst')).toBe('Printer virker ikke')
    const long = 'æ'.repeat(50) + ' ' + '😀'.repeat(50)
    const cut = briefDescription(long)
    expect([...cut]).toHaveLength(80)
    expect(cut.endsWith('…')).toBe(true)
    expect(briefDescription('x'.repeat(80))).toBe('x'.repeat(80))
  })

  it('says "løst af IT" only for a sent one that IT closed, and picks the one that speaks for the request', () => {
    expect(handOffDisplay({ state: 'sendt', itClosedAt: null })).toBe('sendt')
    expect(handOffDisplay({ state: 'sendt', itClosedAt: 9 })).toBe('løst af IT')
    expect(handOffDisplay({ state: 'fejlet', itClosedAt: null })).toBe('fejlet')
    const list = [{ state: 'fejlet' as const, createdAt: 1 }, { state: 'annulleret' as const, createdAt: 3 }, { state: 'sendt' as const, createdAt: 2 }]
    expect(currentHandOff(list)).toBe(list[2])
    expect(currentHandOff([list[1]!])).toBe(list[1])
    expect(currentHandOff([])).toBeUndefined()
  })

  it('allows a new hand-off only when none waits and no TOPdesk incident is open at IT', () => {
    expect(mayHandOffAgain([])).toBe(true)
    expect(mayHandOffAgain([{ state: 'fejlet', itClosedAt: null, channel: 'topdesk' }, { state: 'annulleret', itClosedAt: null, channel: 'mail' }])).toBe(true)
    expect(mayHandOffAgain([{ state: 'sendt', itClosedAt: 5, channel: 'topdesk' }])).toBe(true)
    expect(mayHandOffAgain([{ state: 'sendt', itClosedAt: null, channel: 'mail' }])).toBe(true)
    expect(mayHandOffAgain([{ state: 'venter', itClosedAt: null, channel: 'mail' }])).toBe(false)
    expect(mayHandOffAgain([{ state: 'sendt', itClosedAt: null, channel: 'topdesk' }])).toBe(false)
  })
})
