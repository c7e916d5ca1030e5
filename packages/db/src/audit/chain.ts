import type { Database } from '../client.ts'
import { createHash } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { selectRows } from '../rows.ts'
import { auditEvents } from '../schema/audit.ts'

/** The part of an audit event that its hash covers. */
export interface AuditContent {
  occurredAt: string
  actorUserId: string | null
  actorOrganizationId: string | null
  action: string
  entityType: string
  entityId: string
  appId: string | null
  payload: unknown
  prevHash: string | null
}

/** JSON with object keys sorted at every level, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value))
    return `[${value.map(canonicalJson).join(',')}]`
  if (value && typeof value === 'object')
    return `{${Object.keys(value).sort().map(key => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`).join(',')}}`
  return JSON.stringify(value ?? null)
}

export function hashAuditContent(content: AuditContent): string {
  return createHash('sha256').update(canonicalJson(content)).digest('hex')
}

export interface AuditEventInput {
  actorUserId?: string | null
  actorOrganizationId?: string | null
  action: string
  entityType: string
  entityId: string
  appId?: string | null
  payload: Record<string, unknown>
}

/**
 * Appends an event to the hash chain. Call it inside the transaction that makes the change, so the
 * change and its record commit together or not at all. The advisory lock serialises appends: two
 * concurrent transactions would otherwise both link to the same predecessor and fork the chain.
 */
export async function appendAuditEvent(tx: Database, input: AuditEventInput): Promise<{ id: number, hash: string }> {
  await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('audit_events'))`)
  const [previous] = await selectRows<{ hash: string }>(tx, sql`SELECT hash FROM audit_events ORDER BY id DESC LIMIT 1`)
  const content: AuditContent = {
    occurredAt: new Date().toISOString(),
    actorUserId: input.actorUserId ?? null,
    actorOrganizationId: input.actorOrganizationId ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    appId: input.appId ?? null,
    // Stored as jsonb and read back for verification, so hash what jsonb will give back.
    payload: JSON.parse(JSON.stringify(input.payload)),
    prevHash: previous?.hash ?? null,
  }
  const hash = hashAuditContent(content)
  const [row] = await tx.insert(auditEvents).values({ ...content, occurredAt: new Date(content.occurredAt), hash }).returning({ id: auditEvents.id })
  return { id: row.id, hash }
}

export type AuditVerification =
  | { ok: true, events: number, lastHash: string | null }
  | { ok: false, events: number, brokenAt: number, reason: string }

/** Recomputes every hash and link in order; reports the first event that does not match. */
export async function verifyAuditChain(db: Database, batchSize = 1000): Promise<AuditVerification> {
  let previousHash: string | null = null
  let afterId = 0
  let count = 0
  for (;;) {
    const rows = await selectRows<{ id: number, occurred_at: Date | string, actor_user_id: string | null, actor_organization_id: string | null, action: string, entity_type: string, entity_id: string, app_id: string | null, payload: unknown, prev_hash: string | null, hash: string }>(db, sql`
      SELECT id::int AS id, occurred_at, actor_user_id, actor_organization_id, action, entity_type, entity_id, app_id, payload, prev_hash, hash
      FROM audit_events WHERE id > ${afterId} ORDER BY id LIMIT ${batchSize}`)
    if (rows.length === 0)
      return { ok: true, events: count, lastHash: previousHash }
    for (const row of rows) {
      count++
      if (row.prev_hash !== previousHash)
        return { ok: false, events: count, brokenAt: row.id, reason: 'prevHash does not match the previous event\'s hash (an event was removed, inserted or reordered)' }
      const expected = hashAuditContent({
        occurredAt: new Date(row.occurred_at).toISOString(),
        actorUserId: row.actor_user_id,
        actorOrganizationId: row.actor_organization_id,
        action: row.action,
        entityType: row.entity_type,
        entityId: row.entity_id,
        appId: row.app_id,
        payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
        prevHash: row.prev_hash,
      })
      if (expected !== row.hash)
        return { ok: false, events: count, brokenAt: row.id, reason: 'the stored content does not match its hash (the event was altered)' }
      previousHash = row.hash
      afterId = row.id
    }
  }
}
