import { sql } from 'drizzle-orm'
import { check, date, index, integer, jsonb, pgSequence, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { apps, releases } from './apps.ts'
import { certificationRequestStatusEnum, certificationStatusEnum, decisionOutcomeEnum } from './enums.ts'
import { users } from './organizations.ts'

export const certificationRequests = pgTable('certification_requests', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  releaseId: uuid('release_id').notNull().references(() => releases.id),
  status: certificationRequestStatusEnum('status').notNull().default('pending'),
  submittedBy: uuid('submitted_by').references(() => users.id),
  submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
  decidedAt: timestamp('decided_at', { withTimezone: true }),
}, t => [
  index('certification_requests_queue_idx').on(t.status, t.submittedAt),
  // At most one open request per app.
  uniqueIndex('certification_requests_one_pending_idx').on(t.appId).where(sql`${t.status} = 'pending'`),
])

/** A reviewer's decision, criterion by criterion; exactly one per request. */
export const certificationDecisions = pgTable('certification_decisions', {
  id: uuid('id').primaryKey().defaultRandom(),
  requestId: uuid('request_id').notNull().unique().references(() => certificationRequests.id),
  reviewerId: uuid('reviewer_id').references(() => users.id),
  outcome: decisionOutcomeEnum('outcome').notNull(),
  /** `[{ criterion, result: "met" | "not_met" | "not_applicable", note }]` */
  criteria: jsonb('criteria').notNull(),
  comment: text('comment').notNull().default(''),
  decidedAt: timestamp('decided_at', { withTimezone: true }).notNull().defaultNow(),
})

/** A certificate for one release line (major version) of an app. */
export const certifications = pgTable('certifications', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  releaseId: uuid('release_id').notNull().references(() => releases.id),
  requestId: uuid('request_id').references(() => certificationRequests.id),
  certificateNumber: text('certificate_number').notNull().unique(),
  /** The major version this certificate covers; minor and patch releases inherit it. */
  major: integer('major').notNull(),
  status: certificationStatusEnum('status').notNull().default('valid'),
  issuedAt: timestamp('issued_at', { withTimezone: true }).notNull().defaultNow(),
  /** Earliest expiry of the attestations the certification relied on. */
  validUntil: date('valid_until').notNull(),
  statusReason: text('status_reason'),
  statusChangedAt: timestamp('status_changed_at', { withTimezone: true }),
}, t => [
  check('certifications_major_non_negative', sql`${t.major} >= 0`),
  index('certifications_app_validity_idx').on(t.appId, t.status, t.validUntil),
])

/** Serial part of certificate numbers (LCIO-<year>-<serial>); starts above the demo data's numbers. */
export const certificateNumberSequence = pgSequence('certificate_number_seq', { startWith: 1000 })
