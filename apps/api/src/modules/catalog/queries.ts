import type { Database } from '@kas/db'
import type { SQL } from 'drizzle-orm'
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

export interface SearchText {
  /** The text as typed. */
  raw: string
  /** German tsquery with prefix on the last word (see search-terms.ts). */
  tsquery: string
}

export interface Keyset {
  key: string
  id: string
}

/** A list of strings as a typed PostgreSQL array, passed as one JSON parameter (same on PGlite and pg). */
function typedArray(values: string[], pgType: 'themenfeld' | 'deployment_model' | 'basisdienst' | 'attestation_kind' | 'text'): SQL {
  return sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))::${sql.raw(pgType)}[]`
}

/** One condition per facet on the `visible` row `v`; OR within a facet, the caller ANDs them. */
function facetConditions(filters: CatalogFilters): Record<FacetName, SQL | undefined> {
  const { themenfeld, license, attestation, deployment, land, basisdienst } = filters
  return {
    themenfeld: themenfeld?.length ? sql`v.themenfelder && ${typedArray(themenfeld, 'themenfeld')}` : undefined,
    license: license?.length ? sql`v.license = ANY(${typedArray(license, 'text')})` : undefined,
    attestation: attestation?.length ? sql`v.attestation_kinds && ${typedArray(attestation, 'attestation_kind')}` : undefined,
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
 * The publicly visible apps (certified, with a certificate valid today) matching the search text,
 * with a relevance score. Expiry is checked at query time, so an expired app leaves the catalogue
 * the day its certificate ends without any job.
 *
 * Matching (DESIGN.md §5): German full-text search on the weighted document, OR trigram word
 * similarity on the folded name/tags/summary (typos and word parts: "hundesteur", "steuer" in
 * "Hundesteuer"). Score: exact name 10, name prefix 2, plus ts_rank and the trigram similarity.
 */
function visibleApps(search: SearchText | undefined): SQL {
  const match = search
    ? sql`AND (a.search_vector @@ p.tq OR p.qf <% a.search_text)`
    : sql``
  const score = search
    ? sql`round((
        CASE WHEN lower(f_unaccent(a.name)) = p.qf THEN 10 ELSE 0 END
        + CASE WHEN lower(f_unaccent(a.name)) LIKE p.qf || '%' THEN 2 ELSE 0 END
        + ts_rank(a.search_vector, p.tq)
        + word_similarity(p.qf, a.search_text))::numeric, 6)`
    : sql`0::numeric`
  const params = search
    ? sql`, (SELECT lower(f_unaccent(${search.raw})) AS qf, to_tsquery('german', f_unaccent(${search.tsquery})) AS tq) p`
    : sql``
  return sql`visible AS (
    SELECT a.id, a.slug, a.name, a.summary, a.license, a.themenfelder, a.deployment_models, a.basisdienste,
           a.origin_land_code, a.adoption_count, a.created_at, a.owner_organization_id,
           lower(f_unaccent(a.name)) AS sort_name,
           c.certificate_number, c.valid_until,
           ARRAY(SELECT DISTINCT t.kind FROM attestations t WHERE t.app_id = a.id AND t.valid_until >= CURRENT_DATE) AS attestation_kinds,
           ${score} AS score
    FROM apps a ${params}
    JOIN LATERAL (
      SELECT c.certificate_number, c.valid_until FROM certifications c
      WHERE c.app_id = a.id AND c.status = 'valid' AND c.valid_until >= CURRENT_DATE
      ORDER BY c.valid_until DESC LIMIT 1
    ) c ON TRUE
    WHERE a.status = 'certified' ${match}
  )`
}

/** Sort key (as text, for the cursor) and direction of each sort. */
const sortKeys: Record<CatalogSort, { key: SQL, cast: SQL, descending: boolean }> = {
  relevance: { key: sql`v.score`, cast: sql`::numeric`, descending: true },
  adoptions: { key: sql`v.adoption_count::numeric`, cast: sql`::numeric`, descending: true },
  newest: { key: sql`extract(epoch FROM v.created_at)`, cast: sql`::numeric`, descending: true },
  name: { key: sql`v.sort_name COLLATE "C"`, cast: sql`::text COLLATE "C"`, descending: false },
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
  certificate_number: string
  valid_until: string
  sort_key: string
}

/** One page of matching apps in the requested order, starting after `after`; fetches limit + 1 to know whether more follow. */
export async function selectCatalogPage(db: Database, input: {
  search?: SearchText
  filters: CatalogFilters
  sort: CatalogSort
  limit: number
  after?: Keyset
}): Promise<CatalogRow[]> {
  const { key, cast, descending } = sortKeys[input.sort]
  const keyset = input.after
    ? descending
      ? sql`(${key} < ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
      : sql`(${key} > ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
    : undefined
  const where = and([...Object.values(facetConditions(input.filters)), keyset])
  const rows = await selectRows<CatalogRow>(db, sql`
    WITH ${visibleApps(input.search)}
    SELECT v.id, v.slug, v.name, v.summary, v.license, v.themenfelder::text[] AS themenfelder,
           v.deployment_models::text[] AS deployment_models, v.adoption_count,
           v.certificate_number, v.valid_until::text AS valid_until,
           o.slug AS owner_slug, o.name AS owner_name, o.kind AS owner_kind,
           (SELECT r.version FROM releases r WHERE r.app_id = v.id
             ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS latest_version,
           (${key})::text AS sort_key
    FROM visible v JOIN organizations o ON o.id = v.owner_organization_id
    WHERE ${where}
    ORDER BY ${key} ${descending ? sql`DESC` : sql`ASC`}, v.id ASC
    LIMIT ${input.limit + 1}`)
  return rows
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
export async function selectFacetCounts(db: Database, search: SearchText | undefined, filters: CatalogFilters): Promise<FacetCountRow[]> {
  const conditions = facetConditions(filters)
  const except = (facet: FacetName) => and(Object.entries(conditions).filter(([name]) => name !== facet).map(([, c]) => c))
  const rows = await selectRows<FacetCountRow>(db, sql`
    WITH ${visibleApps(search)}
    SELECT 'themenfeld' AS facet, x::text AS value, count(*)::int AS count
      FROM visible v CROSS JOIN LATERAL unnest(v.themenfelder) x WHERE ${except('themenfeld')} GROUP BY x
    UNION ALL
    SELECT 'license', v.license, count(*)::int FROM visible v WHERE ${except('license')} GROUP BY v.license
    UNION ALL
    SELECT 'attestation', x::text, count(*)::int
      FROM visible v CROSS JOIN LATERAL unnest(v.attestation_kinds) x WHERE ${except('attestation')} GROUP BY x
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
    SELECT '_total', '', count(*)::int FROM visible v WHERE ${and(Object.values(conditions))}`)
  return rows
}
