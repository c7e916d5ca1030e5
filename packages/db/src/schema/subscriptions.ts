import { sql } from 'drizzle-orm'
import { bigint, char, check, date, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { apps } from './apps.ts'
import { deploymentModelEnum, sharingKeyEnum, subscriptionStatusEnum } from './enums.ts'
import { organizations } from './organizations.ts'
import { lands } from './reference.ts'

/** Nachnutzung: an organization's adoption of an app. */
export const subscriptions = pgTable('subscriptions', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  operatingModel: deploymentModelEnum('operating_model').notNull(),
  status: subscriptionStatusEnum('status').notNull().default('active'),
  startedOn: date('started_on').notNull().default(sql`CURRENT_DATE`),
  cancelledOn: date('cancelled_on'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  uniqueIndex('subscriptions_one_active_idx').on(t.appId, t.organizationId).where(sql`${t.status} = 'active'`),
  check('subscriptions_cancel_consistent', sql`(${t.status} = 'cancelled') = (${t.cancelledOn} IS NOT NULL)`),
  check('subscriptions_dates_ordered', sql`${t.cancelledOn} IS NULL OR ${t.cancelledOn} >= ${t.startedOn}`),
  index('subscriptions_org_idx').on(t.organizationId, t.status),
  index('subscriptions_app_idx').on(t.appId, t.status),
])

/**
 * Active subscriptions per app and Land of the subscriber, for "Nachnutzung nach Land" on the detail
 * page. Maintained by triggers on subscriptions and organizations in the same transaction (migration
 * 0017), so it always equals the count over the active subscriptions; a Land without any is absent.
 */
export const appAdoptionsByLand = pgTable('app_adoptions_by_land', {
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  landCode: char('land_code', { length: 2 }).notNull().references(() => lands.code),
  count: integer('count').notNull(),
}, t => [
  primaryKey({ columns: [t.appId, t.landCode] }),
  check('app_adoptions_by_land_positive', sql`${t.count} > 0`),
])

/** EfA price sheet of one app for one year; all money in integer cents. */
export const costModels = pgTable('cost_models', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  year: smallint('year').notNull(),
  annualCostCents: bigint('annual_cost_cents', { mode: 'number' }).notNull(),
  connectionFeeCents: bigint('connection_fee_cents', { mode: 'number' }).notNull().default(0),
  /** Part of the annual cost paid centrally, in percent (0–100). */
  centralFundingPercent: smallint('central_funding_percent').notNull().default(0),
  sharingKey: sharingKeyEnum('sharing_key').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  unique('cost_models_app_year_key').on(t.appId, t.year),
  check('cost_models_cents_non_negative', sql`${t.annualCostCents} >= 0 AND ${t.connectionFeeCents} >= 0`),
  check('cost_models_funding_percent', sql`${t.centralFundingPercent} BETWEEN 0 AND 100`),
  check('cost_models_year_range', sql`${t.year} BETWEEN 2000 AND 2100`),
])

/** Reported usage units (cases, users) for the `usage` sharing key. */
export const usageReports = pgTable('usage_reports', {
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  year: smallint('year').notNull(),
  units: integer('units').notNull(),
  reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.appId, t.organizationId, t.year] }),
  check('usage_reports_units_non_negative', sql`${t.units} >= 0`),
])

/**
 * Responses of creating POSTs by Idempotency-Key: the same key with the same body gets the stored
 * response again; the same key with another body is refused. Keys are scoped to the organization.
 */
export const idempotencyKeys = pgTable('idempotency_keys', {
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  key: text('key').notNull(),
  /** SHA-256 of method, path and canonical body. */
  requestHash: char('request_hash', { length: 64 }).notNull(),
  responseStatus: smallint('response_status').notNull(),
  responseBody: jsonb('response_body').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  primaryKey({ columns: [t.organizationId, t.key] }),
])
