import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { FacetCache } from './facet-cache.ts'
import { AppDetailSchema, AppListQuerySchema, AppListSchema, AppParamsSchema } from './schemas.ts'
import { getAppDetail, listApps } from './service.ts'

/** Public catalogue reads: short shared caching plus ETag revalidation (conditional GET → 304). */
const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'

const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const facetCache = new FacetCache()
  app.get('/apps', {
    schema: {
      tags: ['catalog'],
      operationId: 'listApps',
      summary: 'Search and filter the catalogue of certified apps',
      description: 'Full-text search with facets. Filters of one facet are ORed, different facets are ANDed. Only certified apps with a valid certificate are listed.',
      querystring: AppListQuerySchema,
      response: {
        200: { description: 'One page of matching apps with total and facet counts', ...AppListSchema },
        ...publicReadErrors },
    },
  }, async (request, reply) => {
    const result = await listApps(app.database.db, await app.referenceLabels(), facetCache, request.query)
    return reply.header('Cache-Control', PUBLIC_CACHE).send(result)
  })

  app.get('/apps/:slug', {
    schema: {
      tags: ['catalog'],
      operationId: 'getApp',
      summary: 'Details of one certified app',
      params: AppParamsSchema,
      response: { 200: AppDetailSchema, 404: problemResponse('No certified app with this slug'), ...publicReadErrors },
    },
  }, async (request, reply) => {
    const detail = await getAppDetail(app.database.db, request.params.slug)
    return reply.header('Cache-Control', PUBLIC_CACHE).send(detail)
  })
}

export default catalogRoutes
