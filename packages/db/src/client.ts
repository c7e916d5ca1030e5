import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core'
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { PGlite } from '@electric-sql/pglite'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres'
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator'
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite'
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator'
import pg from 'pg'
import * as schema from './schema/index.ts'

export type Schema = typeof schema
/** The Drizzle API shared by both drivers; code above this package never knows which one runs. */
export type Database = PgDatabase<PgQueryResultHKT, Schema>

export interface DbConfig {
  /** PostgreSQL connection string; when absent, embedded PGlite is used. */
  databaseUrl?: string
  /** PGlite data directory; `undefined` keeps the data in memory (tests). */
  dataDir?: string
  /** Connection pool size for PostgreSQL. */
  poolSize?: number
  /** PGlite only: start from a data directory dump (PGlite's `dumpDataDir`), e.g. a migrated and seeded test database. */
  pgliteSnapshot?: Blob
}

export interface DbHandle {
  db: Database
  driver: 'pglite' | 'postgres'
  /** Runs a raw SQL string (several statements allowed); for maintenance and tests. */
  exec: (sqlText: string) => Promise<void>
  close: () => Promise<void>
  /** PGlite only: the data directory as a tarball, to start other instances from (see `pgliteSnapshot`). */
  dump?: () => Promise<Blob>
}

export const migrationsFolder = fileURLToPath(new URL('../../../migrations', import.meta.url))

export async function createDb(config: DbConfig): Promise<DbHandle> {
  if (config.databaseUrl) {
    // All times are UTC (CURRENT_DATE decides whether a certificate is still valid today). JIT
    // compilation is off: it costs a second on search statements that run in milliseconds without it.
    const pool = new pg.Pool({ connectionString: config.databaseUrl, max: config.poolSize ?? 10, options: '-c TimeZone=UTC -c jit=off' })
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', () => {})
    const db = drizzleNodePg(pool, { schema }) as unknown as Database
    return {
      db,
      driver: 'postgres',
      exec: async (sqlText) => { await pool.query(sqlText) },
      close: () => pool.end(),
    }
  }
  const releaseLock = config.dataDir ? lockDataDir(config.dataDir) : () => {}
  const client = await PGlite.create({
    dataDir: config.dataDir,
    loadDataDir: config.pgliteSnapshot,
    extensions: { pg_trgm, unaccent },
  })
  await client.exec(`SET TIME ZONE 'UTC'`)
  const db = drizzlePglite(client, { schema }) as unknown as Database
  return {
    db,
    driver: 'pglite',
    exec: async (sqlText) => { await client.exec(sqlText) },
    close: async () => {
      await client.close()
      releaseLock()
    },
    dump: async () => client.dumpDataDir('none'),
  }
}

/**
 * PGlite is a whole PostgreSQL inside this process: a second process opening the same directory
 * would corrupt it. A lock file with the owner's process id keeps a second one out (e.g. an import
 * while `pnpm start` runs); a lock left by a process that no longer exists is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true })
  const lockFile = join(dataDir, 'kas.lock')
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lockFile, String(process.pid), { flag: 'wx' })
      return () => rmSync(lockFile, { force: true })
    }
    catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw error
      const owner = Number(readFileSync(lockFile, 'utf8'))
      if (isRunning(owner) && owner !== process.pid)
        throw new Error(`The embedded database in ${dataDir} is in use by process ${owner} (is "pnpm start" running?). Stop it first, or use PostgreSQL via DATABASE_URL.`)
      rmSync(lockFile, { force: true })
    }
  }
  throw new Error(`Could not lock ${dataDir}.`)
}

function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0)
    return false
  try {
    process.kill(pid, 0)
    return true
  }
  catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** Applies the committed SQL migrations in `migrations/` (idempotent). */
export async function migrate(handle: DbHandle): Promise<void> {
  if (handle.driver === 'postgres')
    await migrateNodePg(handle.db as never, { migrationsFolder })
  else
    await migratePglite(handle.db as never, { migrationsFolder })
}
