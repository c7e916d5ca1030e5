import type { Database } from '@kas/db'
import type { ReferenceLabels } from '../taxonomy/labels.ts'
import type { CatalogStamp, VersionedCache } from '../../lib/versioned-cache.ts'
import type { CatalogFilters, CatalogPageInput, CatalogRow, FacetCountRow, SearchText } from './queries.ts'
import type { Explanation, SearchIndexes } from './text-search.ts'
import type { AppDetail, AppList, AppListQuery, AppSummary, CatalogSort, FacetName } from './schemas.ts'
import { EXPIRING_SOON_DAYS, requiredAttestationKinds, todayUtc } from '@kas/db'
import { notFound } from '../../lib/problem.ts'
import { attestationKindLabels, basisdienstLabels, deploymentModelLabels } from '../taxonomy/labels.ts'
import { decodeCursor, encodeCursor } from './cursor.ts'
import { selectPublicAppDetail } from './detail-queries.ts'
import { selectCatalogPage, selectFacetCounts } from './queries.ts'
import { searchCatalog } from './text-search.ts'
import { facetNames } from './schemas.ts'
import type { SearchVocabulary } from '../search/vocabulary.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { analyzeQuery } from '../search/analyze.ts'

export function daysUntil(isoDate: string): number {
  return Math.round((Date.parse(`${isoDate}T00:00:00Z`) - Date.parse(`${todayUtc()}T00:00:00Z`)) / 86_400_000)
}

function facetLabeler(labels: ReferenceLabels): Record<FacetName, (value: string) => string> {
  const themenfeld = new Map(labels.themenfelder.map(t => [t.id as string, t.nameDe]))
  const land = new Map(labels.lands.map(l => [l.code, l.name]))
  return {
    themenfeld: value => themenfeld.get(value) ?? value,
    license: value => value,
    attestation: value => attestationKindLabels[value as keyof typeof attestationKindLabels]?.label ?? value,
    deployment: value => deploymentModelLabels[value as keyof typeof deploymentModelLabels] ?? value,
    land: value => land.get(value) ?? value,
    basisdienst: value => basisdienstLabels[value as keyof typeof basisdienstLabels] ?? value,
  }
}

/** What the SQL needs from the query string: folded search, filters, effective sort, page size and position. */
export function catalogPageInput(query: AppListQuery, vocabulary: SearchVocabulary): CatalogPageInput {
  const search: SearchText | undefined = query.q ? analyzeQuery(query.q, vocabulary) : undefined
  const sort: CatalogSort = query.sort === 'relevance' && !search ? 'adoptions' : (query.sort ?? (search ? 'relevance' : 'adoptions'))
  return {
    search,
    filters: {
      themenfeld: query.themenfeld,
      license: query.license,
      attestation: query.attestation,
      deployment: query.deployment,
      land: query.land,
      basisdienst: query.basisdienst,
    },
    sort,
    limit: query.limit ?? 20,
    after: query.cursor ? decodeCursor(query.cursor, sort) : undefined,
  }
}

/** Facet counts of browsing (no text search) depend only on the filters, so paging and re-sorting reuse them. */
function cachedFacetCounts(db: Database, cache: FacetCache, stamp: CatalogStamp, filters: CatalogFilters): Promise<FacetCountRow[]> {
  const key = JSON.stringify(facetNames.map(name => [...(filters[name] ?? [])].sort()))
  return cache.remember(key, stamp, () => selectFacetCounts(db, filters))
}

export type FacetCache = VersionedCache<FacetCountRow[]>

interface PageRows {
  rows: (CatalogRow & { score?: number, explain?: Explanation })[]
  facetRows: FacetCountRow[]
}

/** Browsing without a text search: one SQL page in index order plus (cached) facet counts. */
async function browse(db: Database, facetCache: FacetCache, stamp: CatalogStamp, input: CatalogPageInput): Promise<PageRows> {
  const sort = input.sort === 'relevance' ? 'adoptions' : input.sort
  const [rows, facetRows] = await Promise.all([
    selectCatalogPage(db, { ...input, sort }),
    cachedFacetCounts(db, facetCache, stamp, input.filters),
  ])
  return { rows, facetRows }
}

