/**
 * Shows PostgreSQL's plan and timing for one catalogue search, as the API would run it with an empty
 * cache, on the scale database that `pnpm bench` leaves behind:
 *
 *   pnpm --filter @kas/bench explain "hundesteuer online" 09          page query, Land 09
 *   pnpm --filter @kas/bench explain "hundesteuer online" 09 facets   facet counts
 */
import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { catalogPageQuery, facetCountsQuery } from '../apps/api/src/modules/catalog/queries.ts'
import { catalogPageInput } from '../apps/api/src/modules/catalog/service.ts'
import { createDb } from '@kas/db'
import { loadSearchVocabulary } from '../apps/api/src/modules/search/vocabulary.ts'
const url = process.env.BENCH_EXPLAIN_URL ?? 'postgres://postgres@127.0.0.1:5432/kas_bench'
const [query = 'steuer', land, part] = process.argv.slice(2)
const handle = await createDb({ databaseUrl: url })
const vocabulary = await loadSearchVocabulary(handle.db)
const input = catalogPageInput({ q: query, land: land ? [land] : undefined } as never, vocabulary)
const statement = new PgDialect().sqlToQuery(part === 'facets' ? facetCountsQuery(input.search, input.filters) : catalogPageQuery(input))
const client = new pg.Client({ connectionString: url, options: '-c jit=off' })
await client.connect()
const plan = await client.query(`EXPLAIN (ANALYZE) ${statement.sql}`, statement.params)
console.log(plan.rows.map(row => row['QUERY PLAN']).join('\n'))
await client.end()
await handle.close()
