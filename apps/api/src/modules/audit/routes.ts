import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { verifyAuditChain } from '@kas/db'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { requireRole } from '../identity/principal.ts'
import { authErrors } from '../identity/routes.ts'
import { AuditListQuerySchema, AuditListSchema, AuditVerificationSchema, HistoryEventSchema } from './schemas.ts'
import { appHistory, listAuditEvents } from './service.ts'

/** Read-only by design: there is no route that changes or removes an audit event. */
const auditRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/audit', {
    schema: {
      tags: ['audit'],
      operationId: 'listAuditEvents',
      summary: 'The audit trail, newest first (reviewers and platform admins)',
      security: [{ bearerAuth: [] }],
      querystring: AuditListQuerySchema,
      response: { 200: AuditListSchema, ...publicReadErrors, ...authErrors },
    },
    onRequest: app.requireRoles('reviewer', 'platform_admin'),
  }, async (request, reply) => {
    requireRole(principalOf(request), 'reviewer', 'platform_admin')
    return reply.header('Cache-Control', 'no-store').send(await listAuditEvents(app.database.db, request.query))
  })

  app.get('/audit/verify', {
    schema: {
      tags: ['audit'],
      operationId: 'verifyAuditTrail',
      summary: 'Check the whole hash chain; anyone may ask',
      description: 'Recomputes every event\'s hash and link. `ok: false` names the first event that was altered, removed or inserted.',
      response: { 200: AuditVerificationSchema, ...publicReadErrors },
    },
  }, async (_request, reply) => {
    const result = await verifyAuditChain(app.database.db)
    return reply.header('Cache-Control', 'no-store').send(result.ok ? { ok: true, events: result.events } : result)
  })

  app.get('/apps/:slug/history', {
    schema: {
      tags: ['audit'],
      operationId: 'getAppHistory',
      summary: 'Public certification timeline of an app',
      params: AppParamsSchema,
      response: { 200: Type.Array(HistoryEventSchema), 404: problemResponse('No certified app with this slug'), ...publicReadErrors },
    },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await appHistory(app.database.db, request.params.slug)))
}

export default auditRoutes
