import type { TestProject } from 'vitest/node'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createDb, migrate } from '@kas/db'
import { seedDemoData } from '@kas/db/seed'
import pg from 'pg'

export interface PostgresAvailability {
  available: boolean
  /** Why the PostgreSQL suites are skipped, when they are. */
  reason?: string
  /** Server URL without database; test files create their own database from `template`. */
  serverUrl?: string
  template?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    postgres: PostgresAvailability
    /** Path of a PGlite data directory dump, migrated and seeded with the demo data. */
    pgliteSnapshot: string
  }
}

const serverUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const required = process.env.KAS_REQUIRE_POSTGRES === '1'

function databaseUrl(database: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${database}`
  return url.toString()
}

/** Is a PostgreSQL server reachable? A newcomer without one still gets a passing run (suites say they were skipped). */
async function probe(): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 3000 })
  try {
    await client.connect()
    await client.query('SELECT 1')
    return undefined
  }
  catch (error) {
    return `PostgreSQL not reachable at ${new URL(serverUrl).host} (${(error as Error).message}); set TEST_DATABASE_URL to run these suites`
  }
  finally {
    await client.end().catch(() => {})
  }
}

/**
 * Prepares both databases once per run: a seeded PGlite dump that every test file starts from, and,
 * when PostgreSQL is reachable, a fresh migrated and seeded template database that test files clone.
 */
export default async function setup(project: TestProject) {
  const workDir = mkdtempSync(join(tmpdir(), 'kas-test-'))
  const pglite = await createDb({})
  await migrate(pglite)
  await seedDemoData(pglite.db)
  const snapshotPath = join(workDir, 'pglite-seeded.tar')
  writeFileSync(snapshotPath, Buffer.from(await (await pglite.dump!()).arrayBuffer()))
  await pglite.close()
  project.provide('pgliteSnapshot', snapshotPath)

  const unreachable = await probe()
  const template = `kas_test_${process.pid}_${Date.now()}`
  if (unreachable) {
    if (required)
      throw new Error(`KAS_REQUIRE_POSTGRES=1 but ${unreachable}`)
    console.warn(`\n[tests] PostgreSQL suites SKIPPED: ${unreachable}\n`)
    project.provide('postgres', { available: false, reason: unreachable })
  }
  else {
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    await admin.query(`CREATE DATABASE ${template}`)
    await admin.end()
    const handle = await createDb({ databaseUrl: databaseUrl(template), poolSize: 2 })
    await migrate(handle)
    await seedDemoData(handle.db)
    await handle.close()
    project.provide('postgres', { available: true, serverUrl, template })
  }

  return async () => {
    rmSync(workDir, { recursive: true, force: true })
    if (unreachable)
      return
    const admin = new pg.Client({ connectionString: serverUrl })
    await admin.connect()
    const { rows } = await admin.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [`${template}%`])
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`)
    await admin.end()
  }
}

export { databaseUrl as testDatabaseUrl }
