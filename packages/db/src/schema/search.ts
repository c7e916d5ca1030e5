import { sql } from 'drizzle-orm'
import { check, index, integer, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core'

/**
 * Curated synonyms of the municipal domain: each row is a group of terms that mean the same to a
 * searcher ("angelschein", "fischereischein"). Applied when a query is analysed, so edits take
 * effect at once, without reindexing. Terms are stored folded (lower case, no umlauts).
 */
export const searchSynonyms = pgTable('search_synonyms', {
  id: uuid('id').primaryKey().defaultRandom(),
  terms: text('terms').array().notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  check('search_synonyms_two_terms', sql`cardinality(${t.terms}) BETWEEN 2 AND 20`),
])

/** Anonymous search log: what was searched and how many results it had; no user or organization. */
export const searchQueries = pgTable('search_queries', {
  id: uuid('id').primaryKey().defaultRandom(),
  query: text('query').notNull(),
  results: integer('results').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  index('search_queries_created_idx').on(t.createdAt),
])

/** Which result of a logged search was opened, to find searches whose results nobody wanted. */
export const searchClicks = pgTable('search_clicks', {
  queryId: uuid('query_id').notNull().references(() => searchQueries.id, { onDelete: 'cascade' }),
  appSlug: text('app_slug').notNull(),
  position: smallint('position').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  index('search_clicks_query_idx').on(t.queryId),
])
