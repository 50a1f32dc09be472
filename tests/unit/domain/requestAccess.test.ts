import { describe, expect, it } from 'vitest'
import { mayDeleteRequest } from '../../../src/domain/requestAccess.ts'
import type { Role } from '../../../src/domain/records/person.ts'

const theirs = { createdBy: 'mette', assigneeId: 'mette' }

describe('who may delete a request', () => {
  it.each<[string, Role | null, { createdBy: string; assigneeId: string | null }, boolean]>([
    ['the superbruger who logged it', 'superbruger', { createdBy: 'me', assigneeId: 'mette' }, true],
    ['the superbruger responsible for it', 'superbruger', { createdBy: 'mette', assigneeId: 'me' }, true],
    ["a superbruger, a colleague's request", 'superbruger', theirs, false],
    ["a superbruger, a colleague's request with nobody responsible", 'superbruger', { createdBy: 'mette', assigneeId: null }, false],
    ['the koordinator', 'koordinator', theirs, true],
    ['an admin', 'admin', theirs, true],
    ['a leder, even their own', 'leder', { createdBy: 'me', assigneeId: 'me' }, false],
    ['no sign-in: the device is its own', null, theirs, true],
  ])('%s → %s', (_name, role, request, allowed) => {
    expect(mayDeleteRequest(role, 'me', request)).toBe(allowed)
  })
})
