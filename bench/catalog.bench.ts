/**
 * Catalogue benchmark (DESIGN.md §6): loads the scale data set into PostgreSQL, starts the real API
 * server in a child process and measures search-with-facets and app detail with autocannon. As the
 * baseline, the same SQL runs directly through `pg` in the same run, so the ratio shows the API's
 * own overhead independent of how fast this (shared, noisy) machine is today.
 *
 *   pnpm bench                  full data set (10,000 apps, 500,000 subscriptions)
 *   BENCH_SCALE=small pnpm bench quick run on a tenth of it
 *   BENCH_API_WORKERS=2 pnpm bench  two API processes on the port
 */
import type { SQL } from 'drizzle-orm'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { APP_DETAIL_STATEMENT, appDetailQuery } from '@kas/api/modules/catalog/detail-queries.ts'
import { catalogPageQuery, facetCountsQuery } from '@kas/api/modules/catalog/queries.ts'
import type { SearchIndexes } from '@kas/api/modules/catalog/text-search.ts'
import type { SearchVocabulary } from '@kas/api/modules/search/vocabulary.ts'
import { catalogPageInput } from '@kas/api/modules/catalog/service.ts'
import { loadPublicApps } from '@kas/api/modules/catalog/snapshot.ts'
import { CATALOG_STAMP_STATEMENT, catalogStampQuery } from '@kas/api/modules/catalog/stamp-query.ts'
import { searchCatalog } from '@kas/api/modules/catalog/text-search.ts'
import { Stemmer } from '@kas/api/modules/search/engine/stemmer.ts'
import { TextIndex } from '@kas/api/modules/search/engine/text-index.ts'
import { loadSearchVocabulary } from '@kas/api/modules/search/vocabulary.ts'
import { createDb, migrate } from '@kas/db'
import { fullScale, generateScaleData } from '@kas/db/scale'
import autocannon from 'autocannon'
import { PgDialect } from 'drizzle-orm/pg-core'
import pg from 'pg'

const CONNECTIONS = 32
const DURATION_SECONDS = Number(process.env.BENCH_DURATION ?? 10)
const POOL_SIZE = 16
/**
 * API processes (API_WORKERS), sharing the pool size. One by default: on a 2-core machine that also
 * runs PostgreSQL and the load generator, a second process raises throughput but lengthens the tail
 * (BENCH_API_WORKERS=2 to compare).
 */
const API_WORKERS = Number(process.env.BENCH_API_WORKERS ?? 1)
const PORT = Number(process.env.BENCH_PORT ?? 3917)
const serverUrl = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
const size = process.env.BENCH_SCALE === 'small'
  ? { apps: 1_000, releasesPerApp: 5, subscriptions: 50_000, vendors: 30 }
  : fullScale

/** Searches people repeat (landing page, popular words): after the first request their facet counts are cached. */
const searchPaths = [
  '/api/v1/apps?q=steuer',
  '/api/v1/apps?q=kita&themenfeld=family_children',
  '/api/v1/apps?themenfeld=taxes_customs&deployment=saas',
  '/api/v1/apps',
  '/api/v1/apps?q=hundesteur',
  '/api/v1/apps?q=bauan&sort=name',
  '/api/v1/apps?land=09&basisdienst=bund_id&attestation=bsi_c5',
  '/api/v1/apps?q=online%20portal&sort=adoptions',
]
// Certified apps spread over the whole range (every 50th app is a draft and every 50th + 1 in review).
/**
 * Searches that are (nearly) all different: 30 subjects × 10 suffixes × 16 Länder give 4,800 distinct
 * search/filter combinations, more than the response cache holds (2,000), so almost every request is
 * ranked and counted anew.
 */
const subjectsForColdSearch = ['Hundesteuer', 'Gewerbe', 'Bauantrag', 'Kita', 'Wohngeld', 'Melde', 'Termin', 'Friedhof', 'Abfall', 'Sperrmüll', 'Wahl', 'Schul', 'Fischerei', 'Parkausweis', 'Führerschein', 'Grundsteuer', 'Förder', 'Ehrenamt', 'Vergabe', 'Rechnung', 'Akten', 'Rats', 'Bibliotheks', 'Fundsachen', 'Standesamt', 'Elterngeld', 'Baumkataster', 'Straßen', 'Gaststätten', 'Markt']
const suffixesForColdSearch = ['Online', 'Portal', 'Manager', 'Digital', 'Kommunal', 'Service', 'Plus', 'Assistent', 'Cloud', 'Werk']
const coldSearchPaths = subjectsForColdSearch.flatMap(subject => suffixesForColdSearch.flatMap(suffix =>
  Array.from({ length: 16 }, (_, land) => `/api/v1/apps?q=${encodeURIComponent(`${subject.toLowerCase()} ${suffix.toLowerCase()}`)}&land=${String(land + 1).padStart(2, '0')}`)))
  // Shuffle deterministically so that consecutive requests differ in every part.
  .map((path, i) => ({ path, order: (i * 7919) % 4800 }))
  .sort((a, b) => a.order - b.order)
  .map(entry => entry.path)

