import type { SlotMatch, SlotPattern, TextIndex } from '../search/engine/text-index.ts'
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

/** Score parts are kept in thousandths of a point (as numeric(12,3) was). */
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

/** A public app that matched the search, and where it sits in the text index. */
interface Match {
  app: PublicApp
  position: number
}

/** The public apps by their position in the text index, built once per pair of index and snapshot. */
const publicByPosition = new WeakMap<Map<string, PublicApp>, { text: TextIndex, apps: (PublicApp | undefined)[] }>()

function publicApps(indexes: SearchIndexes): (PublicApp | undefined)[] {
  const known = publicByPosition.get(indexes.apps)
  if (known?.text === indexes.text)
    return known.apps
  const apps: (PublicApp | undefined)[] = Array.from({ length: indexes.text.size })
  for (const app of indexes.apps.values()) {
    const position = indexes.text.position(app.id)
    if (position !== undefined)
      apps[position] = app
  }
  publicByPosition.set(indexes.apps, { text: indexes.text, apps })
  return apps
}

/**
 * The public apps that match: every required slot (generic words such as "online" only rank), or
 * any slot when all are generic. Candidates come from the required slot with the fewest matches.
 */
function matchApps(search: SearchText, patterns: SlotPattern[], indexes: SearchIndexes): { matches: Match[], slotMatches: SlotMatch[] } {
  const { slots } = search
  const slotMatches: SlotMatch[] = patterns.map(pattern => indexes.text.matchSlot(pattern))
  const required = slots.map((_, i) => i).filter(i => slots[i].required)
  const narrowest = required.sort((a, b) => slotMatches[a].positions.length - slotMatches[b].positions.length)[0]
  const positions = narrowest === undefined ? [...new Set(slotMatches.flatMap(match => match.positions))] : slotMatches[narrowest].positions

  const byPosition = publicApps(indexes)
  const matches: Match[] = []
  for (const position of positions) {
    const app = byPosition[position]
    if (app && required.every(i => slotMatches[i].fields[position] !== 0))
      matches.push({ app, position })
  }
  return { matches, slotMatches }
}

/** The parts of an app's score, in thousandths of a point, so that sums and comparisons are exact. */
type ScoreParts = Omit<Explanation, 'matched'>

/**
 * Ranking: exact name 100; share of slots found in the name 40, in search terms/tags/Themenfelder 20,
 * in the summary 8, in the description 3; coverage 10; trigram closeness up to 2; then, among equals,
 * adoption (log) and maintenance (a release within a year).
 */
function score(match: Match, search: SearchText, slotMatches: SlotMatch[], queryPattern: TrigramPattern, text: TextIndex): { matched: string[], parts: ScoreParts } {
  // How many slots matched at all, and how many in each field.
  const matched: string[] = []
  const inField = { [FIELD.A]: 0, [FIELD.B]: 0, [FIELD.C]: 0, [FIELD.D]: 0 }
  search.slots.forEach((slot, i) => {
    const mask = slotMatches[i].fields[match.position]
    if (mask === 0)
      return
    matched.push(slot.word)
    for (const bit of [FIELD.A, FIELD.B, FIELD.C, FIELD.D])
      inField[bit] += mask & bit ? 1 : 0
  })
  const share = (weight: number, count: number) => thousandths(weight * count / search.slots.length)
  return {
    matched,
    parts: {
      exactName: match.app.nameFolded === search.folded ? 100_000 : 0,
      name: share(40, inField[FIELD.A]),
      termsAndTags: share(20, inField[FIELD.B]),
      summary: share(8, inField[FIELD.C]),
      description: share(3, inField[FIELD.D]),
      coverage: share(10, matched.length),
      fuzzy: thousandths(2 * text.similarity(queryPattern, match.position)),
      adoption: thousandths(0.3 * Math.log(1 + match.app.adoptionCount)),
      maintained: match.app.maintained ? 500 : 0,
    },
  }
}

const total = (parts: ScoreParts) => Object.values(parts).reduce((sum, part) => sum + part, 0)

