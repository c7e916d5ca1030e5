import type { paths } from './schema.d.ts'
import createClient from 'openapi-fetch'

export type { paths } from './schema.d.ts'

type JsonOf<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never

export type AppList = JsonOf<paths['/api/v1/apps']['get']['responses'][200]>
export type AppSummary = AppList['items'][number]
export type FacetValue = AppList['facets']['themenfeld'][number]
export type FacetName = keyof AppList['facets']
export type AppListQuery = NonNullable<paths['/api/v1/apps']['get']['parameters']['query']>
export type AppDetail = JsonOf<paths['/api/v1/apps/{slug}']['get']['responses'][200]>
export type Stats = JsonOf<paths['/api/v1/stats']['get']['responses'][200]>
export type Themenfeld = JsonOf<paths['/api/v1/themenfelder']['get']['responses'][200]>[number]
export type Land = JsonOf<paths['/api/v1/lands']['get']['responses'][200]>[number]

/** RFC 9457 problem details as every API error returns them. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  errors?: { pointer: string, message: string }[]
}

/** Typed client for the store's API; paths, parameters and bodies are checked against openapi/openapi.json. */
export function createApiClient(options: { baseUrl?: string, fetch?: typeof fetch } = {}) {
  return createClient<paths>({
    baseUrl: options.baseUrl ?? '',
    // Looked up on every call rather than captured once, so polyfills and test doubles installed later apply.
    fetch: options.fetch ?? (request => globalThis.fetch(request)),
    // Repeated parameters (themenfeld=a&themenfeld=b), as the API expects for facet filters.
    querySerializer: { array: { style: 'form', explode: true } },
  })
}

export type ApiClient = ReturnType<typeof createApiClient>
