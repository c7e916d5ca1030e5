import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { revisionEtag, revisionFromIfMatch } from '../../lib/etag.ts'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { authErrors } from '../identity/routes.ts'
import { ModeratedReportSchema, ReplyBodySchema, ReportBodySchema, ReportListSchema, ReportParamsSchema, ReportSchema, VisibilityBodySchema } from './schemas.ts'
import { createReport, listReports, ownReport, replyToReport, setReportVisibility, updateReport } from './service.ts'

const security = [{ bearerAuth: [] }]
const tags = ['reports']
const writeErrors = {
  ...publicReadErrors,
  ...authErrors,
  404: problemResponse('No such app or report of yours'),
  409: problemResponse('Report or reply exists already'),
  412: problemResponse('The report changed since you read it'),
  422: problemResponse('Not a release of this app'),
  428: problemResponse('If-Match is missing'),
}

/** Experience reports of verified adopters, vendor replies and moderation. */
const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const adopters = app.requireRoles('municipality_admin', 'municipality_member')

  app.get('/apps/:slug/reports', {
    schema: { tags, operationId: 'listReports', summary: 'Experience reports of organizations that use or used the app', params: AppParamsSchema, response: { 200: ReportListSchema, 404: problemResponse('No such app'), ...publicReadErrors } },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=30').send(await listReports(db, request.params.slug)))

  app.get('/apps/:slug/reports/mine', {
    schema: { tags, operationId: 'getOwnReport', summary: 'My organization\'s report on the app, if any', security, params: AppParamsSchema, response: { 200: Type.Union([ModeratedReportSchema, Type.Null()]), ...publicReadErrors, ...authErrors } },
    onRequest: adopters,
  }, async (request, reply) => {
    const report = await ownReport(db, principalOf(request), request.params.slug)
    if (report)
      reply.header('ETag', revisionEtag(report.revision))
    return reply.header('Cache-Control', 'no-store').send(report)
  })

  app.post('/apps/:slug/reports', {
    schema: { tags, operationId: 'createReport', summary: 'Write my organization\'s experience report (adopters only, one per app)', security, params: AppParamsSchema, body: ReportBodySchema, response: { 201: ReportSchema, ...writeErrors } },
    onRequest: adopters,
  }, async (request, reply) => {
    const report = await createReport(db, principalOf(request), request.params.slug, request.body)
    return reply.code(201).header('ETag', revisionEtag(report.revision)).send(report)
  })

  app.put('/reports/:id', {
    schema: { tags, operationId: 'updateReport', summary: 'Edit my organization\'s report (If-Match)', security, params: ReportParamsSchema, body: ReportBodySchema, headers: Type.Object({ 'if-match': Type.Optional(Type.String({ maxLength: 100 })) }), response: { 200: ReportSchema, ...writeErrors } },
    onRequest: adopters,
  }, async (request, reply) => {
    const report = await updateReport(db, principalOf(request), request.params.id, revisionFromIfMatch(request.headers['if-match']), request.body)
    return reply.header('ETag', revisionEtag(report.revision)).send(report)
  })

  app.post('/reports/:id/reply', {
    schema: { tags, operationId: 'replyToReport', summary: 'Reply to a report on one of my apps (once)', security, params: ReportParamsSchema, body: ReplyBodySchema, response: { 200: ReportSchema, ...writeErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.send(await replyToReport(db, principalOf(request), request.params.id, request.body.text)))

  app.put('/reports/:id/visibility', {
    schema: { tags, operationId: 'setReportVisibility', summary: 'Hide an abusive report or show it again (platform admins; audited)', security, params: ReportParamsSchema, body: VisibilityBodySchema, response: { 200: ModeratedReportSchema, ...writeErrors } },
    onRequest: app.requireRoles('platform_admin'),
  }, async (request, reply) => reply.send(await setReportVisibility(db, principalOf(request), request.params.id, request.body.hidden, request.body.reason)))
}

export default reportRoutes
