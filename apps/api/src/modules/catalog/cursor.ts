import type { Keyset } from './queries.ts'
import type { CatalogSort } from './schemas.ts'
import { badRequest } from '../../lib/problem.ts'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** What a sort key looks like, per sort: score, adoption count, creation time as PostgreSQL prints it in UTC, folded name. */
const keyPatterns: Record<CatalogSort, RegExp> = {
  relevance: /^\d+(?:\.\d+)?$/,
  adoptions: /^\d{1,9}$/,
  newest: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?\+00$/,
  name: /^[^\u0000]{0,200}$/,
}

/**
 * Opaque cursor for keyset pagination: the sort it belongs to plus the last row's sort key and id.
 * Keyset rather than offset, so that pages stay stable and fast however deep a client pages.
 */
export function encodeCursor(sort: CatalogSort, keyset: Keyset): string {
  return Buffer.from(JSON.stringify([sort, keyset.key, keyset.id])).toString('base64url')
}

export function decodeCursor(cursor: string, sort: CatalogSort): Keyset {
  const invalid = () => badRequest('The cursor is invalid. Use the nextCursor of the previous page unchanged, with the same q, filters and sort.', [
    { pointer: '/query/cursor', message: 'is not a cursor issued for this query' },
  ])
  let parsed: unknown
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  }
  catch {
    throw invalid()
  }
  if (!Array.isArray(parsed) || parsed.length !== 3)
    throw invalid()
  const [cursorSort, key, id] = parsed as unknown[]
  if (cursorSort !== sort || typeof key !== 'string' || typeof id !== 'string' || !UUID.test(id) || !keyPatterns[sort].test(key))
    throw invalid()
  return { key, id }
}
