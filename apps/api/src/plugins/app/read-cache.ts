import type { FastifyInstance } from 'fastify'
import type { CatalogStamp } from '../../lib/versioned-cache.ts'
import { selectPrepared } from '@kas/db'
import { sql } from 'drizzle-orm'
import fp from 'fastify-plugin'
import { SharedRead } from '../../lib/shared-read.ts'
import { VersionedCache } from '../../lib/versioned-cache.ts'

declare module 'fastify' {
  interface FastifyInstance {
    readCache: {
      /** The current catalogue stamp, read after the call (one cheap query, shared by concurrent callers). */
      stamp: () => Promise<CatalogStamp>
      /** Whole public responses (catalogue pages, app details, figures) by canonical key. */
      responses: VersionedCache<unknown>
    }
  }
}

/** Cache for public reads, valid only while the catalogue is unchanged (see lib/versioned-cache.ts). */
export default fp(async (app: FastifyInstance) => {
  // Read the stamp before computing: data read afterwards is at least as new, never older.
  const stamp = new SharedRead(async (): Promise<CatalogStamp> => {
    const [row] = await selectPrepared<{ version: string, search_version: string, day: string }>(app.database.db, 'catalog_stamp', sql`
      SELECT version::text AS version, search_version::text AS search_version, CURRENT_DATE::text AS day FROM catalog_state WHERE id = 1`)
    return { version: Number(row.version), day: row.day, searchVersion: Number(row.search_version) }
  })
  app.decorate('readCache', { stamp: () => stamp.get(), responses: new VersionedCache<unknown>(2000) })
}, { name: 'read-cache', dependencies: ['db'] })
