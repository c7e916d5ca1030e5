import { Type } from 'typebox'
import { IsoDate, Slug } from '../../schemas/common.ts'
import { DeploymentModelSchema } from '../catalog/schemas.ts'

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
