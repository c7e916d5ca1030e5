import type { Database } from '@kas/db'
import { canonicalJson, selectRows } from '@kas/db'
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { Problem } from './problem.ts'

export interface StoredResponse<T> {
  status: number
  body: T
  replayed: boolean
}

/** The Idempotency-Key header, if any: 1–200 printable characters. */
export function idempotencyKeyFrom(header: string | string[] | undefined): string | undefined {
  if (header === undefined)
    return undefined
  const key = Array.isArray(header) ? header[0] : header
  if (!/^[\x21-\x7E]{1,200}$/.test(key))
    throw new Problem(400, 'Bad Request', 'Idempotency-Key must be 1–200 visible ASCII characters.', [{ pointer: '/headers/idempotency-key', message: 'is malformed' }])
  return key
}

/**
 * Runs a creating operation at most once per (organization, key) inside `tx`. The key row is inserted
 * first: a concurrent request with the same key waits on it and then replays the stored response.
 * The same key with another request is refused with 422.
 */
export async function oncePerKey<T>(tx: Database, scope: { organizationId: string, key: string | undefined, request: unknown }, run: () => Promise<{ status: number, body: T }>): Promise<StoredResponse<T>> {
  if (!scope.key)
    return { ...await run(), replayed: false }
  const requestHash = createHash('sha256').update(canonicalJson(scope.request)).digest('hex')
  const claimed = await selectRows<{ claimed: number }>(tx, sql`
    INSERT INTO idempotency_keys (organization_id, key, request_hash, response_status, response_body)
    VALUES (${scope.organizationId}, ${scope.key}, ${requestHash}, 0, '{}'::jsonb)
    ON CONFLICT (organization_id, key) DO NOTHING RETURNING 1 AS claimed`)
  if (claimed.length === 0) {
    const [stored] = await selectRows<{ request_hash: string, response_status: number, response_body: T }>(tx, sql`
      SELECT request_hash, response_status, response_body FROM idempotency_keys
      WHERE organization_id = ${scope.organizationId} AND key = ${scope.key}`)
    if (stored.request_hash !== requestHash)
      throw new Problem(422, 'Unprocessable Content', 'This Idempotency-Key was used for a different request; use a new key for a new request.')
    return { status: stored.response_status, body: stored.response_body, replayed: true }
  }
  const result = await run()
  await tx.execute(sql`
    UPDATE idempotency_keys SET response_status = ${result.status}, response_body = ${JSON.stringify(result.body)}::jsonb
    WHERE organization_id = ${scope.organizationId} AND key = ${scope.key}`)
  return { ...result, replayed: false }
}
