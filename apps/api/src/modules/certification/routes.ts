import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { authErrors } from '../identity/routes.ts'
import { CertificateListQuerySchema, CertificateParamsSchema, CertificateSchema, DecisionBodySchema, QueueItemSchema, QueueQuerySchema, RequestDetailSchema, RequestParamsSchema, StatusChangeBodySchema } from './schemas.ts'
import { changeCertificateStatus, decideRequest, getRequest, listCertificates, listRequests } from './service.ts'

const security = [{ bearerAuth: [] }]
const errors = {
  ...publicReadErrors,
  ...authErrors,
  404: problemResponse('No such request or certificate'),
  409: problemResponse('Already decided or not possible in the current status'),
  422: problemResponse('The decision breaks a certification rule'),
}

/** The state CIO office's review: queue, decisions, certificates. Reviewers decide, they do not publish. */
const certificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.get('/certification-requests', {
    schema: { tags: ['certification'], operationId: 'listCertificationRequests', summary: 'Review queue, longest waiting first', security, querystring: QueueQuerySchema, response: { 200: Type.Array(QueueItemSchema), ...errors } },
    onRequest: app.requireRoles('reviewer', 'platform_admin'),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listRequests(db, principalOf(request), request.query.status ?? 'pending')))

  app.get('/certification-requests/:id', {
    schema: { tags: ['certification'], operationId: 'getCertificationRequest', summary: 'A request with its evidence per criterion and the decision', security, params: RequestParamsSchema, response: { 200: RequestDetailSchema, ...errors } },
    onRequest: app.requireRoles('reviewer', 'platform_admin'),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await getRequest(db, principalOf(request), request.params.id)))

  app.post('/certification-requests/:id/decision', {
    schema: { tags: ['certification'], operationId: 'decideCertificationRequest', summary: 'Approve, reject or request changes, criterion by criterion', security, params: RequestParamsSchema, body: DecisionBodySchema, response: { 200: RequestDetailSchema, ...errors } },
    onRequest: app.requireRoles('reviewer'),
  }, async (request, reply) => reply.send(await decideRequest(db, principalOf(request), request.params.id, request.body)))

  app.get('/certifications', {
    schema: { tags: ['certification'], operationId: 'listCertificates', summary: 'Certificates, e.g. those expiring within N days', security, querystring: CertificateListQuerySchema, response: { 200: Type.Array(CertificateSchema), ...errors } },
    onRequest: app.requireRoles('reviewer', 'platform_admin'),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listCertificates(db, principalOf(request), request.query)))

  for (const change of ['suspend', 'revoke', 'reinstate'] as const) {
    app.post(`/certifications/:id/${change}`, {
      schema: { tags: ['certification'], operationId: `${change}Certificate`, summary: `${change[0].toUpperCase()}${change.slice(1)} a certificate, with the reason`, security, params: CertificateParamsSchema, body: StatusChangeBodySchema, response: { 200: CertificateSchema, ...errors } },
      onRequest: app.requireRoles('reviewer'),
    }, async (request, reply) => reply.send(await changeCertificateStatus(db, principalOf(request), request.params.id, change, request.body.reason)))
  }
}

export default certificationRoutes
