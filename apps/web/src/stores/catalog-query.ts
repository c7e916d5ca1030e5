import type { AppListQuery, FacetName } from '@kas/api-client'
import type { LocationQuery, LocationQueryRaw } from 'vue-router'

export const facetNames: FacetName[] = ['themenfeld', 'deployment', 'attestation', 'basisdienst', 'land', 'license']
export type SortOption = NonNullable<AppListQuery['sort']>
export const sortOptions: SortOption[] = ['relevance', 'adoptions', 'newest', 'name']
export const PAGE_SIZE = 20

/** Everything the catalogue shows, kept in the URL so links can be shared and Back works. */
export interface CatalogQuery {
  q: string
  filters: Record<FacetName, string[]>
  sort?: SortOption
  cursor?: string
  /** 1-based page number, for "results 21–40"; the cursor does the actual paging. */
  page: number
}

function list(value: LocationQuery[string] | undefined): string[] {
  if (value === undefined || value === null)
    return []
  return (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string' && v !== '')
}

export function parseCatalogQuery(query: LocationQuery): CatalogQuery {
  const sort = list(query.sort)[0] as SortOption | undefined
  const page = Number(list(query.page)[0] ?? 1)
  return {
    q: list(query.q)[0] ?? '',
    filters: Object.fromEntries(facetNames.map(name => [name, list(query[name])])) as Record<FacetName, string[]>,
    sort: sort && sortOptions.includes(sort) ? sort : undefined,
    cursor: list(query.cursor)[0],
    page: Number.isInteger(page) && page > 0 ? page : 1,
  }
}

export function toLocationQuery(query: CatalogQuery): LocationQueryRaw {
  const result: LocationQueryRaw = {}
  if (query.q)
    result.q = query.q
  for (const name of facetNames) {
    if (query.filters[name].length > 0)
      result[name] = [...query.filters[name]]
  }
  if (query.sort)
    result.sort = query.sort
  if (query.cursor) {
    result.cursor = query.cursor
    result.page = String(query.page)
  }
  return result
}

export function toApiQuery(query: CatalogQuery): AppListQuery {
  const apiQuery: AppListQuery = { limit: PAGE_SIZE }
  if (query.q.trim())
    apiQuery.q = query.q.trim()
  for (const name of facetNames) {
    if (query.filters[name].length > 0)
      (apiQuery as Record<string, unknown>)[name] = query.filters[name]
  }
  if (query.sort)
    apiQuery.sort = query.sort
  if (query.cursor)
    apiQuery.cursor = query.cursor
  return apiQuery
}

export function activeFilterCount(query: CatalogQuery): number {
  return facetNames.reduce((sum, name) => sum + query.filters[name].length, 0)
}
