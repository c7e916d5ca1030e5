import type { SQL } from 'drizzle-orm'
import type { Database } from './client.ts'
import { PgDialect } from 'drizzle-orm/pg-core'

/**
 * Runs a hand-written query and returns its rows. Both drivers answer `execute` with `{ rows }`;
 * the row type is the caller's promise about its SELECT list.
 */
export async function selectRows<Row>(db: Database, query: SQL): Promise<Row[]> {
  const result = await db.execute(query) as unknown as { rows: Row[] }
  return result.rows
}

const dialect = new PgDialect()

/**
 * `selectRows` for a statement that runs on most requests with other parameters, such as the app
 * detail. On a PostgreSQL server each connection keeps it prepared under `name`: it is parsed once,
 * and after a few runs PostgreSQL reuses a generic plan instead of planning each call (for the detail,
 * planning cost about as much as running it). `name` must always go with the same SQL text, only the
 * parameters differ. PGlite runs it as a plain query.
 */
export async function selectPrepared<Row>(db: Database, name: string, query: SQL): Promise<Row[]> {
  // The same path as `execute`, with the statement's name (values are parsed as `execute` does).
  const result = await db._.session.prepareQuery(dialect.sqlToQuery(query), undefined, name, false).execute() as { rows: Row[] }
  return result.rows
}
