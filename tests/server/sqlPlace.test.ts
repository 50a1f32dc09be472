import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { expect, it } from 'vitest'

const SERVER = join(import.meta.dirname, '../../src/server')

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : []
  })
}

it('SQL lives in storage/: no other server file builds a query or imports a database driver', () => {
  const query = /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\.prepare\(|from 'kysely'|from 'better-sqlite3'|from 'pg'/
  const outside = sourceFiles(SERVER).map((file) => relative(SERVER, file)).filter((file) => !file.startsWith('storage/'))
  expect(outside.length).toBeGreaterThan(20)
  expect(outside.filter((file) => query.test(readFileSync(join(SERVER, file), 'utf8')))).toEqual([])
})
