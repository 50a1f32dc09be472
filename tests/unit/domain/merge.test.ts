import { describe, expect, it } from 'vitest'
import { AGREED, mergeMutation, sameValue, type MergeInput, type MergeState } from '../../../src/domain/merge.ts'

const A = 'client-A'
const B = 'client-B'

/** A record created by A at rev 3; B changed `status` at rev 5. */
const base: MergeState = {
  content: { createdAt: 100, updatedAt: 200, description: 'Printer', status: 'ny', note: 'x' },
  stamps: { description: { rev: 3, clientId: A }, status: { rev: 5, clientId: B }, note: { rev: 3, clientId: A } },
  deletedAt: null,
  origin: A,
}

function input(partial: Partial<MergeInput>): MergeInput {
  return { op: 'patch', fields: {}, baseRev: 0, clientId: A, rev: 9, now: 5000, ...partial }
}

describe('mergeMutation: patch field by field', () => {
  const cases: Array<{ name: string; in: Partial<MergeInput>; outcome: string; content?: Record<string, unknown>; clashes: string[] }> = [
    { name: 'field unchanged since base applies', in: { fields: { status: 'løst' }, baseRev: 5, clientId: A },
      outcome: 'updated', content: { status: 'løst' }, clashes: [] },
    { name: 'field changed after base by another client clashes', in: { fields: { status: 'venter' }, baseRev: 4, clientId: A },
      outcome: 'unchanged', content: { status: 'ny' }, clashes: ['status'] },
    { name: 'field last changed by the same client applies even from an old base', in: { fields: { status: 'venter' }, baseRev: 0, clientId: B },
      outcome: 'updated', content: { status: 'venter' }, clashes: [] },
    { name: 'disjoint fields merge while the clashing one is kept', in: { fields: { description: 'Scanner', status: 'venter' }, baseRev: 3, clientId: 'client-C' },
      outcome: 'updated', content: { description: 'Scanner', status: 'ny' }, clashes: ['status'] },
    { name: 'same value as the server, seen at the base, is neither a change nor a clash', in: { fields: { status: 'ny' }, baseRev: 5, clientId: A },
      outcome: 'unchanged', content: { status: 'ny' }, clashes: [] },
    { name: 'same value as a change not seen is no clash, but the value is no longer the other client\'s own', in: { fields: { status: 'ny' }, baseRev: 0, clientId: A },
      outcome: 'updated', content: { status: 'ny' }, clashes: [] },
    { name: 'a field never written before applies', in: { fields: { resolution: 'Genstartet' }, baseRev: 0, clientId: B },
      outcome: 'updated', content: { resolution: 'Genstartet' }, clashes: [] },
    { name: 'createdAt cannot be changed', in: { fields: { createdAt: 1 }, baseRev: 9, clientId: A },
      outcome: 'unchanged', content: { createdAt: 100 }, clashes: [] },
    { name: 'sync fields outside content are ignored', in: { fields: { teamId: 'other', rev: 77 }, baseRev: 9 },
      outcome: 'unchanged', content: {}, clashes: [] },
  ]
  for (const c of cases) {
    it(c.name, () => {
      const result = mergeMutation(base, input(c.in))
      expect(result.outcome).toBe(c.outcome)
      expect(result.state?.content).toMatchObject(c.content ?? {})
      expect(result.clashes.map((x) => x.field)).toEqual(c.clashes)
      if (c.name.startsWith('sync fields')) expect(result.state?.content).not.toHaveProperty('teamId')
    })
  }

  it('reports both values of a clash', () => {
    const result = mergeMutation(base, input({ fields: { status: 'venter' }, baseRev: 4 }))
    expect(result.clashes).toEqual([{ field: 'status', yours: 'venter', theirs: 'ny' }])
  })

  it('two clients writing the same value unseen: an older edit of either clashes later, whichever arrived first', () => {
    for (const [first, second] of [[A, B], [B, A]] as const) {
      // From rev 3, `first` sets status 'venter' (rev 5) and `second` sets it too (rev 9) …
      const one = mergeMutation(base, input({ fields: { status: 'venter' }, baseRev: 5, clientId: first, rev: 6 }))
      const agreed = mergeMutation(one.state, input({ fields: { status: 'venter' }, baseRev: 3, clientId: second, rev: 9 }))
      expect(agreed.state?.stamps.status).toEqual({ rev: 9, clientId: AGREED })
      // … then each one's later edit from before the other's arrives: both clash, so neither wins unseen.
      for (const client of [first, second]) {
        const later = mergeMutation(agreed.state, input({ fields: { status: 'løst' }, baseRev: 3, clientId: client, rev: 10 }))
        expect(later.clashes).toEqual([{ field: 'status', yours: 'løst', theirs: 'venter' }])
      }
      // One who saw the agreed value edits it freely.
      expect(mergeMutation(agreed.state, input({ fields: { status: 'løst' }, baseRev: 9, clientId: first, rev: 11 })).outcome).toBe('updated')
    }
    // A put (a record sent again under another client id) is no agreement.
    expect(mergeMutation(base, input({ op: 'put', fields: { status: 'ny' }, clientId: 'client-C' })).outcome).toBe('unchanged')
  })

  it('stamps applied fields with the new rev and client', () => {
    const result = mergeMutation(base, input({ fields: { note: 'y' }, baseRev: 3, clientId: B, rev: 12 }))
    expect(result.state?.stamps.note).toEqual({ rev: 12, clientId: B })
    expect(result.state?.stamps.status).toEqual(base.stamps.status)
  })

  it('moves updatedAt forward only with a real change and never backwards', () => {
    expect(mergeMutation(base, input({ fields: { updatedAt: 900 }, baseRev: 9 })).outcome).toBe('unchanged')
    expect(mergeMutation(base, input({ fields: { note: 'z', updatedAt: 900 }, baseRev: 9 })).state?.content.updatedAt).toBe(900)
    expect(mergeMutation(base, input({ fields: { note: 'z', updatedAt: 50 }, baseRev: 9 })).state?.content.updatedAt).toBe(200)
  })

  it('patching a record the server does not have changes nothing', () => {
    expect(mergeMutation(null, input({ fields: { note: 'y' } }))).toEqual({ outcome: 'unchanged', state: null, clashes: [] })
  })
})