/** One predicate per facet; OR within a facet, the caller ANDs them. */
function facetPredicates(filters: CatalogFilters): Partial<Record<FacetName, (app: PublicApp) => boolean>> {
  const overlaps = (values: string[], wanted: string[]) => values.some(value => wanted.includes(value))
  const { themenfeld, license, attestation, deployment, land, basisdienst } = filters
  const predicates: Partial<Record<FacetName, (app: PublicApp) => boolean>> = {}
  if (themenfeld?.length)
    predicates.themenfeld = app => overlaps(app.themenfelder, themenfeld)
  if (license?.length)
    predicates.license = app => license.includes(app.license)
  if (attestation?.length)
    predicates.attestation = app => overlaps(app.validAttestations, attestation)
  if (deployment?.length)
    predicates.deployment = app => overlaps(app.deploymentModels, deployment)
  if (land?.length)
    predicates.land = app => app.originLandCode !== null && land.includes(app.originLandCode)
  if (basisdienst?.length)
    predicates.basisdienst = app => overlaps(app.basisdienste, basisdienst)
  return predicates
}

/** Values of one facet for one app. */
function facetValues(facet: FacetName, app: PublicApp): string[] {
  switch (facet) {
    case 'themenfeld': return app.themenfelder
    case 'license': return [app.license]
    case 'attestation': return app.validAttestations
    case 'deployment': return app.deploymentModels
    case 'land': return app.originLandCode === null ? [] : [app.originLandCode]
    case 'basisdienst': return app.basisdienste
  }
}

/** Drill-down facet counts: each facet counted with every filter except its own, plus the total. */
function countFacets(apps: PublicApp[], filters: CatalogFilters): FacetCountRow[] {
  const predicates = Object.entries(facetPredicates(filters)) as [FacetName, (app: PublicApp) => boolean][]
  const counts = new Map<FacetName, Map<string, number>>(facetNames.map(facet => [facet, new Map()]))
  let total = 0
  const countValues = (facet: FacetName, app: PublicApp) => {
    const facetCounts = counts.get(facet)!
    for (const value of facetValues(facet, app))
      facetCounts.set(value, (facetCounts.get(value) ?? 0) + 1)
  }
  for (const app of apps) {
    // An app counts for a facet when it passes every filter, or fails only that facet's own.
    let failed: FacetName | undefined
    let failures = 0
    for (const [facet, predicate] of predicates) {
      if (!predicate(app)) {
        failed = facet
        if (++failures > 1)
          break
      }
    }
    if (failures === 0) {
      total++
      for (const facet of facetNames)
        countValues(facet, app)
    }
    else if (failures === 1) {
      countValues(failed!, app)
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
  const { matches, slotMatches } = matchApps(search, await slotPatterns(search, indexes.stemmer), indexes)
  const facets = countFacets(matches.map(match => match.app), input.filters)

  // Scores only for the apps that pass the filters: facet counts do not need them.
  const queryPattern = indexes.text.pattern(search.folded)
  const predicates = Object.values(facetPredicates(input.filters))
  const order = sortOrders[input.sort]
  const after = input.after && { key: order.parse(input.after.key), id: input.after.id }
  const page = matches
    .filter(match => predicates.every(predicate => predicate(match.app)))
    .map((match) => {
      const { matched, parts } = score(match, search, slotMatches, queryPattern, indexes.text)
      return { match, matched, parts, key: order.key(match.app, total(parts)), id: match.app.id }
    })
    .filter(entry => !after || compare(entry, after, order.descending) > 0)
    .sort((a, b) => compare(a, b, order.descending))
    .slice(0, input.limit + 1)
  return {
    page: page.map(({ match, matched, parts, key }) => ({
      app: match.app,
      sortKey: order.format(key),
      score: total(parts) / 1000,
      explain: { matched, ...Object.fromEntries(Object.entries(parts).map(([name, value]) => [name, value / 1000])) as ScoreParts },
    })),
    facets,
  }
}
