import type { DbHandle } from '@kas/db'
import type { FastifyInstance } from 'fastify'
import type { ReferenceLabels } from '../../modules/taxonomy/labels.ts'
import fp from 'fastify-plugin'
import { referenceLabelsLoader } from '../../modules/taxonomy/labels.ts'

declare module 'fastify' {
  interface FastifyInstance {
    /** The database the app was built with (PGlite or PostgreSQL; the same Drizzle API). */
    database: DbHandle
    /** Themenfelder and Länder from the reference tables, read once. */
    referenceLabels: () => Promise<ReferenceLabels>
  }
}

/** Makes the database available to all modules. Its lifecycle belongs to whoever created it. */
export default fp(async (app: FastifyInstance, options: { database: DbHandle }) => {
  app.decorate('database', options.database)
  app.decorate('referenceLabels', referenceLabelsLoader(options.database.db))
}, { name: 'db' })
