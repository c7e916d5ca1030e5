import { sql } from 'drizzle-orm'
import { boolean, char, check, index, integer, pgTable, primaryKey, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { organizationKindEnum, roleEnum } from './enums.ts'
import { lands } from './reference.ts'

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey().defaultRandom(),
  kind: organizationKindEnum('kind').notNull(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  /** Amtlicher Gemeindeschlüssel, only for public bodies. */
  ags: char('ags', { length: 8 }).unique(),
  /** Amtlicher Regionalschlüssel, where known. */
  ars: char('ars', { length: 12 }),
  landCode: char('land_code', { length: 2 }).references(() => lands.code),
  population: integer('population'),
  website: text('website'),
  /** Whether the organization appears by name in public adoption lists (counts always include it). */
  listedPublicly: boolean('listed_publicly').notNull().default(true),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  check('organizations_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$'`),
  check('organizations_ags_format', sql`${t.ags} ~ '^[0-9]{8}$'`),
  check('organizations_ars_format', sql`${t.ars} ~ '^[0-9]{12}$'`),
  check('organizations_population_non_negative', sql`${t.population} >= 0`),
  // AGS and Land code must agree: the first two AGS digits are the Land.
  check('organizations_ags_in_land', sql`${t.ags} IS NULL OR substr(${t.ags}, 1, 2) = ${t.landCode}`),
  check('organizations_public_body_has_ags', sql`${t.kind} NOT IN ('municipality', 'county') OR ${t.ags} IS NOT NULL`),
  index('organizations_kind_land_idx').on(t.kind, t.landCode),
])

/** Members of a consortium ("Viele für Alle"). */
export const consortiumMembers = pgTable('consortium_members', {
  consortiumId: uuid('consortium_id').notNull().references(() => organizations.id, { onDelete: 'cascade' }),
  memberId: uuid('member_id').notNull().references(() => organizations.id),
}, t => [
  primaryKey({ columns: [t.consortiumId, t.memberId] }),
  check('consortium_members_not_self', sql`${t.consortiumId} <> ${t.memberId}`),
])

/** A person known from a token (issuer + subject), acting for one organization. */
export const users = pgTable('users', {
  id: uuid('id').primaryKey().defaultRandom(),
  issuer: text('issuer').notNull(),
  subject: text('subject').notNull(),
  organizationId: uuid('organization_id').notNull().references(() => organizations.id),
  roles: roleEnum('roles').array().notNull().default(sql`'{}'`),
  displayName: text('display_name').notNull(),
  email: text('email'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  unique('users_issuer_subject_key').on(t.issuer, t.subject),
])