/** A text search: ranked, counted and answered in memory (text-search.ts). */
async function search(indexes: SearchIndexes, input: CatalogPageInput & { search: SearchText }): Promise<PageRows> {
  const { page, facets } = await searchCatalog(input, indexes)
  const rows = page.map(({ app, sortKey, score, explain }): PageRows['rows'][number] => ({
    id: app.id,
    slug: app.slug,
    name: app.name,
    summary: app.summary,
    license: app.license,
    themenfelder: app.themenfelder,
    deployment_models: app.deploymentModels,
    adoption_count: app.adoptionCount,
    owner_slug: app.owner.slug,
    owner_name: app.owner.name,
    owner_kind: app.owner.kind,
    latest_version: app.latestVersion,
    valid_until: app.validUntil,
    sort_key: sortKey,
    score,
    explain,
  }))
  return { rows, facetRows: facets }
}

/** Searches the public catalogue: one page of apps, the total and drill-down facet counts. */
export async function listApps(
  db: Database,
  labels: ReferenceLabels,
  facetCache: FacetCache,
  stamp: CatalogStamp,
  query: AppListQuery,
  vocabulary: SearchVocabulary,
  searchIndexes: () => Promise<SearchIndexes>,
): Promise<AppList> {
  const input = catalogPageInput(query, vocabulary)
  const { search: searchText, filters, sort, limit } = input
  const { rows, facetRows } = searchText
    ? await search(await searchIndexes(), { ...input, search: searchText })
    : await browse(db, facetCache, stamp, input)

  const page = rows.slice(0, limit)
  const last = page.at(-1)
  const total = facetRows.find(row => row.facet === '_total')?.count ?? 0
  const label = facetLabeler(labels)
  const facets = Object.fromEntries(facetNames.map(name => [name, facetRows
    .filter(row => row.facet === name)
    .map(row => ({ value: row.value, label: label[name](row.value), count: row.count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'de'))])) as AppList['facets']

  return {
    items: page.map((row): AppList['items'][number] => ({
      slug: row.slug,
      name: row.name,
      summary: row.summary,
      license: row.license,
      themenfelder: row.themenfelder as AppSummary['themenfelder'],
      deploymentModels: row.deployment_models as AppSummary['deploymentModels'],
      adoptionCount: row.adoption_count,
      owner: { slug: row.owner_slug, name: row.owner_name, kind: row.owner_kind },
      latestVersion: row.latest_version,
      certification: {
        status: 'certified',
        validUntil: row.valid_until,
        expiringSoon: daysUntil(row.valid_until) < EXPIRING_SOON_DAYS,
      },
      ...(query.explain && row.explain ? { explain: { ...row.explain, score: row.score ?? 0 } } : {}),
    })),
    total,
    didYouMean: searchText?.didYouMean ?? null,
    // With filters set, the way out is removing them (the page says so); without, the closest apps.
    fallback: searchText && total === 0 && !Object.values(filters).some(values => values?.length) ? await closestApps(db, labels, searchText.folded) : null,
    expansions: searchText?.expansions ?? [],
    facets,
    nextCursor: rows.length > limit && last ? encodeCursor(sort, { key: last.sort_key, id: last.id }) : null,
  }
}

/** No dead ends: when nothing matched, the apps whose text is closest and their Themenfelder. */
async function closestApps(db: Database, labels: ReferenceLabels, folded: string): Promise<NonNullable<AppList['fallback']>> {
  const apps = await selectRows<{ slug: string, name: string, summary: string, themenfelder: string[] }>(db, sql`
    SELECT a.slug, a.name, a.summary, a.themenfelder::text[] AS themenfelder FROM apps a
    WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE AND word_similarity(${folded}, a.search_text) > 0.2
    ORDER BY word_similarity(${folded}, a.search_text) DESC, a.adoption_count DESC, a.slug LIMIT 3`)
  const names = new Map(labels.themenfelder.map(t => [t.id as string, t.nameDe]))
  const themenfelder = [...new Set(apps.flatMap(app => app.themenfelder))].slice(0, 4)
  return {
    themenfelder: themenfelder.map(value => ({ value: value as AppSummary['themenfelder'][number], label: names.get(value) ?? value })),
    apps: apps.map(({ slug, name, summary }) => ({ slug, name, summary })),
  }
}

export function validityState(daysLeft: number): 'valid' | 'expiring' | 'expired' {
  if (daysLeft < 0)
    return 'expired'
  return daysLeft < EXPIRING_SOON_DAYS ? 'expiring' : 'valid'
}

/** Everything a municipality needs to decide on one app; 404 unless it is publicly visible. */
export async function getAppDetail(db: Database, slug: string): Promise<AppDetail> {
  const app = await selectPublicAppDetail(db, slug)
  if (!app)
    throw notFound('App', slug)
  const { attestations, releases, adoption_by_land: byLand } = app
  const deploymentModels = app.deployment_models as AppDetail['deploymentModels']
  const required = requiredAttestationKinds({ deploymentModels }).map((kind) => {
    const best = attestations.filter(a => a.kind === kind).sort((a, b) => b.days_left - a.days_left)[0]
    return { kind, state: best ? validityState(best.days_left) : 'missing' as const }
  })
  const organization = (slug: string | null, name: string | null, kind: string | null) =>
    slug && name && kind ? { slug, name, kind } : null

  return {
    slug: app.slug,
    name: app.name,
    summary: app.summary,
    description: app.description,
    license: app.license,
    themenfelder: app.themenfelder as AppDetail['themenfelder'],
    tags: app.tags,
    basisdienste: app.basisdienste as AppDetail['basisdienste'],
    deploymentModels,
    maintainerType: app.maintainer_type,
    repositoryUrl: app.repository_url,
    homepageUrl: app.homepage_url,
    originLand: app.origin_land_code && app.origin_land_name ? { code: app.origin_land_code, name: app.origin_land_name } : null,
    owner: organization(app.owner_slug, app.owner_name, app.owner_kind)!,
    provider: organization(app.provider_slug, app.provider_name, app.provider_kind),
    certification: {
      status: 'certified',
      certificateNumber: app.certificate_number,
      validUntil: app.cert_valid_until,
      expiringSoon: daysUntil(app.cert_valid_until) < EXPIRING_SOON_DAYS,
      issuedAt: app.cert_issued_at,
      releaseVersion: app.cert_release_version,
      coversMajor: app.cert_major,
    },
    requiredAttestations: required as AppDetail['requiredAttestations'],
    attestations: attestations.map(a => ({
      id: a.id,
      kind: a.kind as AppDetail['attestations'][number]['kind'],
      issuer: a.issuer,
      issuedOn: a.issued_on,
      validUntil: a.valid_until,
      state: validityState(a.days_left),
      evidenceUrl: a.evidence_url,
      evidenceSha256: a.evidence_sha256,
      releaseVersion: a.release_version,
      details: a.details,
    })),
    releases: releases.map(r => ({
      version: r.version,
      coveredByCertificate: r.major === app.cert_major,
      releasedOn: r.released_on,
      changelog: r.changelog,
      artifactUrl: r.artifact_url,
      artifactSha256: r.artifact_sha256,
    })),
    profile: {
      features: app.features,
      platforms: app.platforms,
      developmentStatus: app.development_status as AppDetail['profile']['developmentStatus'],
      softwareType: app.software_type as AppDetail['profile']['softwareType'],
      maintenance: app.maintenance as AppDetail['profile']['maintenance'],
      availableLanguages: app.available_languages,
      leikaIds: app.leika_ids,
      declaredUsers: app.declared_users,
      complianceClaims: app.compliance_claims,
    },
    adoption: { total: app.adoption_count, byLand },
    updatedAt: app.updated_at,
  }
}
