import type { Database } from '@kas/db'
import type { FastifyBaseLogger } from 'fastify'
import { createHmac } from 'node:crypto'
import { EXPIRING_SOON_DAYS, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { utcTimestamp } from '../../lib/sql.ts'
import { internalAddressProblem } from './webhook-address.ts'

/** Webhook calls give up after this many attempts; the delivery log then shows "failed". */
export const MAX_WEBHOOK_ATTEMPTS = 8
const DELIVERY_TIMEOUT_MS = 10_000
/** A claimed delivery is retried after this long if the process stopped while calling. */
const CLAIM_LEASE = '5 minutes'
const EXPIRY_SCAN_INTERVAL_MS = 60 * 60 * 1000

/** Seconds until the next attempt after `attempts` failed ones: 30 s, 2 min, 8 min, 32 min, … at most 6 h. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 4 ** (attempts - 1), 6 * 60 * 60)
}

/** `X-Signature` value: HMAC-SHA256 over "<timestamp>.<body>" with the organization's secret. */
export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/** Raises "expiring within 60 days" and "expired" once per app and certificate validity date. */
async function scanCertificationExpiry(db: Database): Promise<void> {
  await db.execute(sql`
    INSERT INTO outbox_events (type, app_id, payload, dedupe_key)
    SELECT CASE WHEN certified_until < CURRENT_DATE THEN 'certification.expired' ELSE 'certification.expiring' END::notification_type,
           id, jsonb_build_object('certifiedUntil', certified_until::text),
           CASE WHEN certified_until < CURRENT_DATE THEN 'certification.expired:' ELSE 'certification.expiring:' END || id || ':' || certified_until::text
    FROM apps
    WHERE status = 'certified' AND certified_until < CURRENT_DATE + ${EXPIRING_SOON_DAYS}::int
    ON CONFLICT (dedupe_key) DO NOTHING`)
}

/** Turns pending outbox events into feed entries and webhook deliveries for the app's active subscribers. */
async function fanOut(db: Database): Promise<number> {
  const dispatched = await selectRows<{ id: number }>(db, sql`
    WITH batch AS (
      SELECT id, app_id FROM outbox_events WHERE dispatched_at IS NULL ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED
    ), recipients AS (
      SELECT b.id AS event_id, s.organization_id FROM batch b JOIN subscriptions s ON s.app_id = b.app_id AND s.status = 'active'
    ), feed AS (
      INSERT INTO notifications (organization_id, event_id) SELECT organization_id, event_id FROM recipients
      ON CONFLICT (event_id, organization_id) DO NOTHING
    ), hooks AS (
      INSERT INTO webhook_deliveries (organization_id, event_id, url)
      SELECT r.organization_id, r.event_id, w.url FROM recipients r JOIN webhooks w ON w.organization_id = r.organization_id
      ON CONFLICT (event_id, organization_id) DO NOTHING
    )
    UPDATE outbox_events SET dispatched_at = now() WHERE id IN (SELECT id FROM batch) RETURNING id`)
  return dispatched.length
}

interface ClaimedDelivery { id: string, attempts: number, url: string | null, secret: string | null, body: Record<string, unknown> }

/** Claims due deliveries (a lease, so a stopped process's claims come back), then calls each webhook. */
async function deliverDue(db: Database, log: FastifyBaseLogger, allowInternal: boolean): Promise<{ delivered: number, failed: number }> {
  const claimed = await selectRows<ClaimedDelivery>(db, sql`
    WITH due AS (
      SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= now()
      ORDER BY next_attempt_at LIMIT 20 FOR UPDATE SKIP LOCKED
    ), claimed AS (
      UPDATE webhook_deliveries d SET attempts = d.attempts + 1, last_attempt_at = now(), next_attempt_at = now() + ${CLAIM_LEASE}::interval
      FROM due WHERE d.id = due.id RETURNING d.id, d.attempts, d.organization_id, d.event_id
    )
    SELECT c.id, c.attempts, w.url, w.secret,
           jsonb_build_object('id', e.id::text, 'type', e.type, 'occurredAt', ${utcTimestamp(sql`e.created_at`)},
             'app', jsonb_build_object('slug', a.slug, 'name', a.name), 'organization', jsonb_build_object('slug', o.slug, 'name', o.name),
             'data', e.payload) AS body
    FROM claimed c
    JOIN outbox_events e ON e.id = c.event_id JOIN apps a ON a.id = e.app_id JOIN organizations o ON o.id = c.organization_id
    LEFT JOIN webhooks w ON w.organization_id = c.organization_id`)

  let delivered = 0
  let failed = 0
  await Promise.all(claimed.map(async (delivery) => {
    const outcome = await callWebhook(delivery, allowInternal)
    if (outcome.ok) {
      delivered++
      await db.execute(sql`
        UPDATE webhook_deliveries SET status = 'delivered', delivered_at = now(), last_status_code = ${outcome.statusCode}, last_error = NULL, url = ${delivery.url}
        WHERE id = ${delivery.id}`)
      return
    }
    failed++
    log.warn({ delivery: delivery.id, attempts: delivery.attempts, error: outcome.error }, 'webhook delivery failed')
    const giveUp = delivery.attempts >= MAX_WEBHOOK_ATTEMPTS || delivery.url === null
    await db.execute(sql`
      UPDATE webhook_deliveries SET last_status_code = ${outcome.statusCode}, last_error = ${outcome.error},
        status = ${giveUp ? 'failed' : 'pending'}::webhook_delivery_status,
        next_attempt_at = now() + make_interval(secs => ${retryDelaySeconds(delivery.attempts)})
      WHERE id = ${delivery.id}`)
  }))
  return { delivered, failed }
}

async function callWebhook(delivery: ClaimedDelivery, allowInternal: boolean): Promise<{ ok: boolean, statusCode: number | null, error: string | null }> {
  if (!delivery.url || !delivery.secret)
    return { ok: false, statusCode: null, error: 'The organization removed its webhook.' }
  // Checked again at each call: the name may resolve differently than when the webhook was set.
  const internal = allowInternal ? undefined : await internalAddressProblem(new URL(delivery.url).hostname)
  if (internal)
    return { ok: false, statusCode: null, error: internal }
  const body = JSON.stringify(delivery.body)
  const timestamp = String(Math.floor(Date.now() / 1000))
  try {
    const response = await fetch(delivery.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'Kommunaler-App-Store-Webhooks/1',
        'x-event-id': String(delivery.body.id),
        'x-signature-timestamp': timestamp,
        'x-signature': signWebhook(delivery.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(DELIVERY_TIMEOUT_MS),
    })
    await response.body?.cancel()
    return response.ok
      ? { ok: true, statusCode: response.status, error: null }
      : { ok: false, statusCode: response.status, error: `The receiver answered HTTP ${response.status}.` }
  }
  catch (error) {
    return { ok: false, statusCode: null, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) }
  }
}

