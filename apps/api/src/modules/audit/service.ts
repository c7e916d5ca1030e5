import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { AuditEventSchema, AuditListQuerySchema, HistoryEventSchema } from './schemas.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { notFound } from '../../lib/problem.ts'

type AuditEvent = Static<typeof AuditEventSchema>

interface AuditRow {
  id: number
  occurred_at: Date | string
  action: string
  entity_type: string
  entity_id: string
  actor_slug: string | null
  actor_name: string | null
  payload: Record<string, unknown>
  hash: string
  prev_hash: string | null
}

/** Newest first, filtered, paged by event id (the chain's order). */
export async function listAuditEvents(db: Database, query: Static<typeof AuditListQuerySchema>): Promise<{ items: AuditEvent[], nextCursor: string | null }> {
  const limit = query.limit ?? 50
  const conditions = [
    query.app ? sql`e.app_id = (SELECT id FROM apps WHERE slug = ${query.app})` : undefined,
    query.entityType ? sql`e.entity_type = ${query.entityType}` : undefined,
    query.action ? sql`e.action = ${query.action}` : undefined,
    query.cursor ? sql`e.id < ${Number(query.cursor)}` : undefined,
  ].filter(c => c !== undefined)
  const rows = await selectRows<AuditRow>(db, sql`
    SELECT e.id::int AS id, e.occurred_at, e.action, e.entity_type, e.entity_id, o.slug AS actor_slug, o.name AS actor_name,
           e.payload, e.hash, e.prev_hash
    FROM audit_events e LEFT JOIN organizations o ON o.id = e.actor_organization_id
    WHERE ${conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`}
    ORDER BY e.id DESC LIMIT ${limit + 1}`)
  const page = rows.slice(0, limit)
  return {
    items: page.map(row => ({
      id: row.id,
      occurredAt: new Date(row.occurred_at).toISOString(),
      action: row.action,
      entityType: row.entity_type,
      entityId: row.entity_id,
      actorOrganization: row.actor_slug && row.actor_name ? { slug: row.actor_slug, name: row.actor_name } : null,
      payload: row.payload,
      hash: row.hash,
      prevHash: row.prev_hash,
    })),
    nextCursor: rows.length > limit ? String(page.at(-1)!.id) : null,
  }
}

/**
 * The public certification timeline of a catalogue app: what was published, attested and decided,
 * and by which organization, oldest first. People are not named in public.
 */
export async function appHistory(db: Database, slug: string): Promise<Static<typeof HistoryEventSchema>[]> {
  const [app] = await selectRows<{ id: string }>(db, sql`
    SELECT id FROM apps WHERE slug = ${slug} AND status = 'certified' AND certified_until >= CURRENT_DATE`)
  if (!app)
    throw notFound('App', slug)
  const rows = await selectRows<{ occurred_at: Date | string, action: string, actor_name: string | null, payload: Record<string, unknown> }>(db, sql`
    SELECT e.occurred_at, e.action, o.name AS actor_name, e.payload
    FROM audit_events e LEFT JOIN organizations o ON o.id = e.actor_organization_id
    WHERE e.app_id = ${app.id}
    ORDER BY e.id`)
  return rows.map(row => ({ occurredAt: new Date(row.occurred_at).toISOString(), action: row.action, actorOrganization: row.actor_name, details: row.payload }))
}
