import { bigint, check, char, integer, numeric, pgTable, primaryKey, smallint, text } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { themenfeldEnum } from './enums.ts'

/** The 16 Länder; `code` is the first two digits of every AGS in the Land. */
export const lands = pgTable('lands', {
  code: char('code', { length: 2 }).primaryKey(),
  name: text('name').notNull(),
  population: integer('population').notNull(),
}, t => [
  check('lands_code_format', sql`${t.code} ~ '^(0[1-9]|1[0-6])$'`),
  check('lands_population_non_negative', sql`${t.population} >= 0`),
])

/** Königsteiner Schlüssel per year (percent with five decimals, as the GWK publishes it). */
export const koenigsteinShares = pgTable('koenigstein_shares', {
  year: smallint('year').notNull(),
  landCode: char('land_code', { length: 2 }).notNull().references(() => lands.code),
  percent: numeric('percent', { precision: 8, scale: 5 }).notNull(),
  source: text('source').notNull(),
}, t => [
  primaryKey({ columns: [t.year, t.landCode] }),
  check('koenigstein_percent_range', sql`${t.percent} > 0 AND ${t.percent} < 100`),
])

/** Labels of the Themenfelder; the search trigger reads them so that "Steuern" finds apps in "Steuern & Zoll". */
export const themenfelder = pgTable('themenfelder', {
  id: themenfeldEnum('id').primaryKey(),
  nameDe: text('name_de').notNull(),
  nameEn: text('name_en').notNull(),
  position: smallint('position').notNull(),
})

/**
 * Counters bumped by statement triggers. `version` (migration 0006) whenever anything the public
 * catalogue shows changes: API nodes compare it to decide whether a cached answer is current.
 * `search_version` (migration 0016) only when the searchable text of an app changes, so the search
 * index in memory is rebuilt for edits to names and descriptions, not for every new subscription.
 */
export const catalogState = pgTable('catalog_state', {
  id: smallint('id').primaryKey().default(1),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
  searchVersion: bigint('search_version', { mode: 'number' }).notNull().default(0),
}, t => [
  check('catalog_state_single_row', sql`${t.id} = 1`),
])
