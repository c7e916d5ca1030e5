import { organizationKindValues, roleValues } from '@kas/db/schema'
import { Type } from 'typebox'

export const RoleSchema = Type.Enum(roleValues)

export const MeSchema = Type.Object({
  subject: Type.String(),
  issuer: Type.String(),
  displayName: Type.String(),
  roles: Type.Array(RoleSchema),
  organization: Type.Object({
    slug: Type.String(),
    name: Type.String(),
    kind: Type.Enum(organizationKindValues),
    ags: Type.Union([Type.String(), Type.Null()]),
    landCode: Type.Union([Type.String(), Type.Null()]),
  }),
})

export const PersonaSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  title: Type.String(),
  organization: Type.String({ description: 'Organization slug' }),
  role: RoleSchema,
})

export const DevTokenBodySchema = Type.Union([
  Type.Object({ persona: Type.String({ maxLength: 60 }) }, { additionalProperties: false }),
  Type.Object({
    organization: Type.String({ minLength: 1, maxLength: 100, description: 'Organization slug or 8-digit AGS' }),
    role: RoleSchema,
  }, { additionalProperties: false }),
])

export const DevTokenSchema = Type.Object({
  accessToken: Type.String(),
  tokenType: Type.Enum(['Bearer']),
  expiresIn: Type.Integer({ description: 'Seconds' }),
})
