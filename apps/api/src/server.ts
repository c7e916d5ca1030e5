import type { DbHandle } from '@kas/db'
import cluster from 'node:cluster'
import { createDb, migrate } from '@kas/db'
import { seedDemoData } from '@kas/db/seed'
import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.ts'
import { loadConfig } from './config.ts'
import { loadOrCreateKey } from './modules/identity/dev-signing-key.ts'
import { runWorkers } from './workers.ts'

const config = loadConfig()

/** Migrations and demo data: once per start, before any request. */
async function prepareDatabase(database: DbHandle): Promise<void> {
  await migrate(database)
  if (config.seedDemoData) {
    const seeded = await seedDemoData(database.db)
    if (seeded.seeded)
      console.log(`Demo data loaded: ${seeded.apps} apps, ${seeded.organizations} organizations, ${seeded.subscriptions} adoptions.`)
  }
}

if (config.workers > 1 && cluster.isPrimary) {
  if (!config.db.databaseUrl) {
    console.error('API_WORKERS above 1 needs DATABASE_URL: the embedded PGlite database lives inside one process.')
    process.exit(1)
  }
  const database = await createDb(config.db)
  await prepareDatabase(database)
  await database.close()
  // The development sign-in key is written once here, so that every worker signs and verifies with it.
  if (config.identity.devSignIn?.enabled)
    await loadOrCreateKey(config.identity.devSignIn.keyDirectory)
  runWorkers(config.workers)
}
else {
  await serve()
}

async function serve(): Promise<void> {
  const database = await createDb(config.db)
  if (cluster.isPrimary)
    await prepareDatabase(database)

  const app = await buildApp({
    database,
    logger: { level: config.logLevel },
    rateLimitPerMinute: config.rateLimitPerMinute,
    identity: config.identity,
    notifications: config.notifications,
    site: config.site,
  })
  if (app.devSignIn)
    app.log.warn('DEVELOPMENT SIGN-IN IS ON: anyone can obtain tokens for demo personas at POST /api/v1/auth/dev/token. Set OIDC_ISSUER (and NODE_ENV=production) for a real deployment.')
  else if (!config.identity.oidc)
    app.log.error('No identity provider configured (OIDC_ISSUER is not set): nobody can sign in.')

  // Graceful shutdown: stop accepting, let in-flight requests finish, then close the database.
  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err)
      app.log.error({ err }, 'shutting down after an error')
    else
      app.log.info({ signal }, 'shutting down')
    await app.close()
    await database.close()
  })

  await app.listen({ port: config.port, host: config.host })
  app.log.info(`Kommunaler App-Store: storefront http://${config.host}:${config.port}/ · API reference http://${config.host}:${config.port}/docs · database ${database.driver === 'pglite' ? `PGlite in ${config.db.dataDir}` : 'PostgreSQL'}`)
}
