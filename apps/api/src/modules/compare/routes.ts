import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { getAppDetail } from '../catalog/service.ts'
import { ComparisonSchema, CompareQuerySchema } from './schemas.ts'
import { compareApps } from './service.ts'

/** Side-by-side comparison of 2–4 certified apps. */
const compareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/compare', {
    schema: {
      tags: ['catalog'],
      operationId: 'compareApps',
      summary: 'Compare 2 to 4 certified apps, optionally from the viewpoint of one public body',
      querystring: CompareQuerySchema,
      response: { 200: ComparisonSchema, 404: problemResponse('An app is not certified or a public body does not exist'), ...publicReadErrors },
    },
  }, async (request, reply) => {
    const stamp = await app.readCache.stamp()
    const detail = (slug: string) => app.readCache.responses.remember(`app/${slug}`, stamp, () => getAppDetail(app.database.db, slug))
    const comparison = await compareApps(app.database.db, request.query.apps.split(','), request.query.organization, detail)
    return reply.header('Cache-Control', 'public, max-age=60').send(comparison)
  })
}

export default compareRoutes
