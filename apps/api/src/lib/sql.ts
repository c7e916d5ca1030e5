import type { SQL } from 'drizzle-orm'
import { sql } from 'drizzle-orm'

/** A timestamptz column as an ISO 8601 UTC string ("2026-11-23T12:00:00Z"), the API's time format. */
export function utcTimestamp(column: SQL): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
}

/** A timestamptz with microseconds, for keyset cursors: the second-precision form above is not unique enough. */
export function preciseUtcTimestamp(column: SQL): SQL {
  return sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`
}
