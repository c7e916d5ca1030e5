import { Type } from 'typebox'
import { IsoDateTime, Slug } from '../../schemas/common.ts'

export const AuditEventSchema = Type.Object({
  id: Type.Integer(),
  occurredAt: IsoDateTime,
  action: Type.String({ description: 'e.g. app.created, release.published, certificate.issued' }),
  entityType: Type.String(),
  entityId: Type.String(),
  actorOrganization: Type.Union([Type.Object({ slug: Type.String(), name: Type.String() }), Type.Null()]),
  payload: Type.Record(Type.String(), Type.Unknown()),
  hash: Type.String({ description: 'SHA-256 of the event\'s canonical content including prevHash' }),
  prevHash: Type.Union([Type.String(), Type.Null()]),
})

export const AuditListQuerySchema = Type.Object({
  app: Type.Optional(Slug),
  entityType: Type.Optional(Type.String({ pattern: '^[a-z_]{1,40}$' })),
  action: Type.Optional(Type.String({ pattern: '^[a-z_.]{1,60}$' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  cursor: Type.Optional(Type.String({ pattern: '^\\d{1,15}$', description: 'nextCursor of the previous page (events older than it follow)' })),
})

export const AuditListSchema = Type.Object({
  items: Type.Array(AuditEventSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const AuditVerificationSchema = Type.Object({
  ok: Type.Boolean(),
  events: Type.Integer({ description: 'Events checked' }),
  brokenAt: Type.Optional(Type.Integer({ description: 'Id of the first event whose hash or link does not match' })),
  reason: Type.Optional(Type.String()),
})

export const HistoryEventSchema = Type.Object({
  occurredAt: IsoDateTime,
  action: Type.String(),
  actorOrganization: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown()),
})
