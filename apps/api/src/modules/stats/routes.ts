import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { FacetValueSchema, publicReadErrors } from '../../schemas/common.ts'
import { getCatalogStats } from './service.ts'

export const StatsSchema = Type.Object({
  apps: Type.Integer({ description: 'Certified apps in the public catalogue' }),
  adoptingOrganizations: Type.Integer({ description: 'Public bodies using at least one catalogue app' }),
  adoptions: Type.Integer({ description: 'Active adoptions (Nachnutzungen) of catalogue apps' }),
  landsWithAdopters: Type.Integer({ minimum: 0, maximum: 16 }),
  publishers: Type.Integer({ description: 'Vendors and consortia with catalogue apps' }),
  themenfelder: Type.Array(FacetValueSchema, { description: 'Catalogue apps per Themenfeld' }),
})

const statsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/stats', {
    schema: {
      tags: ['stats'],
      operationId: 'getStats',
      summary: 'Key figures of the store for the home page',
      response: { 200: StatsSchema, ...publicReadErrors },
    },
  }, async (_request, reply) => {
    const stamp = await app.readCache.stamp()
    const stats = await app.readCache.responses.remember('stats', stamp, async () =>
      getCatalogStats(app.database.db, await app.referenceLabels()))
    return reply.header('Cache-Control', 'public, max-age=60').send(stats)
  })
}

export default statsRoutes
