import { Type } from 'typebox'
import { IsoDate, Slug } from '../../schemas/common.ts'
import { DeploymentModelSchema } from '../catalog/schemas.ts'
import { SharingKeySchema } from '../cost-sharing/schemas.ts'

export const SubscribeBodySchema = Type.Object({
  app: Slug,
  operatingModel: DeploymentModelSchema,
}, { additionalProperties: false })

export const SubscriptionSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  app: Type.Object({ slug: Slug, name: Type.String() }),
  operatingModel: DeploymentModelSchema,
  status: Type.Enum(['active', 'cancelled']),
  startedOn: IsoDate,
  cancelledOn: Type.Union([IsoDate, Type.Null()]),
})

export const SubscriptionParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })

export const OwnSubscriptionSchema = Type.Object({
  ...SubscriptionSchema.properties,
  certification: Type.Object({
    status: Type.String({ description: 'The app\'s status: certified, suspended, revoked, expired, retired' }),
    certifiedUntil: Type.Union([IsoDate, Type.Null()]),
    expiringSoon: Type.Boolean({ description: 'Certified, but the certificate ends within 60 days' }),
  }),
  costShare: Type.Union([Type.Object({
    year: Type.Integer(),
    sharingKey: SharingKeySchema,
    shareCents: Type.Integer({ description: 'The organization\'s share of this year\'s operating cost' }),
    connectionFeeCents: Type.Integer(),
    perInhabitantCents: Type.Union([Type.Number(), Type.Null()]),
  }), Type.Null()], { description: 'null when the app has no EfA price sheet this year' }),
})
