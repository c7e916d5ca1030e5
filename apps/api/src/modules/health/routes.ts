import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { problemResponse } from '../../schemas/common.ts'

const HealthSchema = Type.Object({ status: Type.Enum(['ok']) })

/** Liveness (the process answers) and readiness (the database answers), for load balancers and orchestrators. */
const healthRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/healthz', {
    schema: { tags: ['operations'], operationId: 'getHealth', summary: 'Liveness probe', response: { 200: HealthSchema } },
  }, async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok' as const }))

  app.get('/readyz', {
    schema: { tags: ['operations'], operationId: 'getReadiness', summary: 'Readiness probe: checks the database', response: { 200: HealthSchema, 503: problemResponse('The database is not reachable') } },
  }, async (request, reply) => {
    reply.header('Cache-Control', 'no-store')
    try {
      await app.database.db.execute(sql`SELECT 1`)
      return reply.send({ status: 'ok' as const })
    }
    catch (error) {
      request.log.warn({ err: error }, 'readiness check failed')
      return reply.code(503).type('application/problem+json').send({
        type: '/problems/service-unavailable',
        title: 'Service Unavailable',
        status: 503,
        detail: 'The database is not reachable.',
      })
    }
  })
}

export default healthRoutes