/**
 * Searches with words the API has not seen before: every subject with two slips of the finger (a
 * letter left out, doubled or swapped with its neighbour: "hundsteuerr", "huundesteur" …), about
 * 3,500 different misspellings in a scattered order, more than a run asks for and than the response
 * cache holds, so each word is stemmed, typo-corrected and matched anew instead of coming from the
 * per-word caches.
 */
const slips: ((text: string, at: number) => string)[] = [
  (text, at) => text.slice(0, at) + text.slice(at + 1),
  (text, at) => text.slice(0, at + 1) + text.slice(at),
  (text, at) => text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2),
]
const withSlip = (text: string, slip: (text: string, at: number) => string) => Array.from({ length: text.length - 2 }, (_, at) => slip(text, at + 1))
const typoSearchPaths = [...new Set(subjectsForColdSearch.flatMap(subject => slips.flatMap((first, i) => slips.slice(i + 1)
  .flatMap(second => withSlip(subject.toLowerCase(), first).flatMap(once => withSlip(once, second))))))]
  .map((typo, i) => ({ typo, order: (i * 7919) % 1_000_003 }))
  .sort((a, b) => a.order - b.order)
  .map(({ typo }, i) => `/api/v1/apps?q=${encodeURIComponent(`${typo} ${suffixesForColdSearch[i % suffixesForColdSearch.length].toLowerCase()}`)}&land=${String(1 + (i % 16)).padStart(2, '0')}`)

/** Autocomplete while typing: every prefix of 2 to 6 letters of the subjects above. */
const suggestPaths = subjectsForColdSearch.flatMap(subject => Array.from({ length: Math.min(6, subject.length) - 1 }, (_, i) =>
  `/api/v1/search/suggest?q=${encodeURIComponent(subject.slice(0, i + 2).toLowerCase())}`))

// Certified apps (every 50th app is a draft and every 50th + 1 in review), in a scattered order.
const certifiedSlugs = Array.from({ length: size.apps }, (_, i) => 1 + ((i * 7919) % size.apps))
  .filter(n => n % 50 > 1)
  .map(n => `scale-app-${n}`)
/** Details people look at again and again. */
const detailSlugs = certifiedSlugs.slice(0, 200)

function databaseUrl(name: string): string {
  const url = new URL(serverUrl)
  url.pathname = `/${name}`
  return url.toString()
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

async function prepareDatabase(name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)
  await admin.query(`CREATE DATABASE ${name}`)
  await admin.end()
  const handle = await createDb({ databaseUrl: databaseUrl(name), poolSize: 2 })
  await migrate(handle)
  const started = performance.now()
  await generateScaleData(handle, size)
  const counts = await handle.db.execute('SELECT (SELECT count(*) FROM apps) AS apps, (SELECT count(*) FROM organizations WHERE kind = \'municipality\') AS municipalities, (SELECT count(*) FROM subscriptions) AS subscriptions, (SELECT count(*) FROM releases) AS releases' as unknown as SQL) as unknown as { rows: Record<string, string>[] }
  console.log(`Scale data loaded in ${((performance.now() - started) / 1000).toFixed(1)} s:`, counts.rows[0])
  await handle.close()
}

async function startServer(url: string) {
  const server = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../apps/api/src/server.ts', import.meta.url))], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(PORT), HOST: '127.0.0.1', SEED_DEMO_DATA: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_PER_MINUTE: '1000000000', API_WORKERS: String(API_WORKERS), DATABASE_POOL_SIZE: String(Math.ceil(POOL_SIZE / API_WORKERS)), NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  })
  for (let attempt = 0; attempt < 100; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${PORT}/readyz`)).ok)
        return server
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  server.kill()
  throw new Error('API server did not become ready')
}

interface Measurement { p50: number, p99: number, throughput: number, errors: number }

async function measureApi(paths: string[]): Promise<Measurement> {
  // One counter shared by all connections, so that concurrent connections ask for different paths
  // (autocannon would otherwise walk every connection through the same sequence in lockstep).
  let next = 0
  const result = await autocannon({
    url: `http://127.0.0.1:${PORT}`,
    connections: CONNECTIONS,
    duration: DURATION_SECONDS,
    requests: [{ method: 'GET', setupRequest: request => ({ ...request, path: paths[next++ % paths.length] }) }],
  })
  return { p50: result.latency.p50, p99: result.latency.p99, throughput: result.requests.average, errors: result.errors + result.non2xx }
}

