import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { idempotencyKeyFrom } from '../../lib/idempotency.ts'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { authErrors } from '../identity/routes.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { adoptionFigures, AdoptionFiguresSchema } from './adoption.ts'
import { OwnSubscriptionSchema, SubscribeBodySchema, SubscriptionParamsSchema, SubscriptionSchema } from './schemas.ts'
import { cancelSubscription, listOwnSubscriptions, subscribe } from './service.ts'

const security = [{ bearerAuth: [] }]
const errors = {
  ...publicReadErrors,
  ...authErrors,
  404: problemResponse('No such app or subscription of your organization'),
  409: problemResponse('Not certified, already adopted, or already ended'),
  422: problemResponse('Operating model not offered, or Idempotency-Key reused for another request'),
}

/** Nachnutzung: municipalities adopt apps, always for their own organization. */
const subscriptionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.post('/subscriptions', {
    schema: {
      tags: ['subscriptions'],
      operationId: 'subscribe',
      summary: 'Adopt a certified app for my organization (Nachnutzung)',
      description: 'Send an Idempotency-Key to retry safely: the same key with the same body returns the first response again.',
      security,
      headers: Type.Object({ 'idempotency-key': Type.Optional(Type.String({ maxLength: 200 })) }),
      body: SubscribeBodySchema,
      response: { 200: SubscriptionSchema, 201: SubscriptionSchema, ...errors },
    },
    onRequest: app.requireRoles('municipality_admin'),
  }, async (request, reply) => {
    const result = await subscribe(db, principalOf(request), request.body, idempotencyKeyFrom(request.headers['idempotency-key']))
    if (result.replayed)
      reply.header('Idempotent-Replayed', 'true')
    return reply.code(result.status).send(result.body)
  })

  app.get('/apps/:slug/adoption', {
    schema: {
      tags: ['subscriptions'],
      operationId: 'getAdoptionFigures',
      summary: 'Who uses a certified app: total, by Land, by kind, per month, and the adopters listed by name',
      params: AppParamsSchema,
      response: { 200: AdoptionFiguresSchema, 404: problemResponse('No certified app with this slug'), ...publicReadErrors },
    },
  }, async (request, reply) => {
    const stamp = await app.readCache.stamp()
    const figures = await app.readCache.responses.remember(`adoption/${request.params.slug}`, stamp, () => adoptionFigures(db, request.params.slug))
    return reply.header('Cache-Control', 'public, max-age=60').send(figures)
  })

  app.get('/subscriptions', {
    schema: { tags: ['subscriptions'], operationId: 'listOwnSubscriptions', summary: 'My organization\'s subscriptions', security, response: { 200: Type.Array(OwnSubscriptionSchema), ...publicReadErrors, ...authErrors } },
    onRequest: app.requireRoles('municipality_admin', 'municipality_member'),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listOwnSubscriptions(db, principalOf(request))))

  app.delete('/subscriptions/:id', {
    schema: { tags: ['subscriptions'], operationId: 'cancelSubscription', summary: 'End my organization\'s subscription', security, params: SubscriptionParamsSchema, response: { 200: SubscriptionSchema, ...errors } },
    onRequest: app.requireRoles('municipality_admin'),
  }, async (request, reply) => reply.send(await cancelSubscription(db, principalOf(request), request.params.id)))
}

export default subscriptionRoutes
