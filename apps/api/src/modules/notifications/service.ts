import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { DeliverySchema, MarkReadBodySchema, NotificationPageSchema, NotificationQuerySchema, WebhookSchema, WebhookWithSecretSchema } from './schemas.ts'
import { randomBytes } from 'node:crypto'
import { appendAuditEvent, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { decodeKeyset, encodeKeyset, ISO_TIMESTAMP_PATTERN, UUID_PATTERN } from '../../lib/keyset-cursor.ts'
import { Problem } from '../../lib/problem.ts'
import { preciseUtcTimestamp, utcTimestamp } from '../../lib/sql.ts'
import { internalAddressProblem } from './webhook-address.ts'

type NotificationPage = Static<typeof NotificationPageSchema>


/** The organization's feed, newest first. */
export async function listNotifications(db: Database, principal: Principal, query: Static<typeof NotificationQuerySchema>): Promise<NotificationPage> {
  const after = query.cursor ? decodeKeyset(query.cursor, [ISO_TIMESTAMP_PATTERN, UUID_PATTERN]) : undefined
  const rows = await selectRows<NotificationPage['items'][number] & { cursorAt: string }>(db, sql`
    SELECT n.id, e.type::text AS type, json_build_object('slug', a.slug, 'name', a.name) AS app, e.payload AS data,
           ${utcTimestamp(sql`n.created_at`)} AS "createdAt", ${utcTimestamp(sql`n.read_at`)} AS "readAt",
           ${preciseUtcTimestamp(sql`n.created_at`)} AS "cursorAt"
    FROM notifications n JOIN outbox_events e ON e.id = n.event_id JOIN apps a ON a.id = e.app_id
    WHERE n.organization_id = ${principal.organization.id}
      ${query.unread ? sql`AND n.read_at IS NULL` : sql``}
      ${after ? sql`AND (n.created_at, n.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
    ORDER BY n.created_at DESC, n.id DESC
    LIMIT ${query.limit + 1}`)
  const [{ unread }] = await selectRows<{ unread: number }>(db, sql`
    SELECT count(*)::int AS unread FROM notifications WHERE organization_id = ${principal.organization.id} AND read_at IS NULL`)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(({ cursorAt: _cursorAt, ...item }) => item),
    unread,
    nextCursor: rows.length > query.limit && last ? encodeKeyset([last.cursorAt, last.id]) : null,
  }
}

/** Marks the given (own) notifications, or all of them, as read; returns how many stay unread. */
export async function markRead(db: Database, principal: Principal, body: Static<typeof MarkReadBodySchema>): Promise<{ unread: number }> {
  const which = 'all' in body ? sql`` : sql`AND id = ANY(${`{${body.ids.join(',')}}`}::uuid[])`
  await db.execute(sql`UPDATE notifications SET read_at = now() WHERE organization_id = ${principal.organization.id} AND read_at IS NULL ${which}`)
  const [{ unread }] = await selectRows<{ unread: number }>(db, sql`
    SELECT count(*)::int AS unread FROM notifications WHERE organization_id = ${principal.organization.id} AND read_at IS NULL`)
  return { unread }
}

export async function getWebhook(db: Database, principal: Principal): Promise<Static<typeof WebhookSchema> | null> {
  const [webhook] = await selectRows<Static<typeof WebhookSchema>>(db, sql`
    SELECT url, ${utcTimestamp(sql`created_at`)} AS "createdAt" FROM webhooks WHERE organization_id = ${principal.organization.id}`)
  return webhook ?? null
}

/**
 * Sets the organization's webhook with a new secret (shown once). Production allows only https to
 * public addresses, so that signed events never travel in clear text nor into the store's network.
 */
export async function setWebhook(db: Database, principal: Principal, url: string, options: { allowHttp: boolean }): Promise<Static<typeof WebhookWithSecretSchema>> {
  const parsed = new URL(url)
  const allowed = options.allowHttp ? ['https:', 'http:'] : ['https:']
  if (!allowed.includes(parsed.protocol) || parsed.username || parsed.password)
    throw new Problem(422, 'Unprocessable Content', `The webhook needs an ${allowed.join(' or ')} address without user name or password.`, [{ pointer: '/body/url', message: `must be ${allowed.join(' or ')}` }])
  // In production a webhook may not point into the server's own network (SSRF).
  const problem = options.allowHttp ? undefined : await internalAddressProblem(parsed.hostname)
  if (problem)
    throw new Problem(422, 'Unprocessable Content', problem, [{ pointer: '/body/url', message: 'must be a public address' }])
  const secret = randomBytes(32).toString('base64url')
  return db.transaction(async (tx) => {
    const [webhook] = await selectRows<Static<typeof WebhookWithSecretSchema>>(tx, sql`
      INSERT INTO webhooks (organization_id, url, secret) VALUES (${principal.organization.id}, ${parsed.href}, ${secret})
      ON CONFLICT (organization_id) DO UPDATE SET url = EXCLUDED.url, secret = EXCLUDED.secret, created_at = now()
      RETURNING url, secret, ${utcTimestamp(sql`created_at`)} AS "createdAt"`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, action: 'webhook.set', entityType: 'webhook', entityId: principal.organization.id, payload: { url: parsed.href } })
    return webhook
  })
}

export async function removeWebhook(db: Database, principal: Principal): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await selectRows<{ url: string }>(tx, sql`DELETE FROM webhooks WHERE organization_id = ${principal.organization.id} RETURNING url`)
    if (removed.length === 0)
      throw new Problem(404, 'Not Found', 'Your organization has no webhook.')
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, action: 'webhook.removed', entityType: 'webhook', entityId: principal.organization.id, payload: { url: removed[0].url } })
  })
}

/** The organization's webhook delivery log, newest first (last 100). */
export async function listDeliveries(db: Database, principal: Principal): Promise<Static<typeof DeliverySchema>[]> {
  return selectRows<Static<typeof DeliverySchema>>(db, sql`
    SELECT d.id, e.type::text AS type, json_build_object('slug', a.slug, 'name', a.name) AS app, d.url, d.status::text AS status, d.attempts,
           d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", ${utcTimestamp(sql`d.last_attempt_at`)} AS "lastAttemptAt",
           CASE WHEN d.status = 'pending' THEN ${utcTimestamp(sql`d.next_attempt_at`)} END AS "nextAttemptAt",
           ${utcTimestamp(sql`d.delivered_at`)} AS "deliveredAt", ${utcTimestamp(sql`d.created_at`)} AS "createdAt"
    FROM webhook_deliveries d JOIN outbox_events e ON e.id = d.event_id JOIN apps a ON a.id = e.app_id
    WHERE d.organization_id = ${principal.organization.id}
    ORDER BY d.created_at DESC, d.id DESC LIMIT 100`)
}
