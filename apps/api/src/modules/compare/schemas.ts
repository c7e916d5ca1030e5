import { attestationKindValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { IsoDate, LandCode, Slug } from '../../schemas/common.ts'
import { DeploymentModelSchema, OrganizationRefSchema } from '../catalog/schemas.ts'

export const CompareQuerySchema = Type.Object({
  apps: Type.String({ pattern: '^[a-z0-9-]+(,[a-z0-9-]+){1,3}$', maxLength: 400, description: '2 to 4 app slugs, comma-separated' }),
  organization: Type.Optional(Type.String({ minLength: 1, maxLength: 80, description: 'Slug or AGS of the viewer\'s public body: adoption in its Land and size class, and its estimated cost share' })),
}, { additionalProperties: false })

const ValidityState = Type.Enum(['valid', 'expiring', 'expired', 'missing'])

export const ComparedAppSchema = Type.Object({
  slug: Slug,
  name: Type.String(),
  summary: Type.String(),
  license: Type.String(),
  certification: Type.Object({ certificateNumber: Type.String(), validUntil: IsoDate, expiringSoon: Type.Boolean() }),
  attestations: Type.Array(Type.Object({
    kind: Type.Enum([...attestationKindValues]),
    state: ValidityState,
    required: Type.Boolean({ description: 'Whether certification requires this kind for the app' }),
    validUntil: Type.Union([IsoDate, Type.Null()]),
  }), { description: 'Every attestation kind, always in the same order: valid, expiring within 60 days, expired or missing' }),
  deploymentModels: Type.Array(DeploymentModelSchema),
  provider: Type.Union([OrganizationRefSchema, Type.Null()]),
  owner: OrganizationRefSchema,
  adoption: Type.Object({
    total: Type.Integer(),
    inLand: Type.Union([Type.Integer(), Type.Null()], { description: 'Adopters in the viewer\'s Land' }),
    inSizeClass: Type.Union([Type.Integer(), Type.Null()], { description: 'Adopting municipalities of the viewer\'s size class' }),
  }),
  rating: Type.Object({ average: Type.Union([Type.Number(), Type.Null()]), reports: Type.Integer() }),
  latestRelease: Type.Union([Type.Object({ version: Type.String(), releasedOn: IsoDate }), Type.Null()]),
  estimatedAnnualShareCents: Type.Union([Type.Integer(), Type.Null()], { description: 'The viewer\'s full-year share of this year\'s operating cost, when there is a price sheet' }),
})

export const ComparisonSchema = Type.Object({
  viewer: Type.Union([Type.Object({
    slug: Slug,
    name: Type.String(),
    landCode: Type.Union([LandCode, Type.Null()]),
    sizeClass: Type.Union([Type.Object({ label: Type.String(), min: Type.Integer(), max: Type.Union([Type.Integer(), Type.Null()]) }), Type.Null()]),
  }), Type.Null()]),
  apps: Type.Array(ComparedAppSchema),
  differences: Type.Array(Type.String(), { description: 'The compared properties whose values differ between the apps (e.g. "license", "attestations.bsi_c5")' }),
})
