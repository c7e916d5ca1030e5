import { createDb, migrate } from '../client.ts'
import { seedDemoData } from '../seed/index.ts'
import { dbConfigFromEnv } from './config.ts'

const handle = await createDb(dbConfigFromEnv())
await migrate(handle)
const result = await seedDemoData(handle.db)
console.log(result.seeded
  ? `Demo data loaded (${handle.driver}): ${result.organizations} organizations, ${result.apps} apps, ${result.subscriptions} subscriptions.`
  : `Demo data already present (${handle.driver}); nothing changed.`)
await handle.close()