describe('mergeMutation: put', () => {
  const fields = { id: 'r1', teamId: 't1', createdBy: 'p1', rev: 0, deletedAt: null, createdAt: 10, updatedAt: 10, note: 'hej' }

  it('inserts a new record with every content field stamped', () => {
    const result = mergeMutation(null, input({ op: 'put', fields, clientId: B, rev: 4 }))
    expect(result.outcome).toBe('inserted')
    expect(result.state).toEqual({
      content: { createdAt: 10, updatedAt: 10, note: 'hej' },
      stamps: { note: { rev: 4, clientId: B } }, deletedAt: null, origin: B,
    })
  })

  it('is a no-op when the same client puts an existing id again (replay after a lost response)', () => {
    const result = mergeMutation(base, input({ op: 'put', fields: { ...fields, note: 'other' }, clientId: A }))
    expect(result.outcome).toBe('unchanged')
    expect(result.state).toBe(base)
  })

  it('merges like a patch from rev 0 when another client puts an existing id', () => {
    const result = mergeMutation(base, input({ op: 'put', fields: { ...fields, note: 'x', status: 'løst' }, clientId: 'client-C' }))
    expect(result.outcome).toBe('unchanged')
    expect(result.clashes.map((c) => c.field)).toEqual(['status'])
  })
})

describe('mergeMutation: delete wins', () => {
  const deleted = mergeMutation(base, input({ op: 'delete', now: 7000 }))

  it('wipes the content and leaves a tombstone', () => {
    expect(deleted.outcome).toBe('deleted')
    expect(deleted.state).toEqual({ content: { createdAt: 100, updatedAt: 7000 }, stamps: {}, deletedAt: 7000, origin: A })
  })

  const later: Array<[string, Partial<MergeInput>]> = [
    ['a later patch', { op: 'patch', fields: { status: 'løst' }, baseRev: 99 }],
    ['a later put', { op: 'put', fields: { id: 'r1', note: 'back' }, clientId: 'client-C' }],
    ['a second delete', { op: 'delete' }],
  ]
  for (const [name, partial] of later) {
    it(`${name} does not revive or change the tombstone`, () => {
      const result = mergeMutation(deleted.state, input(partial))
      expect(result.outcome).toBe('unchanged')
      expect(result.state).toBe(deleted.state)
    })
  }

  it('deleting a record the server never had changes nothing', () => {
    expect(mergeMutation(null, input({ op: 'delete' })).outcome).toBe('unchanged')
  })
})

describe('sameValue', () => {
  const cases: Array<[unknown, unknown, boolean]> = [
    [1, 1, true], ['a', 'b', false], [null, null, true], [null, {}, false],
    [[1, 2], [1, 2], true], [[1, 2], [2, 1], false], [[], {}, false],
    [{ a: 1, b: [{ c: 2 }] }, { b: [{ c: 2 }], a: 1 }, true], [{ a: 1 }, { a: 1, b: undefined }, false],
  ]
  for (const [a, b, expected] of cases) {
    it(`${JSON.stringify(a)} vs ${JSON.stringify(b)} → ${expected}`, () => expect(sameValue(a, b)).toBe(expected))
  }
})
