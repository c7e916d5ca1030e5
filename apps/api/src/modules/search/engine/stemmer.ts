import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { parseTsvector } from './tsvector.ts'

const MAX_CACHED_WORDS = 50_000

/**
 * German stems of query words, from PostgreSQL's own `german` configuration (the one that built the
 * stored tsvectors), so that query and documents are stemmed alike. A word always has the same stem,
 * so answers are kept; only words not seen before cost one small query.
 */
export class Stemmer {
  private readonly stems = new Map<string, string[]>()

  constructor(private readonly db: Database) {}

  /** Lexemes of each word; an empty list for stop words. */
  async stem(words: string[]): Promise<Map<string, string[]>> {
    const unknown = [...new Set(words)].filter(word => !this.stems.has(word))
    if (unknown.length > 0) {
      const rows = await selectRows<{ word: string, vector: string }>(this.db, sql`
        SELECT w AS word, to_tsvector('german', w)::text AS vector
        FROM jsonb_array_elements_text(${JSON.stringify(unknown)}::jsonb) AS w`)
      if (this.stems.size + rows.length > MAX_CACHED_WORDS)
        this.stems.clear()
      for (const row of rows)
        this.stems.set(row.word, [...parseTsvector(row.vector).keys()])
    }
    return new Map(words.map(word => [word, this.stems.get(word) ?? []]))
  }
}
