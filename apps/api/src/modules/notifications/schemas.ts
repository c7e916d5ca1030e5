import { notificationTypeValues, webhookDeliveryStatusValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { IsoDateTime, Slug } from '../../schemas/common.ts'

export const NotificationTypeSchema = Type.Enum([...notificationTypeValues])

export const NotificationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: NotificationTypeSchema,
  app: Type.Object({ slug: Slug, name: Type.String() }),
  data: Type.Record(Type.String(), Type.Unknown(), { description: 'Details by type: version, certifiedUntil, reason, year' }),
  createdAt: IsoDateTime,
  readAt: Type.Union([IsoDateTime, Type.Null()]),
})

export const NotificationPageSchema = Type.Object({
  items: Type.Array(NotificationSchema),
  unread: Type.Integer({ description: 'Unread notifications in all' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const NotificationQuerySchema = Type.Object({
  unread: Type.Optional(Type.Boolean({ description: 'Only unread ones' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
}, { additionalProperties: false })

export const MarkReadBodySchema = Type.Union([
  Type.Object({ ids: Type.Array(Type.String({ format: 'uuid' }), { minItems: 1, maxItems: 100 }) }, { additionalProperties: false }),
  Type.Object({ all: Type.Literal(true) }, { additionalProperties: false }),
])

export const WebhookBodySchema = Type.Object({
  url: Type.String({ format: 'uri', maxLength: 2000, description: 'Receives a POST with a JSON body per event' }),
}, { additionalProperties: false })

export const WebhookSchema = Type.Object({
  url: Type.String(),
  createdAt: IsoDateTime,
})

export const WebhookWithSecretSchema = Type.Object({
  ...WebhookSchema.properties,
  secret: Type.String({ description: 'Shown only now: verify X-Signature = "sha256=" + HMAC-SHA256(secret, X-Signature-Timestamp + "." + body)' }),
})

export const DeliverySchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: NotificationTypeSchema,
  app: Type.Object({ slug: Slug, name: Type.String() }),
  url: Type.String(),
  status: Type.Enum([...webhookDeliveryStatusValues]),
  attempts: Type.Integer(),
  lastStatusCode: Type.Union([Type.Integer(), Type.Null()]),
  lastError: Type.Union([Type.String(), Type.Null()]),
  lastAttemptAt: Type.Union([IsoDateTime, Type.Null()]),
  nextAttemptAt: Type.Union([IsoDateTime, Type.Null()], { description: 'When the next retry is due (pending only)' }),
  deliveredAt: Type.Union([IsoDateTime, Type.Null()]),
  createdAt: IsoDateTime,
})