/** Runs `iteration` from CONNECTIONS concurrent loops for the same duration and reports latencies. */
async function measureDirect(iteration: (index: number) => Promise<void>): Promise<Measurement> {
  const latencies: number[] = []
  let errors = 0
  const deadline = performance.now() + DURATION_SECONDS * 1000
  let counter = 0
  await Promise.all(Array.from({ length: CONNECTIONS }, async () => {
    while (performance.now() < deadline) {
      const started = performance.now()
      try {
        await iteration(counter++)
      }
      catch {
        errors++
      }
      latencies.push(performance.now() - started)
    }
  }))
  latencies.sort((a, b) => a - b)
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), throughput: latencies.length / DURATION_SECONDS, errors }
}

const dialect = new PgDialect()
const toPg = (query: SQL) => dialect.sqlToQuery(query)

function parsePath(path: string, vocabulary: SearchVocabulary) {
  const params = new URL(path, 'http://x').searchParams
  const query: Record<string, unknown> = {}
  for (const key of new Set(params.keys()))
    query[key] = ['q', 'sort', 'cursor'].includes(key) ? params.get(key) : params.getAll(key)
  return catalogPageInput(query, vocabulary)
}

async function main(): Promise<void> {
  const name = 'kas_bench'
  console.log(`Preparing ${name} on ${new URL(serverUrl).host} (${size.apps} apps, ${size.subscriptions} subscriptions) …`)
  await prepareDatabase(name)
  const url = databaseUrl(name)

  const pool = new pg.Pool({ connectionString: url, max: POOL_SIZE, options: '-c TimeZone=UTC -c jit=off' })
  // Prepared under the API's name, as the API keeps it (see selectPrepared).
  const versionQuery = { name: CATALOG_STAMP_STATEMENT, text: toPg(catalogStampQuery()).sql }
  // The same query analysis and in-memory search as the API, built here to time them; the build
  // times are what an API node spends when the catalogue changes.
  const handle = await createDb({ databaseUrl: url, poolSize: 2 })
  const timed = async <T>(build: () => Promise<T>): Promise<[T, number]> => {
    const started = performance.now()
    return [await build(), performance.now() - started]
  }
  const [vocabulary, vocabularyMs] = await timed(() => loadSearchVocabulary(handle.db))
  const [text, textIndexMs] = await timed(() => TextIndex.load(handle.db))
  const [apps, snapshotMs] = await timed(() => loadPublicApps(handle.db))
  const indexes: SearchIndexes = { text, apps, stemmer: new Stemmer(handle.db) }
  console.log(`Built per API node: text index ${textIndexMs.toFixed(0)} ms (when app texts change), public apps ${snapshotMs.toFixed(0)} ms and vocabulary ${vocabularyMs.toFixed(0)} ms (when the catalogue changes).`)
  /** The statements the API sends besides the stamp: none for a text search (answered in memory), page and facets for browsing. */
  const toStatements = (paths: string[]) => paths.map((path) => {
    const input = parsePath(path, vocabulary)
    return input.search ? [] : [toPg(catalogPageQuery({ ...input, sort: input.sort === 'relevance' ? 'adoptions' : input.sort })), toPg(facetCountsQuery(input.filters))]
  })
  const searchQueries = toStatements(searchPaths)
  const coldSearchQueries = toStatements(coldSearchPaths)
  const started = performance.now()
  for (const path of coldSearchPaths.slice(0, 1000)) {
    const input = parsePath(path, vocabulary)
    await searchCatalog({ ...input, search: input.search! }, indexes)
  }
  console.log(`In-memory ranking and facet counts of a text search: ${((performance.now() - started) / 1000).toFixed(2)} ms on average (1,000 distinct searches, one after another).`)
  await handle.close()

  const server = await startServer(url)
  try {
    // Warm both paths (plans, caches, JIT) before measuring.
    await measureApiWarmup()
    const results: Record<string, { api: Measurement, direct: Measurement }> = {}

    // The direct-SQL baseline runs the statements the API needs for the request with an empty cache:
    // the catalogue stamp, then the page and facet counts, or the detail query.
    const searchStatements = (statements: { sql: string, params: unknown[] }[][]) =>
      async (i: number) => {
        await pool.query(versionQuery)
        await Promise.all(statements[i % statements.length].map(statement => pool.query(statement.sql, statement.params)))
      }
    const detailStatements = (slugs: string[]) => async (i: number) => {
      const detail = toPg(appDetailQuery(slugs[i % slugs.length]))
      await pool.query(versionQuery)
      await pool.query({ name: APP_DETAIL_STATEMENT, text: detail.sql, values: detail.params })
    }
    results['search, repeated'] = { api: await measureApi(searchPaths), direct: await measureDirect(searchStatements(searchQueries)) }
    results['search, all distinct'] = { api: await measureApi(coldSearchPaths), direct: await measureDirect(searchStatements(coldSearchQueries)) }
    results['search, new words'] = { api: await measureApi(typoSearchPaths), direct: await measureDirect(searchStatements(toStatements(typoSearchPaths))) }
    results['detail, repeated'] = { api: await measureApi(detailSlugs.map(slug => `/api/v1/apps/${slug}`)), direct: await measureDirect(detailStatements(detailSlugs)) }
    results['detail, all distinct'] = { api: await measureApi(certifiedSlugs.map(slug => `/api/v1/apps/${slug}`)), direct: await measureDirect(detailStatements(certifiedSlugs)) }

    const budgets: Record<string, number> = { 'search, repeated': 100, 'search, all distinct': 100, 'search, new words': 100, 'detail, repeated': 25, 'detail, all distinct': 25 }
    console.log(`\n${CONNECTIONS} concurrent connections, ${DURATION_SECONDS} s each, ${API_WORKERS} API process(es) (API_WORKERS), pool ${POOL_SIZE} in all; latencies in ms\n`)
    console.log('scenario             | API p50 | API p99 | API req/s | SQL p50 | SQL p99 | SQL it/s | p99 ratio | req/s ratio | errors | p99 budget')
    for (const [scenario, { api, direct }] of Object.entries(results)) {
      const budget = budgets[scenario]
      console.log([
        scenario.padEnd(20),
        api.p50.toFixed(1).padStart(7),
        api.p99.toFixed(1).padStart(7),
        api.throughput.toFixed(0).padStart(9),
        direct.p50.toFixed(1).padStart(7),
        direct.p99.toFixed(1).padStart(7),
        direct.throughput.toFixed(0).padStart(8),
        (api.p99 / direct.p99).toFixed(2).padStart(9),
        (direct.throughput / api.throughput).toFixed(2).padStart(11),
        String(api.errors + direct.errors).padStart(6),
        `${budget} ms ${api.p99 < budget ? 'met' : 'MISSED'}`,
      ].join(' | '))
    }
    // Autocomplete is answered from memory (one index per catalogue version), so there is no SQL baseline.
    const suggest = await measureApi(suggestPaths)
    console.log(`autocomplete (${suggestPaths.length} prefixes) | API p50 ${suggest.p50.toFixed(1)} | p99 ${suggest.p99.toFixed(1)} | ${suggest.throughput.toFixed(0)} req/s | errors ${suggest.errors} | 100 ms ${suggest.p99 < 100 ? 'met' : 'MISSED'} (the search budget)`)
    console.log('\nDirect SQL = the statements the API runs for the request with an empty cache, sent with pg from 32 concurrent loops:')
    console.log('the catalogue stamp, then for browsing the page and the facet counts. A text search needs only the stamp: it is ranked,')
    console.log('counted and answered from memory, so its ratios show that work, not overhead on the same SQL.')
    console.log('"repeated" requests are answered from the API\'s versioned read cache after the first; "all distinct" mostly miss it.')
    console.log(`"new words": ${typoSearchPaths.length} searches for misspelt words, each first seen in its request (until the run wraps around).`)
    console.log('p99 ratio = API p99 / direct SQL p99; req/s ratio = direct SQL throughput / API throughput (budget for both: ≤ 1.5).')
  }
  finally {
    server.kill('SIGTERM')
    await pool.end()
  }

  async function measureApiWarmup(): Promise<void> {
    await autocannon({ url: `http://127.0.0.1:${PORT}`, connections: 8, amount: 400, requests: [...searchPaths, ...detailSlugs.slice(0, 20).map(s => `/api/v1/apps/${s}`)].map(path => ({ method: 'GET', path })) })
    for (const statement of searchQueries.flat())
      await pool.query(statement.sql, statement.params)
  }
}

await main()
