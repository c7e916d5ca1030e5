import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'

export interface SiteOptions {
  /** Who runs this installation; named in the accessibility statement as the contact for barriers. */
  operator?: { name: string, email: string }
}

/** Facts about this installation that public pages need (BITV 2.0: a contact for reporting barriers). */
const siteRoutes: FastifyPluginAsyncTypebox<SiteOptions> = async (app, options) => {
  app.get('/site', {
    schema: {
      tags: ['site'],
      operationId: 'getSite',
      summary: 'Who operates this installation (contact for the accessibility statement)',
      response: { 200: Type.Object({ operator: Type.Union([Type.Object({ name: Type.String(), email: Type.String() }), Type.Null()]) }) },
    },
  }, async (_request, reply) => reply.header('Cache-Control', 'public, max-age=300').send({ operator: options.operator ?? null }))
}

export default siteRoutes
