/**
 * Relevance benchmark of the catalogue search over the demo catalogue: MRR (first relevant hit) and
 * recall@5 per kind of query, from the judged queries in search-judgments.ts. Fails when a figure
 * drops below the one recorded in search-baseline.json, so that a search change cannot quietly
 * make finding things worse.
 *
 *   pnpm bench:search              PGlite (BENCH_DATABASE_URL=postgres://… for PostgreSQL)
 *   pnpm bench:search --record     write the current figures as the new baseline
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { buildApp } from '@kas/api/app'
import { createDb, migrate } from '@kas/db'
import { seedDemoData } from '@kas/db/seed'
import pg from 'pg'
import { judgedQueries } from './search-judgments.ts'

const baselineFile = new URL('./search-baseline.json', import.meta.url)
type Figures = Record<string, { queries: number, mrr: number, recallAt5: number }>

const serverUrl = process.env.BENCH_DATABASE_URL
const benchDatabase = `kas_search_bench_${process.pid}`

/** A fresh database on the server, dropped again at the end. */
async function onServer(statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl })
  await admin.connect()
  await admin.query(statement)
  await admin.end()
}

async function openDatabase() {
  if (!serverUrl)
    return createDb({})
  await onServer(`CREATE DATABASE ${benchDatabase}`)
  const url = new URL(serverUrl)
  url.pathname = `/${benchDatabase}`
  return createDb({ databaseUrl: url.toString() })
}

const database = await openDatabase()
await migrate(database)
await seedDemoData(database.db)
const app = await buildApp({ database, webRoot: false, rateLimitPerMinute: 1_000_000 })

const publicSlugs = new Set<string>((await app.inject({ url: '/api/v1/apps?limit=100' })).json().items.map((item: { slug: string }) => item.slug))
const figures: Figures = {}
const misses: string[] = []
for (const [kind, queries] of Object.entries(judgedQueries)) {
  let reciprocalRanks = 0
  let recall = 0
  for (const { q, relevant } of queries) {
    const hidden = relevant.filter(slug => !publicSlugs.has(slug))
    if (hidden.length > 0)
      throw new Error(`judged query "${q}" names apps that are not public: ${hidden.join(', ')}`)
    const response = await app.inject({ url: `/api/v1/apps?q=${encodeURIComponent(q)}&limit=10` })
    const slugs: string[] = response.json().items.map((item: { slug: string }) => item.slug)
    const rank = slugs.findIndex(slug => relevant.includes(slug)) + 1
    reciprocalRanks += rank > 0 ? 1 / rank : 0
    recall += slugs.slice(0, 5).filter(slug => relevant.includes(slug)).length / Math.min(relevant.length, 5)
    if (rank !== 1)
      misses.push(`${kind.padEnd(14)} "${q}" → ${rank === 0 ? 'not in the top 10' : `rank ${rank}`} (top: ${slugs.slice(0, 3).join(', ') || 'nothing'})`)
  }
  figures[kind] = { queries: queries.length, mrr: round(reciprocalRanks / queries.length), recallAt5: round(recall / queries.length) }
}
const all = Object.values(figures)
const count = all.reduce((sum, f) => sum + f.queries, 0)
figures.all = {
  queries: count,
  mrr: round(all.reduce((sum, f) => sum + f.mrr * f.queries, 0) / count),
  recallAt5: round(all.reduce((sum, f) => sum + f.recallAt5 * f.queries, 0) / count),
}
await app.close()
await database.close()
if (serverUrl)
  await onServer(`DROP DATABASE ${benchDatabase}`)

function round(value: number): number {
  return Math.round(value * 1000) / 1000
}

console.log(`Search relevance on ${process.env.BENCH_DATABASE_URL ? 'PostgreSQL' : 'PGlite'}: ${count} judged queries over ${publicSlugs.size} public demo apps`)
console.log(`${'kind'.padEnd(16)}${'queries'.padStart(8)}${'MRR'.padStart(8)}${'recall@5'.padStart(10)}`)
for (const [kind, f] of Object.entries(figures))
  console.log(`${kind.padEnd(16)}${String(f.queries).padStart(8)}${f.mrr.toFixed(3).padStart(8)}${f.recallAt5.toFixed(3).padStart(10)}`)
if (misses.length > 0)
  console.log(`\nNot ranked first (${misses.length}):\n  ${misses.join('\n  ')}`)

if (process.argv.includes('--record')) {
  writeFileSync(baselineFile, `${JSON.stringify(figures, null, 2)}\n`)
  console.log('\nRecorded as the new baseline in bench/search-baseline.json.')
}
else {
  const baseline = JSON.parse(readFileSync(baselineFile, 'utf8')) as Figures
  const drops = Object.entries(baseline).flatMap(([kind, recorded]) => {
    const now = figures[kind]
    if (!now)
      return [`${kind}: no longer measured`]
    return (['mrr', 'recallAt5'] as const).filter(metric => now[metric] < recorded[metric]).map(metric => `${kind} ${metric}: ${now[metric]} < recorded ${recorded[metric]}`)
  })
  if (drops.length > 0) {
    console.error(`\nRelevance dropped below the recorded figures:\n  ${drops.join('\n  ')}`)
    process.exit(1)
  }
  console.log('\nNo figure is below the recorded baseline.')
}
