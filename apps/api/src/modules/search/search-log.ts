import type { Database } from '@kas/db'
import type { FastifyBaseLogger } from 'fastify'
import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'

interface LoggedSearch { id: string, query: string, results: number }

/**
 * The anonymous search log (query text and result count; no user, organization or address).
 * Searches are written in batches, so that logging adds no database round trip to a search.
 */
export class SearchLog {
  private pending: LoggedSearch[] = []
  private timer: NodeJS.Timeout | undefined
  private flushing: Promise<void> = Promise.resolve()

  constructor(private readonly db: Database, private readonly log: FastifyBaseLogger, private readonly flushAfterMs = 2000) {}

  /** Records a search and returns its id for click tracking. */
  record(query: string, results: number): string {
    const id = randomUUID()
    this.pending.push({ id, query: query.slice(0, 200), results })
    if (this.pending.length >= 100)
      void this.flush()
    else
      this.timer ??= setTimeout(() => void this.flush(), this.flushAfterMs)
    return id
  }

  async flush(): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const batch = this.pending
    this.pending = []
    this.flushing = this.flushing.then(async () => {
      if (batch.length === 0)
        return
      await this.db.execute(sql`
        INSERT INTO search_queries (id, query, results)
        SELECT id, query, results FROM jsonb_to_recordset(${JSON.stringify(batch)}::jsonb) AS s(id uuid, query text, results int)`)
    }).catch(error => this.log.error({ err: error }, 'writing the search log failed'))
    await this.flushing
  }
}
