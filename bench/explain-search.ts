/**
 * Shows where the time of one catalogue request goes, as the API would spend it with an empty cache,
 * on the scale database that `pnpm bench` leaves behind:
 *
 *   pnpm --filter @kas/bench explain "hundesteuer online" 09   text search, Land 09: time in memory (it needs no SQL)
 *   pnpm --filter @kas/bench explain "" 09 facets              browsing: plan of the facet counts (or of the page without "facets")
 */
import type { SQL } from 'drizzle-orm'
import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { catalogPageQuery, facetCountsQuery } from '../apps/api/src/modules/catalog/queries.ts'
import { catalogPageInput } from '../apps/api/src/modules/catalog/service.ts'
import { loadPublicApps } from '../apps/api/src/modules/catalog/snapshot.ts'
import { searchCatalog } from '../apps/api/src/modules/catalog/text-search.ts'
import { Stemmer } from '../apps/api/src/modules/search/engine/stemmer.ts'
import { TextIndex } from '../apps/api/src/modules/search/engine/text-index.ts'
import { loadSearchVocabulary } from '../apps/api/src/modules/search/vocabulary.ts'
import { createDb } from '@kas/db'

const url = process.env.BENCH_EXPLAIN_URL ?? 'postgres://postgres@127.0.0.1:5432/kas_bench'
const [query = 'steuer', land, part] = process.argv.slice(2)
const handle = await createDb({ databaseUrl: url })
const client = new pg.Client({ connectionString: url, options: '-c jit=off -c TimeZone=UTC' })
await client.connect()
const explain = async (statement: SQL) => {
  const { sql, params } = new PgDialect().sqlToQuery(statement)
  const plan = await client.query(`EXPLAIN (ANALYZE) ${sql}`, params)
  console.log(plan.rows.map(row => row['QUERY PLAN']).join('\n'))
}

const input = catalogPageInput({ q: query || undefined, land: land ? [land] : undefined } as never, await loadSearchVocabulary(handle.db))
if (input.search) {
  const indexes = { text: await TextIndex.load(handle.db), apps: await loadPublicApps(handle.db), stemmer: new Stemmer(handle.db) }
  await searchCatalog({ ...input, search: input.search }, indexes)
  const started = performance.now()
  const { page, facets } = await searchCatalog({ ...input, search: input.search }, indexes)
  const total = facets.find(row => row.facet === '_total')?.count
  console.log(`In memory: ${(performance.now() - started).toFixed(2)} ms for ${total} matches (${page.length} on the page), facets included.`)
}
else {
  await explain(part === 'facets' ? facetCountsQuery(input.filters) : catalogPageQuery({ ...input, sort: input.sort === 'relevance' ? 'adoptions' : input.sort }))
}
await client.end()
await handle.close()
