import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { authErrors } from '../identity/routes.ts'
import { CostModelBodySchema, CostModelParamsSchema, CostModelSchema, CostSharingSchema, EstimateQuerySchema, EstimateSchema, UsageBodySchema, YearQuerySchema } from './schemas.ts'
import { costSharing, currentYear, estimateShare, listCostModels, reportUsage, setCostModel } from './service.ts'

const security = [{ bearerAuth: [] }]

/** EfA cost sharing: price sheets per year, each subscriber's share, and the "what would we pay" estimate. */
const costSharingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.get('/apps/:slug/cost-models', {
    schema: { tags: ['cost-sharing'], operationId: 'listCostModels', summary: 'EfA price sheets of an app, per year', params: AppParamsSchema, response: { 200: Type.Array(CostModelSchema), 404: problemResponse('No such app'), ...publicReadErrors } },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await listCostModels(db, request.params.slug)))

  app.put('/apps/:slug/cost-models/:year', {
    schema: {
      tags: ['cost-sharing'],
      operationId: 'setCostModel',
      summary: 'Set the price sheet of a year (the organization running the service)',
      description: 'Subscribers are notified that their cost shares changed.',
      security,
      params: CostModelParamsSchema,
      body: CostModelBodySchema,
      response: { 200: CostModelSchema, 404: problemResponse('No app run by your organization with this slug'), ...publicReadErrors, ...authErrors },
    },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.send(await setCostModel(db, principalOf(request), request.params.slug, request.params.year, request.body)))

  app.get('/apps/:slug/cost-sharing', {
    schema: {
      tags: ['cost-sharing'],
      operationId: 'getCostSharing',
      summary: 'Each subscriber\'s share of the operating cost in a year',
      description: 'Shares follow the sharing key, pro rata by days subscribed, and sum exactly to the cost left after central funding (Sainte-Laguë/Schepers rounding to whole cents).',
      params: AppParamsSchema,
      querystring: YearQuerySchema,
      response: { 200: CostSharingSchema, 404: problemResponse('No such app or no price sheet for the year'), ...publicReadErrors },
    },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await costSharing(db, request.params.slug, request.query.year ?? currentYear())))

  app.get('/apps/:slug/cost-sharing/estimate', {
    schema: {
      tags: ['cost-sharing'],
      operationId: 'estimateCostShare',
      summary: 'What an organization would pay this year, and if more organizations of its size joined',
      params: AppParamsSchema,
      querystring: EstimateQuerySchema,
      response: { 200: EstimateSchema, 404: problemResponse('No such app, price sheet or public body'), ...publicReadErrors },
    },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await estimateShare(db, request.params.slug, request.query.organization, request.query.additional)))

  app.put('/apps/:slug/usage/:year', {
    schema: {
      tags: ['cost-sharing'],
      operationId: 'reportUsage',
      summary: 'Report my organization\'s usage units of a year (for the usage key)',
      security,
      params: CostModelParamsSchema,
      body: UsageBodySchema,
      response: { 200: Type.Object({ year: Type.Integer(), units: Type.Integer() }), 404: problemResponse('No such app'), 409: problemResponse('Your organization did not use the app that year'), ...publicReadErrors, ...authErrors },
    },
    onRequest: app.requireRoles('municipality_admin'),
  }, async (request, reply) => reply.send(await reportUsage(db, principalOf(request), request.params.slug, request.params.year, request.body.units)))
}

export default costSharingRoutes
