import type { FastifyInstance } from 'fastify'
import { ApiError } from '../errors.ts'

/** Keys that name JavaScript's object machinery; no API input has a field called so. */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype'])

/**
 * Why a parsed value must be refused: a NUL character in a string or key, or a prototype key;
 * null when it is clean. Iterative, so a deeply nested body cannot overflow the stack.
 */
export function hostileInputReason(value: unknown): string | null {
  const pending: unknown[] = [value]
  while (pending.length > 0) {
    const item = pending.pop()
    if (ArrayBuffer.isView(item)) continue
    if (typeof item === 'string') {
      if (item.includes('\u0000')) return 'contains the character U+0000, which cannot be stored'
    } else if (Array.isArray(item)) {
      for (const child of item) pending.push(child)
    } else if (item !== null && typeof item === 'object') {
      for (const [key, child] of Object.entries(item)) {
        if (key.includes('\u0000')) return 'contains the character U+0000, which cannot be stored'
        if (PROTOTYPE_KEYS.has(key)) return `uses the reserved key "${key}"`
        pending.push(child)
      }
    }
  }
  return null
}

/**
 * Refuses, with a 400 and a reason, any request whose query, path parameters or body hold a NUL
 * character or a prototype key, before any handler runs:
 * - PostgreSQL cannot store U+0000 in text and fails the query (a 500 for e.g. a sign-in e-mail
 *   or a record id holding one), where SQLite would store it: refusing keeps both back ends alike.
 * - valibot's `record` silently drops `constructor` and `prototype` keys, so a push field named
 *   so slipped past the strict per-table schema instead of being refused like any unknown field.
 */
export function registerInputGuard(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const inUrl = hostileInputReason(request.query) ?? hostileInputReason(request.params)
    if (inUrl) throw new ApiError(400, 'invalid_query', inUrl)
    const inBody = hostileInputReason(request.body)
    if (inBody) throw new ApiError(400, 'invalid_body', inBody)
  })
}
