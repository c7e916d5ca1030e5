import { bigserial, char, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Append-only, hash-chained record of every state change. `hash` is the SHA-256 of the
 * event's canonical content including `prevHash`, so altering any stored event breaks the chain.
 * Migration 0002 installs a trigger that refuses UPDATE and DELETE.
 */
export const auditEvents = pgTable('audit_events', {
  id: bigserial('id', { mode: 'number' }).primaryKey(),
  occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
  actorUserId: uuid('actor_user_id'),
  actorOrganizationId: uuid('actor_organization_id'),
  action: text('action').notNull(),
  entityType: text('entity_type').notNull(),
  entityId: text('entity_id').notNull(),
  /** The app the event belongs to, for the app's public certification history. */
  appId: uuid('app_id'),
  payload: jsonb('payload').notNull(),
  prevHash: char('prev_hash', { length: 64 }),
  hash: char('hash', { length: 64 }).notNull().unique(),
}, t => [
  index('audit_events_entity_idx').on(t.entityType, t.entityId),
  index('audit_events_app_idx').on(t.appId, t.id),
])
