import type { Database } from '@kas/db'
import type { SQL } from 'drizzle-orm'
import type { CatalogStamp } from '../../lib/versioned-cache.ts'
import { selectPrepared } from '@kas/db'
import { sql } from 'drizzle-orm'

/** The name the stamp statement is kept prepared under (see selectPrepared). */
export const CATALOG_STAMP_STATEMENT = 'catalog_stamp'

/** The catalogue stamp: both versions of catalog_state and the UTC day (see lib/versioned-cache.ts). */
export function catalogStampQuery(): SQL {
  return sql`
    SELECT version::text AS version, search_version::text AS search_version, CURRENT_DATE::text AS day FROM catalog_state WHERE id = 1`
}

export async function selectCatalogStamp(db: Database): Promise<CatalogStamp> {
  const [row] = await selectPrepared<{ version: string, search_version: string, day: string }>(db, CATALOG_STAMP_STATEMENT, catalogStampQuery())
  return { version: Number(row.version), day: row.day, searchVersion: Number(row.search_version) }
}
