import { sql } from 'drizzle-orm'
import { bigint, bigserial, check, index, integer, jsonb, pgEnum, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { apps } from './apps.ts'
import { organizations } from './organizations.ts'

/** What subscribers of an app are told about. */
export const notificationTypeValues = [
  'release.published',
  'certification.expiring',
  'certification.expired',
  'certification.suspended',
  'certification.revoked',
  'certification.reinstated',
  'cost_shares.changed',
  'app.retired',
] as const
export type NotificationType = (typeof notificationTypeValues)[number]
export const notificationTypeEnum = pgEnum('notification_type', notificationTypeValues)

export const webhookDeliveryStatusValues = ['pending', 'delivered', 'failed'] as const
export const webhookDeliveryStatusEnum = pgEnum('webhook_delivery_status', webhookDeliveryStatusValues)

/**
 * Transactional outbox: a change and the event about it are committed together, so no event is
 * lost when the process stops before it is delivered. A worker fans events out to feeds and webhooks.
 */
export const outboxEvents = pgTable('outbox_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  type: notificationTypeEnum('type').notNull(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  payload: jsonb('payload').notNull(),
  /** Set for events raised by periodic checks (expiry), so that each is raised once. */
  dedupeKey: text('dedupe_key').unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  dispatchedAt: timestamp('dispatched_at', { withTimezone: true }),
}, t => [
  index('outbox_events_pending_idx').on(t.id).where(sql`${t.dispatchedAt} IS NULL`),
])

/** An organization's notification feed. */
export const notifications = pgTable('notifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => outboxEvents.id, { onDelete: 'cascade' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  readAt: timestamp('read_at', { withTimezone: true }),
}, t => [
  unique('notifications_event_org_key').on(t.eventId, t.organizationId),
  index('notifications_feed_idx').on(t.organizationId, t.createdAt, t.id),
])

/** One webhook per organization; the secret signs every call (HMAC-SHA256). */
export const webhooks = pgTable('webhooks', {
  organizationId: uuid('organization_id').primaryKey().references(() => organizations.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  secret: text('secret').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
})

/** Delivery log of webhook calls, with retries and backoff. */
export const webhookDeliveries = pgTable('webhook_deliveries', {
  id: uuid('id').primaryKey().defaultRandom(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  eventId: bigint('event_id', { mode: 'number' }).notNull().references(() => outboxEvents.id, { onDelete: 'cascade' }),
  url: text('url').notNull(),
  status: webhookDeliveryStatusEnum('status').notNull().default('pending'),
  attempts: smallint('attempts').notNull().default(0),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
  lastStatusCode: integer('last_status_code'),
  lastError: text('last_error'),
  deliveredAt: timestamp('delivered_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  unique('webhook_deliveries_event_org_key').on(t.eventId, t.organizationId),
  index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} = 'pending'`),
  index('webhook_deliveries_org_idx').on(t.organizationId, t.createdAt),
  check('webhook_deliveries_attempts', sql`${t.attempts} >= 0`),
])
