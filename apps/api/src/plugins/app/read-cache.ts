import type { FastifyInstance } from 'fastify'
import type { CatalogStamp } from '../../lib/versioned-cache.ts'
import fp from 'fastify-plugin'
import { SharedRead } from '../../lib/shared-read.ts'
import { VersionedCache } from '../../lib/versioned-cache.ts'
import { selectCatalogStamp } from '../../modules/catalog/stamp-query.ts'

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
  const stamp = new SharedRead(() => selectCatalogStamp(app.database.db))
  app.decorate('readCache', { stamp: () => stamp.get(), responses: new VersionedCache<unknown>(2000) })
}, { name: 'read-cache', dependencies: ['db'] })
