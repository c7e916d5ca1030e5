import type { DbConfig } from '../client.ts'
import { resolve } from 'node:path'

/**
 * Database settings from the environment, shared by the API server and the db:* commands.
 * Relative DATA_DIR paths are resolved against the directory pnpm was started in.
 */
export function dbConfigFromEnv(env: NodeJS.ProcessEnv = process.env): DbConfig {
  const cwd = env.INIT_CWD ?? process.cwd()
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(cwd, env.DATA_DIR || 'data'),
    poolSize: env.DATABASE_POOL_SIZE ? Number(env.DATABASE_POOL_SIZE) : undefined,
  }
}
