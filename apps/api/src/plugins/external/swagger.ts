import type { FastifyInstance } from 'fastify'
import swagger from '@fastify/swagger'
import swaggerUi from '@fastify/swagger-ui'
import fp from 'fastify-plugin'

export const openApiInfo = {
  title: 'Kommunaler App-Store API',
  version: '1.0.0',
  description: 'Registry of certified open-source Fachanwendungen for German municipalities: catalogue, releases, attestations, certification and adoption (Nachnutzung). Errors are RFC 9457 problem+json.',
  license: { name: 'EUPL-1.2', identifier: 'EUPL-1.2' },
}

/** OpenAPI 3.1 generated from the route schemas, with the reference UI at /docs. */
export default fp(async (app: FastifyInstance) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: openApiInfo,
      servers: [{ url: '/', description: 'This server' }],
      tags: [
        { name: 'catalog', description: 'Public catalogue of certified apps' },
        { name: 'taxonomy', description: 'Lookup lists: Themenfelder, Länder, attestation kinds, Basisdienste' },
        { name: 'stats', description: 'Figures for the home page' },
        { name: 'identity', description: 'Who is signed in; development sign-in' },
        { name: 'publishing', description: 'Vendors and consortia publish apps, releases and attestations and request certification' },
        { name: 'certification', description: 'The state CIO office reviews requests and issues, suspends or revokes certificates' },
        { name: 'subscriptions', description: 'Nachnutzung: municipalities adopt certified apps' },
        { name: 'audit', description: 'Tamper-evident audit trail (hash chain) and certification history' },
        { name: 'operations', description: 'Health and readiness' },
      ],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Access token from the OIDC provider (or the development sign-in)' },
        },
      },
    },
  })
  await app.register(swaggerUi, { routePrefix: '/docs' })
}, { name: 'swagger' })
