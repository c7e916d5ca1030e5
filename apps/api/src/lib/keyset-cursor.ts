import { badRequest } from './problem.ts'

/**
 * Opaque cursor for keyset pagination of simple lists: the last row's sort values, each checked
 * against a pattern when it comes back, so a forged cursor is a 400 and never reaches SQL unchecked.
 */
export function encodeKeyset(values: string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url')
}

export function decodeKeyset(cursor: string, patterns: RegExp[]): string[] {
  const invalid = badRequest('The cursor is invalid. Use the nextCursor of the previous page unchanged, with the same filters.', [
    { pointer: '/query/cursor', message: 'is not a cursor issued for this list' },
  ])
  let values: unknown
  try {
    values = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
  }
  catch {
    throw invalid
  }
  if (!Array.isArray(values) || values.length !== patterns.length || !values.every((value, i) => typeof value === 'string' && patterns[i].test(value)))
    throw invalid
  return values as string[]
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/
export const ISO_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/
