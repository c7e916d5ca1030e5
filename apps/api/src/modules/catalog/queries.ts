import type { Database } from '@kas/db'
import type { SQL } from 'drizzle-orm'
import type { SearchText } from '../search/analyze.ts'
import type { CatalogSort, FacetName } from './schemas.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'

export interface CatalogFilters {
  themenfeld?: string[]
  license?: string[]
  attestation?: string[]
  deployment?: string[]
  land?: string[]
  basisdienst?: string[]
}

export type { SearchText } from '../search/analyze.ts'

export interface Keyset {
  key: string
  id: string
}

/** A list of strings as a typed PostgreSQL array, passed as one JSON parameter (same on PGlite and pg). */
function typedArray(values: string[], pgType: 'themenfeld' | 'deployment_model' | 'basisdienst' | 'attestation_kind' | 'text'): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::${sql.raw(pgType)}[]`
}

/** Attestation kinds valid today, from the per-app summary `attestation_valid_until` (ISO dates compare as text). */
function validAttestation(kinds: string[]): SQL {
  return sql.join(kinds.map(kind => sql`(v.attestation_valid_until ->> ${kind}) >= CURRENT_DATE::text`), sql` OR `)
}

/** One condition per facet on the `visible` row `v`; OR within a facet, the caller ANDs them. */
function facetConditions(filters: CatalogFilters): Record<FacetName, SQL | undefined> {
  const { themenfeld, license, attestation, deployment, land, basisdienst } = filters
  return {
    themenfeld: themenfeld?.length ? sql`v.themenfelder && ${typedArray(themenfeld, 'themenfeld')}` : undefined,
    license: license?.length ? sql`v.license = ANY(${typedArray(license, 'text')})` : undefined,
    attestation: attestation?.length ? validAttestation(attestation) : undefined,
    deployment: deployment?.length ? sql`v.deployment_models && ${typedArray(deployment, 'deployment_model')}` : undefined,
    land: land?.length ? sql`v.origin_land_code = ANY(${typedArray(land, 'text')})` : undefined,
    basisdienst: basisdienst?.length ? sql`v.basisdienste && ${typedArray(basisdienst, 'basisdienst')}` : undefined,
  }
}

function and(conditions: (SQL | undefined)[]): SQL {
  const present = conditions.filter((c): c is SQL => c !== undefined)
  return present.length === 0 ? sql`TRUE` : sql.join(present.map(c => sql`(${c})`), sql` AND `)
}

/**
 * The publicly visible apps (certified, with a certificate valid today) matching the search, with a
 * relevance score. Expiry is checked at query time, so an expired app leaves the catalogue the day
 * its certificate ends without any job. `certified_until` and `attestation_valid_until` are per-app
 * summaries kept by triggers (migration 0004), so this reads one row per app.
 *
 * Matching: the query's slots (search/analyze.ts: words with synonyms, variants and compound parts)
 * against the weighted German full-text document, or by trigram word similarity (typos, a word inside
 * a longer compound). Candidates come from the two GIN indexes; a result must match every required
 * slot (generic words such as "online" only rank). When nothing matches, service.ts offers the closest apps.
 *
 * Ranking: exact name 100; share of slots found in the name 40, in search terms/tags/Themenfelder 20,
 * in the summary 8, in the description 3; coverage 10; trigram closeness up to 2; then, among equals,
 * adoption (log) and maintenance (a release within a year). `explain` carries these parts.
 */
function visibleApps(search: SearchText | undefined, options: { ranked: boolean } = { ranked: true }): SQL {
  if (!search) {
    return sql`visible AS (
      SELECT a.id, a.name_folded, a.license, a.themenfelder, a.deployment_models, a.basisdienste, a.origin_land_code,
             a.attestation_valid_until, a.adoption_count, a.created_at, 0::numeric AS score, NULL::jsonb AS explain
      FROM apps a
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE
    )`
  }
  const slots = JSON.stringify(search.slots.map((slot, ord) => ({ ord, tq: slot.tsquery, words: slot.fuzzyWords, required: slot.required, word: slot.word })))
  const slotMatches = sql`(a.search_vector @@ s.tq OR EXISTS (SELECT 1 FROM unnest(s.words) w WHERE w <% a.search_text))`
  // Each branch of the candidate UNION uses its own GIN index; an OR of both would scan every row.
  const common = sql`params AS (
      SELECT ${search.folded}::text AS qf, to_tsquery('german', ${search.candidates.tsquery}) AS tq_candidates,
             ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(search.candidates.fuzzyWords)}::jsonb)) AS candidate_words
    ),
    slots AS (
      SELECT s.ord, s.word, to_tsquery('german', s.tq) AS tq, s.words, s.required
      FROM jsonb_to_recordset(${slots}::jsonb) AS s(ord int, word text, tq text, words text[], required boolean)
    ),
    candidates AS (
      SELECT a.id FROM apps a, params p WHERE a.search_vector @@ p.tq_candidates
      UNION
      SELECT a.id FROM apps a JOIN (SELECT unnest(p.candidate_words) AS w FROM params p) sw ON sw.w <% a.search_text
    )`
  if (!options.ranked) {
    // Facet counts need only which apps match, not how well: no per-field scoring.
    return sql`${common},
    visible AS (
      SELECT a.id, a.license, a.themenfelder, a.deployment_models, a.basisdienste, a.origin_land_code, a.attestation_valid_until
      FROM candidates c JOIN apps a ON a.id = c.id
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE
        AND CASE WHEN EXISTS (SELECT 1 FROM slots r WHERE r.required)
          THEN NOT EXISTS (SELECT 1 FROM slots s WHERE s.required AND NOT ${slotMatches})
          ELSE EXISTS (SELECT 1 FROM slots s WHERE ${slotMatches}) END
    )`
  }
  return sql`${common},
    hits AS MATERIALIZED (
      SELECT a.id, s.ord, s.word, s.required, a.name_folded, a.search_text, a.adoption_count,
             (a.search_vector @@ s.tq OR EXISTS (SELECT 1 FROM unnest(s.words) w WHERE w <% a.search_text)) AS hit,
             (ts_filter(a.search_vector, '{a}') @@ s.tq OR EXISTS (SELECT 1 FROM unnest(s.words) w WHERE w <% a.name_folded)) AS in_name,
             ts_filter(a.search_vector, '{b}') @@ s.tq AS in_terms,
             ts_filter(a.search_vector, '{c}') @@ s.tq AS in_summary,
             ts_filter(a.search_vector, '{d}') @@ s.tq AS in_description
      FROM apps a CROSS JOIN slots s
      -- An id list rather than a join: the planner then reads the few candidates by primary key
      -- instead of scanning every public app to hash them.
      WHERE a.id = ANY(ARRAY(SELECT id FROM candidates)) AND a.status = 'certified' AND a.certified_until >= CURRENT_DATE
    ),
    per_app AS (
      SELECT id,
             count(*) FILTER (WHERE required AND hit) AS required_hits,
             count(*) FILTER (WHERE hit) AS slot_hits,
             count(*) FILTER (WHERE in_name) AS name_hits,
             count(*) FILTER (WHERE in_terms) AS term_hits,
             count(*) FILTER (WHERE in_summary) AS summary_hits,
             count(*) FILTER (WHERE in_description) AS description_hits,
             array_agg(word ORDER BY ord) FILTER (WHERE hit) AS matched
      FROM hits GROUP BY id
    ),
    slot_count AS (SELECT count(*)::numeric AS n, count(*) FILTER (WHERE required) AS required FROM slots),
    ranked AS (
      SELECT a.id, a.name_folded, a.license, a.themenfelder, a.deployment_models, a.basisdienste, a.origin_land_code,
             a.attestation_valid_until, a.adoption_count, a.created_at, x.matched,
             CASE WHEN a.name_folded = p.qf THEN 100 ELSE 0 END AS exact_name,
             round(40 * x.name_hits / sc.n, 3) AS name,
             round(20 * x.term_hits / sc.n, 3) AS terms,
             round(8 * x.summary_hits / sc.n, 3) AS summary,
             round(3 * x.description_hits / sc.n, 3) AS description,
             round(10 * x.slot_hits / sc.n, 3) AS coverage,
             round((2 * word_similarity(p.qf, a.search_text))::numeric, 3) AS fuzzy,
             round((0.3 * ln(1 + a.adoption_count))::numeric, 3) AS adoption,
             CASE WHEN (SELECT max(r.released_on) FROM releases r WHERE r.app_id = a.id) >= CURRENT_DATE - 365 THEN 0.5 ELSE 0 END AS maintained
      FROM per_app x JOIN apps a ON a.id = x.id, params p, slot_count sc
      WHERE x.slot_hits > 0
        AND CASE WHEN sc.required > 0 THEN x.required_hits = sc.required ELSE x.slot_hits > 0 END
    ),
    visible AS (
      SELECT r.id, r.name_folded, r.license, r.themenfelder, r.deployment_models, r.basisdienste, r.origin_land_code,
             r.attestation_valid_until, r.adoption_count, r.created_at,
             (r.exact_name + r.name + r.terms + r.summary + r.description + r.coverage + r.fuzzy + r.adoption + r.maintained)::numeric(12, 3) AS score,
             jsonb_build_object('matched', to_jsonb(r.matched), 'exactName', r.exact_name, 'name', r.name, 'termsAndTags', r.terms, 'summary', r.summary,
               'description', r.description, 'coverage', r.coverage, 'fuzzy', r.fuzzy, 'adoption', r.adoption, 'maintained', r.maintained) AS explain
      FROM ranked r
    )`
}

/**
 * Sort key and direction of each sort; `cast` turns the cursor's text back into the key's type.
 * Keys are plain columns where possible so that an index can serve the order (apps_public_adoptions_idx).
 */
export const sortKeys: Record<CatalogSort, { key: SQL, cast: SQL, descending: boolean, cursorPattern: RegExp }> = {
  relevance: { key: sql`v.score`, cast: sql`::numeric`, descending: true, cursorPattern: /^\d+(?:\.\d+)?$/ },
  adoptions: { key: sql`v.adoption_count`, cast: sql`::int`, descending: true, cursorPattern: /^\d{1,9}$/ },
  newest: { key: sql`v.created_at`, cast: sql`::timestamptz`, descending: true, cursorPattern: /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{1,6})?\+00$/ },
  name: { key: sql`v.name_folded COLLATE "C"`, cast: sql`::text COLLATE "C"`, descending: false, cursorPattern: /^[^\u0000]{0,200}$/ },
}

export interface CatalogRow {
  id: string
  slug: string
  name: string
  summary: string
  license: string
  themenfelder: string[]
  deployment_models: string[]
  adoption_count: number
  owner_slug: string
  owner_name: string
  owner_kind: string
  latest_version: string | null
  valid_until: string
  sort_key: string
  score: number
  explain: Record<string, unknown> | null
}

export interface CatalogPageInput {
  search?: SearchText
  filters: CatalogFilters
  sort: CatalogSort
  limit: number
  after?: Keyset
}

/** One page of matching apps in the requested order, starting after `after`; fetches limit + 1 to know whether more follow. */
export function catalogPageQuery(input: CatalogPageInput): SQL {
  const { key, cast, descending } = sortKeys[input.sort]
  const keyset = input.after
    ? descending
      ? sql`(${key} < ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
      : sql`(${key} > ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
    : undefined
  const where = and([...Object.values(facetConditions(input.filters)), keyset])
  // The page is chosen on the narrow `visible` rows; display columns are read for those rows only.
  return sql`
    WITH ${visibleApps(input.search)},
    page AS (
      SELECT v.id, (${key})::text AS sort_key, ${key} AS sort_value, v.score, v.explain FROM visible v
      WHERE ${where}
      ORDER BY ${key} ${descending ? sql`DESC` : sql`ASC`}, v.id ASC
      LIMIT ${input.limit + 1}
    )
    SELECT a.id, a.slug, a.name, a.summary, a.license, a.themenfelder::text[] AS themenfelder,
           a.deployment_models::text[] AS deployment_models, a.adoption_count,
           a.certified_until::text AS valid_until, page.sort_key, page.score::float8 AS score, page.explain,
           o.slug AS owner_slug, o.name AS owner_name, o.kind AS owner_kind,
           (SELECT r.version FROM releases r WHERE r.app_id = a.id
             ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS latest_version
    FROM page
    JOIN apps a ON a.id = page.id
    JOIN organizations o ON o.id = a.owner_organization_id
    ORDER BY page.sort_value ${descending ? sql`DESC` : sql`ASC`}, page.id ASC`
}

export function selectCatalogPage(db: Database, input: CatalogPageInput): Promise<CatalogRow[]> {
  return selectRows<CatalogRow>(db, catalogPageQuery(input))
}

export interface FacetCountRow {
  facet: FacetName | '_total'
  value: string
  count: number
}

/**
 * Facet counts on the matching set, each facet computed with all filters except its own
 * (drill-down: choosing a Themenfeld does not hide the other Themenfelder), plus the total.
 */
export function facetCountsQuery(search: SearchText | undefined, filters: CatalogFilters): SQL {
  const conditions = facetConditions(filters)
  const except = (facet: FacetName) => and(Object.entries(conditions).filter(([name]) => name !== facet).map(([, c]) => c))
  return sql`
    WITH ${visibleApps(search, { ranked: false })}
    SELECT 'themenfeld' AS facet, x::text AS value, count(*)::int AS count
      FROM visible v CROSS JOIN LATERAL unnest(v.themenfelder) x WHERE ${except('themenfeld')} GROUP BY x
    UNION ALL
    SELECT 'license', v.license, count(*)::int FROM visible v WHERE ${except('license')} GROUP BY v.license
    UNION ALL
    SELECT 'attestation', e.key, count(*)::int
      FROM visible v CROSS JOIN LATERAL jsonb_each_text(v.attestation_valid_until) e
      WHERE e.value >= CURRENT_DATE::text AND ${except('attestation')} GROUP BY e.key
    UNION ALL
    SELECT 'deployment', x::text, count(*)::int
      FROM visible v CROSS JOIN LATERAL unnest(v.deployment_models) x WHERE ${except('deployment')} GROUP BY x
    UNION ALL
    SELECT 'land', v.origin_land_code, count(*)::int
      FROM visible v WHERE v.origin_land_code IS NOT NULL AND ${except('land')} GROUP BY v.origin_land_code
    UNION ALL
    SELECT 'basisdienst', x::text, count(*)::int
      FROM visible v CROSS JOIN LATERAL unnest(v.basisdienste) x WHERE ${except('basisdienst')} GROUP BY x
    UNION ALL
    SELECT '_total', '', count(*)::int FROM visible v WHERE ${and(Object.values(conditions))}`
}

export function selectFacetCounts(db: Database, search: SearchText | undefined, filters: CatalogFilters): Promise<FacetCountRow[]> {
  return selectRows<FacetCountRow>(db, facetCountsQuery(search, filters))
}

