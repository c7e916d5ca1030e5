import type { FastifyInstance } from 'fastify'
import etag from '@fastify/etag'
import fp from 'fastify-plugin'

/** Strong ETags from the response body and 304 for a matching If-None-Match (conditional GET). */
export default fp(async (app: FastifyInstance) => {
  await app.register(etag)
}, { name: 'etag' })
