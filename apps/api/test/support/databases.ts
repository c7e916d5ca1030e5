import type { DbHandle } from '@kas/db'
import { readFileSync } from 'node:fs'
import { createDb } from '@kas/db'
import pg from 'pg'
import { afterAll, beforeAll, describe, inject } from 'vitest'

export type DbKind = 'pglite' | 'postgres'

let cloneCounter = 0

/** A private database for one test file: PGlite from the seeded dump, or a clone of the seeded PostgreSQL template. */
export async function openTestDatabase(kind: DbKind): Promise<DbHandle> {
  if (kind === 'pglite') {
    const snapshot = new Blob([readFileSync(inject('pgliteSnapshot'))])
    return createDb({ pgliteSnapshot: snapshot })
  }
  return createDb({ databaseUrl: await clonePostgresTemplate(), poolSize: 5 })
}

/** A new PostgreSQL database copied from the migrated and seeded template; its URL. */
export async function clonePostgresTemplate(): Promise<string> {
  const { serverUrl, template } = inject('postgres')
  const name = `${template}_${process.pid}_${++cloneCounter}`
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`)
  await admin.end()
  const url = new URL(serverUrl!)
  url.pathname = `/${name}`
  return url.toString()
}

export interface DbContext {
  kind: DbKind
  /** The file's database; available inside tests and hooks. */
  readonly database: DbHandle
}

/**
 * Runs the same suite on PGlite and on PostgreSQL (h3's describeMatrix). When PostgreSQL is not
 * reachable the PostgreSQL variant is skipped and its name says why; in CI it is required.
 */
export function describeEachDb(name: string, suite: (context: DbContext) => void): void {
  const postgres = inject('postgres')
  for (const kind of ['pglite', 'postgres'] as const) {
    const skipped = kind === 'postgres' && !postgres.available
    const title = skipped ? `${name} [postgres] (skipped: ${postgres.reason})` : `${name} [${kind}]`
    describe.skipIf(skipped)(title, () => {
      let database: DbHandle | undefined
      const context: DbContext = {
        kind,
        get database() {
          if (!database)
            throw new Error('database is only available inside tests and hooks')
          return database
        },
      }
      beforeAll(async () => {
        database = await openTestDatabase(kind)
      })
      afterAll(async () => {
        await database?.close()
      })
      suite(context)
    })
  }
}
