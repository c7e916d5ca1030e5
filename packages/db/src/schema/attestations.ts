import { sql } from 'drizzle-orm'
import { char, check, date, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { apps, releases } from './apps.ts'
import { attestationKindEnum } from './enums.ts'

/** An externally issued statement about an app or one of its releases (DOMAIN.md "Attestation kinds"). */
export const attestations = pgTable('attestations', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  /** Set when the attestation concerns one release only (e.g. a penetration test). */
  releaseId: uuid('release_id').references(() => releases.id, { onDelete: 'cascade' }),
  kind: attestationKindEnum('kind').notNull(),
  issuer: text('issuer').notNull(),
  issuedOn: date('issued_on').notNull(),
  validUntil: date('valid_until').notNull(),
  evidenceUrl: text('evidence_url').notNull(),
  evidenceSha256: char('evidence_sha256', { length: 64 }).notNull(),
  /** Kind-specific facts, e.g. `{ "standard": "XMeld", "version": "3.3" }` or `{ "level": 3 }`. */
  details: jsonb('details').notNull().default(sql`'{}'::jsonb`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  check('attestations_dates_ordered', sql`${t.validUntil} > ${t.issuedOn}`),
  check('attestations_evidence_https', sql`${t.evidenceUrl} ~ '^https://'`),
  check('attestations_sha256_format', sql`${t.evidenceSha256} ~ '^[0-9a-f]{64}$'`),
  index('attestations_app_kind_idx').on(t.appId, t.kind, t.validUntil),
])
