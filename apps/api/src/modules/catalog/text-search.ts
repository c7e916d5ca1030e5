import type { SlotPattern, TextIndex } from '../search/engine/text-index.ts'
import type { TrigramPattern } from '../search/engine/trigram.ts'
import type { Stemmer } from '../search/engine/stemmer.ts'
import type { SearchText } from '../search/analyze.ts'
import type { CatalogFilters, FacetCountRow, Keyset } from './queries.ts'
import type { CatalogSort, FacetName } from './schemas.ts'
import type { PublicApp } from './snapshot.ts'
import { FIELD } from '../search/engine/text-index.ts'
import { facetNames } from './schemas.ts'

/** Everything a text search reads, for one catalogue version. */
export interface SearchIndexes {
  text: TextIndex
  apps: Map<string, PublicApp>
  stemmer: Stemmer
  /** The database's CURRENT_DATE of the catalogue stamp (ISO), for attestation validity. */
  today: string
}

export interface Explanation {
  matched: string[]
  exactName: number
  name: number
  termsAndTags: number
  summary: number
  description: number
  coverage: number
  fuzzy: number
  adoption: number
  maintained: number
}

export interface RankedApp {
  app: PublicApp
  /** The cursor's key for the requested sort. */
  sortKey: string
  score: number
  explain: Explanation
}

export interface TextSearchResult {
  /** Up to limit + 1 apps, in order, after the cursor. */
  page: RankedApp[]
  facets: FacetCountRow[]
}

/** Score parts are kept in thousandths, so sums and comparisons are exact (as numeric(12,3) was). */
const thousandths = (value: number) => Math.round(value * 1000)

/** The query's slots as lexemes: PostgreSQL's German stems of every word (stop words drop out). */
async function slotPatterns(search: SearchText, stemmer: Stemmer): Promise<SlotPattern[]> {
  const stems = await stemmer.stem(search.slots.flatMap(slot => slot.alternatives.flatMap(alternative => alternative.words)))
  return search.slots.map(slot => ({
    alternatives: slot.alternatives
      .map(alternative => ({ lexemes: alternative.words.flatMap(word => stems.get(word) ?? []), prefix: alternative.prefix }))
      .filter(alternative => alternative.lexemes.length > 0),
    fuzzy: slot.fuzzyWords,
  }))
}

/** A public app that matched the search: which slots it matched, and in how many slots each field matched. */
interface Match {
  app: PublicApp
  position: number
  matched: string[]
  inField: Record<number, number>
}

/**
 * The public apps that match: every required slot (generic words such as "online" only rank), or
 * any slot when all are generic. Required slots are matched one after another, each only among the
 * apps that matched the ones before (the longest word first, as the most selective).
 */
function matchApps(search: SearchText, patterns: SlotPattern[], indexes: SearchIndexes): Match[] {
  const { slots } = search
  const { text } = indexes
  const required = slots.map((_, i) => i).filter(i => slots[i].required).sort((a, b) => slots[b].word.length - slots[a].word.length)
  const slotMatches: Map<number, number>[] = Array.from({ length: slots.length })
  let candidates: Set<number> | undefined
  for (const i of required) {
    slotMatches[i] = text.matchSlot(patterns[i], candidates)
    candidates = new Set(slotMatches[i].keys())
  }
  slots.forEach((slot, i) => {
    if (!slot.required)
      slotMatches[i] = text.matchSlot(patterns[i], candidates)
  })
  candidates ??= new Set(slotMatches.flatMap(match => [...match.keys()]))

  const matches: Match[] = []
  for (const position of candidates) {
    const app = indexes.apps.get(text.id(position))
    if (!app)
      continue
    const inField = { [FIELD.A]: 0, [FIELD.B]: 0, [FIELD.C]: 0, [FIELD.D]: 0 }
    const matched: string[] = []
    let requiredHits = 0
    slotMatches.forEach((slotMatch, i) => {
      const mask = slotMatch.get(position) ?? 0
      if (mask & FIELD.HIT) {
        matched.push(slots[i].word)
        requiredHits += slots[i].required ? 1 : 0
      }
      inField[FIELD.A] += mask & FIELD.A ? 1 : 0
      inField[FIELD.B] += mask & FIELD.B ? 1 : 0
      inField[FIELD.C] += mask & FIELD.C ? 1 : 0
      inField[FIELD.D] += mask & FIELD.D ? 1 : 0
    })
    if (requiredHits === required.length && matched.length > 0)
      matches.push({ app, position, matched, inField })
  }
  return matches
}

/**
 * Ranking, in thousandths of a point: exact name 100; share of slots found in the name 40, in search
 * terms/tags/Themenfelder 20, in the summary 8, in the description 3; coverage 10; trigram closeness
 * up to 2; then, among equals, adoption (log) and maintenance (a release within a year).
 */
function score(match: Match, search: SearchText, queryPattern: TrigramPattern, text: TextIndex): Omit<Explanation, 'matched'> {
  const share = (weight: number, count: number) => thousandths(weight * count / search.slots.length)
  return {
    exactName: match.app.nameFolded === search.folded ? 100_000 : 0,
    name: share(40, match.inField[FIELD.A]),
    termsAndTags: share(20, match.inField[FIELD.B]),
    summary: share(8, match.inField[FIELD.C]),
    description: share(3, match.inField[FIELD.D]),
    coverage: share(10, match.matched.length),
    fuzzy: thousandths(2 * text.similarity(queryPattern, match.position)),
    adoption: thousandths(0.3 * Math.log(1 + match.app.adoptionCount)),
    maintained: match.app.maintained ? 500 : 0,
  }
}

