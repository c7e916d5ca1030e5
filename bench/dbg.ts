import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'
import { catalogPageQuery, facetCountsQuery } from '../apps/api/src/modules/catalog/queries.ts'
import { catalogPageInput } from '../apps/api/src/modules/catalog/service.ts'
import { createDb } from '@kas/db'
import { loadSearchVocabulary } from '../apps/api/src/modules/search/vocabulary.ts'
const url = 'postgres://postgres@127.0.0.1:5432/kas_bench'
const h = await createDb({ databaseUrl: url })
let t = Date.now()
const v = await loadSearchVocabulary(h.db)
console.log('vocab ms', Date.now() - t, v.words.size)
const input = catalogPageInput({ q: process.argv[2] ?? 'steuer', land: process.argv[3] ? [process.argv[3]] : undefined } as never, v)
const which = process.argv[4] === 'facets' ? facetCountsQuery(input.search, input.filters) : catalogPageQuery(input)
const q = new PgDialect().sqlToQuery(which)
const client = new pg.Client({ connectionString: url, options: '-c jit=off' }); await client.connect()
t = Date.now()
const r = await client.query('EXPLAIN (ANALYZE) ' + q.sql, q.params)
console.log('ms', Date.now() - t)
console.log(r.rows.map(x => x['QUERY PLAN']).join('\n'))
await client.end(); await h.close()
