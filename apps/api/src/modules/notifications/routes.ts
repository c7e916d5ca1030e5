import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { authErrors } from '../identity/routes.ts'
import { DeliverySchema, MarkReadBodySchema, NotificationPageSchema, NotificationQuerySchema, WebhookBodySchema, WebhookSchema, WebhookWithSecretSchema } from './schemas.ts'
import { getWebhook, listDeliveries, listNotifications, markRead, removeWebhook, setWebhook } from './service.ts'

const security = [{ bearerAuth: [] }]
const tags = ['notifications']

/** The organization's notification feed, its webhook and the webhook delivery log. */
const notificationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const members = app.requireRoles('municipality_admin', 'municipality_member')
  const admins = app.requireRoles('municipality_admin')

  app.get('/notifications', {
    schema: { tags, operationId: 'listNotifications', summary: 'News about the apps my organization uses, newest first', security, querystring: NotificationQuerySchema, response: { 200: NotificationPageSchema, ...publicReadErrors, ...authErrors } },
    onRequest: members,
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listNotifications(db, principalOf(request), request.query)))

  app.post('/notifications/read', {
    schema: { tags, operationId: 'markNotificationsRead', summary: 'Mark notifications (some, or all) as read', security, body: MarkReadBodySchema, response: { 200: Type.Object({ unread: Type.Integer() }), ...publicReadErrors, ...authErrors } },
    onRequest: members,
  }, async (request, reply) => reply.send(await markRead(db, principalOf(request), request.body)))

  app.get('/organizations/me/webhook', {
    schema: { tags, operationId: 'getWebhook', summary: 'My organization\'s webhook (without its secret)', security, response: { 200: Type.Union([WebhookSchema, Type.Null()]), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await getWebhook(db, principalOf(request))))

  app.put('/organizations/me/webhook', {
    schema: {
      tags,
      operationId: 'setWebhook',
      summary: 'Set my organization\'s webhook; answers with a new signing secret, shown only this once',
      security,
      body: WebhookBodySchema,
      response: { 200: WebhookWithSecretSchema, 422: problemResponse('Address not allowed (https only in production)'), ...publicReadErrors, ...authErrors },
    },
    onRequest: admins,
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await setWebhook(db, principalOf(request), request.body.url, { allowHttp: app.notificationOptions.allowHttpWebhooks })))

  app.delete('/organizations/me/webhook', {
    schema: { tags, operationId: 'removeWebhook', summary: 'Remove my organization\'s webhook', security, response: { 204: Type.Null(), 404: problemResponse('No webhook set'), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => {
    await removeWebhook(db, principalOf(request))
    return reply.code(204).send(null)
  })

  app.get('/organizations/me/webhook/deliveries', {
    schema: { tags, operationId: 'listWebhookDeliveries', summary: 'Delivery log of my organization\'s webhook (latest 100)', security, response: { 200: Type.Array(DeliverySchema), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listDeliveries(db, principalOf(request))))
}

export default notificationRoutes
