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
 * The publicly visible apps (certified, with a certificate valid today). Expiry is checked at query
 * time, so an expired app leaves the catalogue the day its certificate ends without any job.
 * `certified_until` and `attestation_valid_until` are per-app summaries kept by triggers
 * (migration 0004), so this reads one row per app. Text searches are answered in memory
 * (text-search.ts); these statements serve browsing and filtering without a search.
 */
const visibleApps = sql`visible AS (
      SELECT a.id, a.name_folded, a.license, a.themenfelder, a.deployment_models, a.basisdienste, a.origin_land_code,
             a.attestation_valid_until, a.adoption_count, a.created_at
      FROM apps a
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE
    )`

/**
 * Sort key and direction of each sort without a text search (relevance needs one, see text-search.ts);
 * `cast` turns the cursor's text back into the key's type. Keys are plain columns where possible so
 * that an index can serve the order (apps_public_adoptions_idx).
 */
export const sortKeys: Record<Exclude<CatalogSort, 'relevance'>, { key: SQL, cast: SQL, descending: boolean }> = {
  adoptions: { key: sql`v.adoption_count`, cast: sql`::int`, descending: true },
  newest: { key: sql`v.created_at`, cast: sql`::timestamptz`, descending: true },
  name: { key: sql`v.name_folded COLLATE "C"`, cast: sql`::text COLLATE "C"`, descending: false },
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
}

export interface CatalogPageInput {
  search?: SearchText
  filters: CatalogFilters
  sort: CatalogSort
  limit: number
  after?: Keyset
}

/** What a result card shows of an app `a`: its own columns, the owner `o` and the latest version. */
const summaryColumns = sql`a.id, a.slug, a.name, a.summary, a.license, a.themenfelder::text[] AS themenfelder,
           a.deployment_models::text[] AS deployment_models, a.adoption_count,
           a.certified_until::text AS valid_until, o.slug AS owner_slug, o.name AS owner_name, o.kind AS owner_kind,
           (SELECT r.version FROM releases r WHERE r.app_id = a.id
             ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS latest_version`

/** One page of apps without a text search, in the requested order after `after`; fetches limit + 1 to know whether more follow. */
export function catalogPageQuery(input: Omit<CatalogPageInput, 'search' | 'sort'> & { sort: Exclude<CatalogSort, 'relevance'> }): SQL {
  const { key, cast, descending } = sortKeys[input.sort]
  const keyset = input.after
    ? descending
      ? sql`(${key} < ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
      : sql`(${key} > ${input.after.key}${cast} OR (${key} = ${input.after.key}${cast} AND v.id > ${input.after.id}::uuid))`
    : undefined
  const where = and([...Object.values(facetConditions(input.filters)), keyset])
  // The page is chosen on the narrow `visible` rows; display columns are read for those rows only.
  return sql`
    WITH ${visibleApps},
    page AS (
      SELECT v.id, (${key})::text AS sort_key, ${key} AS sort_value FROM visible v
      WHERE ${where}
      ORDER BY ${key} ${descending ? sql`DESC` : sql`ASC`}, v.id ASC
      LIMIT ${input.limit + 1}
    )
    SELECT ${summaryColumns}, page.sort_key
    FROM page
    JOIN apps a ON a.id = page.id
    JOIN organizations o ON o.id = a.owner_organization_id
    ORDER BY page.sort_value ${descending ? sql`DESC` : sql`ASC`}, page.id ASC`
}

export function selectCatalogPage(db: Database, input: Parameters<typeof catalogPageQuery>[0]): Promise<CatalogRow[]> {
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
export function facetCountsQuery(filters: CatalogFilters): SQL {
  const conditions = facetConditions(filters)
  const except = (facet: FacetName) => and(Object.entries(conditions).filter(([name]) => name !== facet).map(([, c]) => c))
  return sql`
    WITH ${visibleApps}
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

export function selectFacetCounts(db: Database, filters: CatalogFilters): Promise<FacetCountRow[]> {
  return selectRows<FacetCountRow>(db, facetCountsQuery(filters))
}

