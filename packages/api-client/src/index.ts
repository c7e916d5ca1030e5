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
export type Me = JsonOf<paths['/api/v1/me']['get']['responses'][200]>
export type AuthConfig = JsonOf<paths['/api/v1/auth/config']['get']['responses'][200]>
export type Persona = JsonOf<paths['/api/v1/auth/dev/personas']['get']['responses'][200]>[number]
export type PublisherApp = JsonOf<paths['/api/v1/publisher/apps/{slug}']['get']['responses'][200]>
export type PublisherAppListItem = JsonOf<paths['/api/v1/publisher/apps']['get']['responses'][200]>[number]
export type CreateAppBody = NonNullable<paths['/api/v1/apps']['post']['requestBody']>['content']['application/json']
export type UpdateAppBody = NonNullable<paths['/api/v1/apps/{slug}']['patch']['requestBody']>['content']['application/json']
export type ReleaseBody = NonNullable<paths['/api/v1/apps/{slug}/releases']['post']['requestBody']>['content']['application/json']
export type AttestationBody = NonNullable<paths['/api/v1/apps/{slug}/attestations']['post']['requestBody']>['content']['application/json']
export type QueueItem = JsonOf<paths['/api/v1/certification-requests']['get']['responses'][200]>[number]
export type RequestDetail = JsonOf<paths['/api/v1/certification-requests/{id}']['get']['responses'][200]>
export type DecisionBody = NonNullable<paths['/api/v1/certification-requests/{id}/decision']['post']['requestBody']>['content']['application/json']
export type Subscription = JsonOf<paths['/api/v1/subscriptions']['get']['responses'][200]>[number]
export type AuditEvent = JsonOf<paths['/api/v1/audit']['get']['responses'][200]>['items'][number]
export type Certificate = JsonOf<paths['/api/v1/certifications']['get']['responses'][200]>[number]
export type AdoptionFigures = JsonOf<paths['/api/v1/apps/{slug}/adoption']['get']['responses'][200]>
export type CostModel = JsonOf<paths['/api/v1/apps/{slug}/cost-models']['get']['responses'][200]>[number]
export type CostSharing = JsonOf<paths['/api/v1/apps/{slug}/cost-sharing']['get']['responses'][200]>
export type CostEstimate = JsonOf<paths['/api/v1/apps/{slug}/cost-sharing/estimate']['get']['responses'][200]>
export type Organization = JsonOf<paths['/api/v1/organizations/{slug}']['get']['responses'][200]>
export type ReportList = JsonOf<paths['/api/v1/apps/{slug}/reports']['get']['responses'][200]>
export type Report = ReportList['items'][number]
export type OwnReport = NonNullable<JsonOf<paths['/api/v1/apps/{slug}/reports/mine']['get']['responses'][200]>>
export type ReportBody = NonNullable<paths['/api/v1/apps/{slug}/reports']['post']['requestBody']>['content']['application/json']
export type NotificationPage = JsonOf<paths['/api/v1/notifications']['get']['responses'][200]>
export type Notification = NotificationPage['items'][number]
export type Webhook = NonNullable<JsonOf<paths['/api/v1/organizations/me/webhook']['get']['responses'][200]>>
export type WebhookWithSecret = JsonOf<paths['/api/v1/organizations/me/webhook']['put']['responses'][200]>
export type WebhookDelivery = JsonOf<paths['/api/v1/organizations/me/webhook/deliveries']['get']['responses'][200]>[number]
export type ImportReport = JsonOf<paths['/api/v1/imports/publiccode']['post']['responses'][200]>
export type ImportFinding = ImportReport['warnings'][number]

/** RFC 9457 problem details as every API error returns them. */
export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  /** Each problem; for uploaded files also the path in the file and its line. */
  errors?: { pointer: string, message: string, path?: string, line?: number, column?: number, code?: string, params?: Record<string, string | number> }[]
  /** Import problems: what would also be worth fixing. */
  warnings?: ImportFinding[]
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