/**
 * Background work of the notifications: the expiry check (hourly), fan-out of outbox events, and
 * webhook calls. `runOnce` does one round; `start` repeats it every `intervalMs` until `stop`.
 */
export class NotificationWorker {
  private timer: NodeJS.Timeout | undefined
  private running: Promise<unknown> | undefined
  private lastExpiryScan = 0
  private stopped = true

  constructor(private readonly db: Database, private readonly log: FastifyBaseLogger, private readonly intervalMs: number, private readonly allowInternalAddresses = true) {}

  async runOnce(): Promise<{ dispatched: number, delivered: number, failed: number }> {
    if (Date.now() - this.lastExpiryScan >= EXPIRY_SCAN_INTERVAL_MS) {
      await scanCertificationExpiry(this.db)
      this.lastExpiryScan = Date.now()
    }
    let dispatched = 0
    for (let batch = await fanOut(this.db); batch > 0; batch = await fanOut(this.db))
      dispatched += batch
    return { dispatched, ...await deliverDue(this.db, this.log, this.allowInternalAddresses) }
  }

  start(): void {
    this.stopped = false
    const tick = () => {
      this.running = this.runOnce()
        .catch(error => this.log.error({ err: error }, 'notification worker round failed'))
        .finally(() => {
          if (!this.stopped)
            this.timer = setTimeout(tick, this.intervalMs)
        })
    }
    tick()
  }

  async stop(): Promise<void> {
    this.stopped = true
    clearTimeout(this.timer)
    await this.running
  }
}
