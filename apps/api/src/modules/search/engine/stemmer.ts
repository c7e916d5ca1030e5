import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { parseTsvector } from './tsvector.ts'

const MAX_CACHED_WORDS = 50_000

type Stems = Map<string, string[]>

/**
 * German stems of query words, from PostgreSQL's own `german` configuration (the one that built the
 * stored tsvectors), so that query and documents are stemmed alike. A word always has the same stem,
 * so answers are kept. Words not seen before are stemmed in batches: while one query runs, the new
 * words of every search that arrives meanwhile wait for the next, which asks for all of them at once.
 */
export class Stemmer {
  private readonly stems: Stems = new Map()
  /** Words in the running query or waiting for the next one, with the query that will stem them. */
  private readonly pending = new Map<string, Promise<Stems>>()
  private waiting: string[] = []
  private nextBatch: Promise<Stems> | undefined
  /** The query running now; settles when it ends, whether it succeeded or not. */
  private running: Promise<unknown> = Promise.resolve()

  constructor(private readonly db: Database) {}

  /** Lexemes of each word; an empty list for stop words. */
  async stem(words: string[]): Promise<Stems> {
    const found: Stems = new Map()
    const batches = new Set<Promise<Stems>>()
    for (const word of new Set(words)) {
      const known = this.stems.get(word)
      if (known)
        found.set(word, known)
      else
        batches.add(this.pending.get(word) ?? this.enqueue(word))
    }
    for (const batch of await Promise.all(batches)) {
      for (const [word, lexemes] of batch)
        found.set(word, lexemes)
    }
    return new Map(words.map(word => [word, found.get(word) ?? []]))
  }

  private enqueue(word: string): Promise<Stems> {
    this.waiting.push(word)
    this.nextBatch ??= this.running.then(() => {
      const batch = this.waiting
      this.waiting = []
      this.nextBatch = undefined
      const stemmed = this.query(batch).finally(() => {
        for (const word of batch)
          this.pending.delete(word)
      })
      this.running = stemmed.catch(() => {})
      return stemmed
    })
    this.pending.set(word, this.nextBatch)
    return this.nextBatch
  }

  private async query(words: string[]): Promise<Stems> {
    const rows = await selectRows<{ word: string, vector: string }>(this.db, sql`
      SELECT w AS word, to_tsvector('german', w)::text AS vector
      FROM jsonb_array_elements_text(${JSON.stringify(words)}::jsonb) AS w`)
    const stems: Stems = new Map(rows.map(row => [row.word, [...parseTsvector(row.vector).keys()]]))
    if (this.stems.size + stems.size > MAX_CACHED_WORDS)
      this.stems.clear()
    for (const [word, lexemes] of stems)
      this.stems.set(word, lexemes)
    return stems
  }
}
