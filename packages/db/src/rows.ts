import type { SQL } from 'drizzle-orm'
import type { Database } from './client.ts'

/**
 * Runs a hand-written query and returns its rows. Both drivers answer `execute` with `{ rows }`;
 * the row type is the caller's promise about its SELECT list.
 */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = await db.execute(query) as unknown as { rows: Row[] }
  return result.rows
}
