import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox'
import type { DbHandle } from '@kas/db'
import type { FastifyServerOptions } from 'fastify'
import { randomUUID } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import Fastify from 'fastify'
import auditRoutes from './modules/audit/routes.ts'
import costSharingRoutes from './modules/cost-sharing/routes.ts'
import catalogRoutes from './modules/catalog/routes.ts'
import compareRoutes from './modules/compare/routes.ts'
import certificationRoutes from './modules/certification/routes.ts'
import feedRoutes from './modules/feeds/routes.ts'
import publiccodeRoutes from './modules/publiccode/routes.ts'
import healthRoutes from './modules/health/routes.ts'
import notificationRoutes from './modules/notifications/routes.ts'
import organizationRoutes from './modules/organizations/routes.ts'
import publishingRoutes from './modules/publishing/routes.ts'
import reportRoutes from './modules/reports/routes.ts'
import searchRoutes from './modules/search/routes.ts'
import type { SiteOptions } from './modules/site/routes.ts'
import siteRoutes from './modules/site/routes.ts'
import statsRoutes from './modules/stats/routes.ts'
import subscriptionRoutes from './modules/subscriptions/routes.ts'
import taxonomyRoutes from './modules/taxonomy/routes.ts'
import type { IdentityOptions } from './plugins/app/auth.ts'
import type { NotificationOptions } from './plugins/app/notifications.ts'
import identityRoutes from './modules/identity/routes.ts'
import authPlugin from './plugins/app/auth.ts'
import dbPlugin from './plugins/app/db.ts'
import notificationsPlugin from './plugins/app/notifications.ts'
import searchPlugin from './plugins/app/search.ts'
import problemsPlugin from './plugins/app/problems.ts'
import readCachePlugin from './plugins/app/read-cache.ts'
import compressPlugin from './plugins/external/compress.ts'
import etagPlugin from './plugins/external/etag.ts'
import helmetPlugin from './plugins/external/helmet.ts'
import rateLimitPlugin from './plugins/external/rate-limit.ts'
import swaggerPlugin from './plugins/external/swagger.ts'
import webPlugin from './plugins/external/web.ts'

export const defaultWebRoot = fileURLToPath(new URL('../../web/dist', import.meta.url))

export interface BuildAppOptions {
  database: DbHandle
  logger?: FastifyServerOptions['logger']
  /** Requests per minute and client IP; tests raise it. */
  rateLimitPerMinute?: number
  /** Built storefront to serve at `/`; `false` serves the API only. */
  webRoot?: string | false
  /** How users sign in; without it only public reads work. */
  identity?: IdentityOptions
  notifications?: NotificationOptions
  site?: SiteOptions
}

/** Builds the whole application without listening; server.ts and the tests both use it. */
export async function buildApp(options: BuildAppOptions) {
  const app = Fastify({
    logger: options.logger ?? false,
    genReqId: request => (request.headers['x-request-id'] as string | undefined)?.slice(0, 64) || randomUUID(),
    requestIdHeader: false,
    trustProxy: true,
    bodyLimit: 1024 * 1024,
    routerOptions: { maxParamLength: 200 },
    // Unknown body properties are an error, not silently dropped (every outside input is validated).
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>()

  app.addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id)
  })

  // Every route, so that tests can prove each one has an authorization rule.
  const registeredRoutes: { method: string, url: string }[] = []
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        registeredRoutes.push({ method, url: route.url })
    }
  })
  app.decorate('registeredRoutes', registeredRoutes)

  // Cross-cutting plugins first, then the feature modules (see src/plugins/README.md).
  await app.register(problemsPlugin)
  await app.register(helmetPlugin, { connectSources: options.identity?.oidc ? [new URL(options.identity.oidc.issuer).origin] : [] })
  await app.register(rateLimitPlugin, { max: options.rateLimitPerMinute ?? 600 })
  await app.register(etagPlugin)
  // After the ETag plugin, so that ETags are computed on the uncompressed body.
  await app.register(compressPlugin)
  await app.register(swaggerPlugin)
  await app.register(dbPlugin, { database: options.database })
  await app.register(readCachePlugin)
  await app.register(searchPlugin, {})
  await app.register(authPlugin, options.identity ?? {})
  await app.register(notificationsPlugin, options.notifications ?? {})

  await app.register(healthRoutes)
  await app.register(async (api) => {
    await api.register(catalogRoutes)
    await api.register(compareRoutes)
    await api.register(taxonomyRoutes)
    await api.register(statsRoutes)
    await api.register(identityRoutes)
    await api.register(auditRoutes)
    await api.register(publishingRoutes)
    await api.register(certificationRoutes)
    await api.register(subscriptionRoutes)
    await api.register(costSharingRoutes)
    await api.register(organizationRoutes)
    await api.register(notificationRoutes)
    await api.register(reportRoutes)
    await api.register(searchRoutes)
    await api.register(feedRoutes)
    await api.register(publiccodeRoutes)
    await api.register(siteRoutes, options.site ?? {})
  }, { prefix: '/api/v1' })

  await app.register(webPlugin, { root: options.webRoot ?? defaultWebRoot })
  await app.ready()
  return app
}

export type App = Awaited<ReturnType<typeof buildApp>>

declare module 'fastify' {
  interface FastifyInstance {
    registeredRoutes: { method: string, url: string }[]
  }
}
