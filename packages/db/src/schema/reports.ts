import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, smallint, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { apps, releases } from './apps.ts'
import { organizations } from './organizations.ts'

/** Experience report of an adopting organization; one per organization and app. */
export const experienceReports = pgTable('experience_reports', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  releaseId: uuid('release_id').references(() => releases.id),
  rating: smallint('rating').notNull(),
  body: text('body').notNull(),
  vendorReply: text('vendor_reply'),
  vendorRepliedAt: timestamp('vendor_replied_at', { withTimezone: true }),
  hidden: boolean('hidden').notNull().default(false),
  hiddenReason: text('hidden_reason'),
  /** Bumped on every edit; the ETag for If-Match. */
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  unique('experience_reports_app_org_key').on(t.appId, t.organizationId),
  check('experience_reports_rating_range', sql`${t.rating} BETWEEN 1 AND 5`),
  check('experience_reports_hidden_has_reason', sql`NOT ${t.hidden} OR ${t.hiddenReason} IS NOT NULL`),
  index('experience_reports_app_idx').on(t.appId, t.createdAt),
])
