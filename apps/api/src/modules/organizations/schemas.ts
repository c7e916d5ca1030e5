import { organizationKindValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { IsoDate, LandCode, Slug } from '../../schemas/common.ts'

export const OrganizationKindSchema = Type.Enum([...organizationKindValues])

const AppRef = Type.Object({ slug: Slug, name: Type.String() })

export const OrganizationSchema = Type.Object({
  slug: Slug,
  name: Type.String(),
  kind: OrganizationKindSchema,
  ags: Type.Union([Type.String(), Type.Null()], { description: 'Amtlicher Gemeindeschlüssel (public bodies)' }),
  landCode: Type.Union([LandCode, Type.Null()]),
  landName: Type.Union([Type.String(), Type.Null()]),
  population: Type.Union([Type.Integer(), Type.Null()]),
  website: Type.Union([Type.String(), Type.Null()]),
  listedPublicly: Type.Boolean({ description: 'Whether the organization shows which apps it uses' }),
  appsUsed: Type.Array(Type.Object({ ...AppRef.properties, since: IsoDate }), { description: 'Certified apps in use; empty when the organization chose not to be listed' }),
  appsOffered: Type.Array(AppRef, { description: 'Certified apps the organization publishes or runs as EfA provider' }),
  members: Type.Array(Type.Object({ slug: Slug, name: Type.String(), kind: OrganizationKindSchema }), { description: 'Members of a consortium' }),
})

export const OrganizationPageSchema = Type.Object({
  items: Type.Array(OrganizationSchema),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
})

export const OrganizationQuerySchema = Type.Object({
  kind: Type.Optional(OrganizationKindSchema),
  land: Type.Optional(LandCode),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Part of the name' })),
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 600 })),
}, { additionalProperties: false })

export const OrganizationParamsSchema = Type.Object({ slug: Slug })

export const OrganizationSettingsBodySchema = Type.Object({
  listedPublicly: Type.Boolean({ description: 'Show by name in adoption lists and the directory (counts always include the organization)' }),
}, { additionalProperties: false })
