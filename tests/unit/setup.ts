import 'fake-indexeddb/auto'
import { afterEach, beforeEach } from 'vitest'
import { db, useDatabase } from '../../src/db/database.ts'

let counter = 0

// A fresh database per test: no test sees another's records.
beforeEach(async () => {
  counter += 1
  useDatabase(`test-${Date.now()}-${counter}-${Math.random().toString(36).slice(2)}`)
  await db().open()
})

afterEach(async () => {
  const current = db()
  current.close()
  await current.delete()
})
