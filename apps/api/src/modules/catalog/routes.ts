import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { VersionedCache } from '../../lib/versioned-cache.ts'
import { AppDetailSchema, AppListQuerySchema, AppListSchema, AppParamsSchema } from './schemas.ts'
import type { FacetCache } from './service.ts'
import { getAppDetail, listApps } from './service.ts'
import { requireRole } from '../identity/principal.ts'
import { foldSearchText } from '../search/fold.ts'

/** The validated query with repeated values sorted, so that equal searches share one cache entry. */
function canonicalQuery(query: Record<string, unknown>): string {
  return JSON.stringify(Object.keys(query).sort().map(key => [key, Array.isArray(query[key]) ? [...query[key]].sort() : query[key]]))
}

/** Public catalogue reads: short shared caching plus ETag revalidation (conditional GET → 304). */
const PUBLIC_CACHE = 'public, max-age=60, stale-while-revalidate=300'

const catalogRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const facetCache: FacetCache = new VersionedCache(1000)
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
    const { explain, ...query } = request.query
    const stamp = await app.readCache.stamp()
    const vocabulary = await app.catalogSearch.vocabulary(stamp)
    const searchIndexes = () => app.catalogSearch.indexes(stamp)
    if (explain) {
      // Why each hit matched is for the people who tune the search: reviewers and platform admins.
      await app.authenticate(request)
      requireRole(request.principal!, 'reviewer', 'platform_admin')
      const explained = await listApps(app.database.db, await app.referenceLabels(), facetCache, stamp, request.query, vocabulary, searchIndexes)
      return reply.header('Cache-Control', 'no-store').send(explained)
    }
    const result = await app.readCache.responses.remember(`apps?${canonicalQuery(query)}`, stamp, async () =>
      listApps(app.database.db, await app.referenceLabels(), facetCache, stamp, query, vocabulary, searchIndexes))
    // Each first page of a text search is logged anonymously (query and result count only); the id
    // travels in a header, so that equal answers keep equal ETags.
    if (query.q && !query.cursor)
      reply.header('Search-Id', app.catalogSearch.log.record(foldSearchText(query.q).trim(), result.total))
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
    const stamp = await app.readCache.stamp()
    const detail = await app.readCache.responses.remember(`app/${request.params.slug}`, stamp, () =>
      getAppDetail(app.database.db, request.params.slug))
    return reply.header('Cache-Control', PUBLIC_CACHE).send(detail)
  })
}

export default catalogRoutes