const total = (parts: Omit<Explanation, 'matched'>) => Object.values(parts).reduce((sum, part) => sum + part, 0)

/** One predicate per facet; OR within a facet, the caller ANDs them. */
function facetPredicates(filters: CatalogFilters, today: string): Partial<Record<FacetName, (app: PublicApp) => boolean>> {
  const overlaps = (values: string[], wanted: string[]) => values.some(value => wanted.includes(value))
  const { themenfeld, license, attestation, deployment, land, basisdienst } = filters
  const predicates: Partial<Record<FacetName, (app: PublicApp) => boolean>> = {}
  if (themenfeld?.length)
    predicates.themenfeld = app => overlaps(app.themenfelder, themenfeld)
  if (license?.length)
    predicates.license = app => license.includes(app.license)
  if (attestation?.length)
    predicates.attestation = app => attestation.some(kind => (app.attestationValidUntil[kind] ?? '') >= today)
  if (deployment?.length)
    predicates.deployment = app => overlaps(app.deploymentModels, deployment)
  if (land?.length)
    predicates.land = app => app.originLandCode !== null && land.includes(app.originLandCode)
  if (basisdienst?.length)
    predicates.basisdienst = app => overlaps(app.basisdienste, basisdienst)
  return predicates
}

/** Values of one facet for one app. */
function facetValues(facet: FacetName, app: PublicApp, today: string): string[] {
  switch (facet) {
    case 'themenfeld': return app.themenfelder
    case 'license': return [app.license]
    case 'attestation': return Object.entries(app.attestationValidUntil).filter(([, until]) => until >= today).map(([kind]) => kind)
    case 'deployment': return app.deploymentModels
    case 'land': return app.originLandCode === null ? [] : [app.originLandCode]
    case 'basisdienst': return app.basisdienste
  }
}

/** Drill-down facet counts: each facet counted with every filter except its own, plus the total. */
function countFacets(apps: PublicApp[], filters: CatalogFilters, today: string): FacetCountRow[] {
  const predicates = Object.entries(facetPredicates(filters, today)) as [FacetName, (app: PublicApp) => boolean][]
  const counts = new Map<FacetName, Map<string, number>>(facetNames.map(facet => [facet, new Map()]))
  let total = 0
  for (const app of apps) {
    // The filters this app fails: it counts for a facet only if it fails none or only that facet's own.
    const failed = predicates.filter(([, predicate]) => !predicate(app)).map(([facet]) => facet)
    if (failed.length > 1)
      continue
    total += failed.length === 0 ? 1 : 0
    for (const facet of failed.length === 0 ? facetNames : failed) {
      const facetCounts = counts.get(facet)!
      for (const value of facetValues(facet, app, today))
        facetCounts.set(value, (facetCounts.get(value) ?? 0) + 1)
    }
  }
  const rows: FacetCountRow[] = [...counts].flatMap(([facet, values]) => [...values].map(([value, count]) => ({ facet, value, count })))
  rows.push({ facet: '_total', value: '', count: total })
  return rows
}

type Comparable = number | string

/** Sort key and direction per sort; ties are broken by id ascending, as in SQL. */
const sortOrders: Record<CatalogSort, { key: (app: PublicApp, score: number) => Comparable, parse: (key: string) => Comparable, format: (key: Comparable) => string, descending: boolean }> = {
  relevance: { key: (_, score) => score, parse: key => thousandths(Number(key)), format: key => ((key as number) / 1000).toFixed(3), descending: true },
  adoptions: { key: app => app.adoptionCount, parse: Number, format: String, descending: true },
  newest: { key: app => app.createdAt, parse: key => key, format: String, descending: true },
  name: { key: app => app.nameFolded, parse: key => key, format: String, descending: false },
}

function compare(a: { key: Comparable, id: string }, b: { key: Comparable, id: string }, descending: boolean): number {
  if (a.key !== b.key)
    return (a.key < b.key ? -1 : 1) * (descending ? -1 : 1)
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0
}

/** A text search over the public catalogue, in memory: ranked page after the cursor and facet counts. */
export async function searchCatalog(
  input: { search: SearchText, filters: CatalogFilters, sort: CatalogSort, limit: number, after?: Keyset },
  indexes: SearchIndexes,
): Promise<TextSearchResult> {
  const { search } = input
  const matches = matchApps(search, await slotPatterns(search, indexes.stemmer), indexes)
  const facets = countFacets(matches.map(match => match.app), input.filters, indexes.today)

  // Scores only for the apps that pass the filters: facet counts do not need them.
  const queryPattern = indexes.text.pattern(search.folded)
  const predicates = Object.values(facetPredicates(input.filters, indexes.today))
  const order = sortOrders[input.sort]
  const after = input.after && { key: order.parse(input.after.key), id: input.after.id }
  const page = matches
    .filter(match => predicates.every(predicate => predicate(match.app)))
    .map((match) => {
      const parts = score(match, search, queryPattern, indexes.text)
      return { match, parts, key: order.key(match.app, total(parts)), id: match.app.id }
    })
    .filter(entry => !after || compare(entry, after, order.descending) > 0)
    .sort((a, b) => compare(a, b, order.descending))
    .slice(0, input.limit + 1)
  return {
    page: page.map(({ match, parts, key }) => ({
      app: match.app,
      sortKey: order.format(key),
      score: total(parts) / 1000,
      explain: { matched: match.matched, ...Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, value / 1000])) } as Explanation,
    })),
    facets,
  }
}
