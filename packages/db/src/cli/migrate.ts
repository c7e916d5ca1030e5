import { createDb, migrate } from '../client.ts'
import { dbConfigFromEnv } from './config.ts'

const handle = await createDb(dbConfigFromEnv())
await migrate(handle)
console.log(`Migrations applied (${handle.driver}).`)
await handle.close()
