import { sharingKeyValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { IsoDateTime, LandCode, Slug } from '../../schemas/common.ts'

export const SharingKeySchema = Type.Enum([...sharingKeyValues], { description: 'population, koenigstein (Königsteiner Schlüssel of the Land), usage (reported units) or equal' })
const Cents = Type.Integer({ minimum: 0, maximum: 1_000_000_000_00, description: 'Euro cents' })
const Year = Type.Integer({ minimum: 2000, maximum: 2100 })

export const CostModelBodySchema = Type.Object({
  annualCostCents: Cents,
  connectionFeeCents: Cents,
  centralFundingPercent: Type.Integer({ minimum: 0, maximum: 100, description: 'Part of the annual cost paid centrally (e.g. 50 for centrally funded EfA services)' }),
  sharingKey: SharingKeySchema,
}, { additionalProperties: false })

export const CostModelSchema = Type.Object({
  year: Year,
  ...CostModelBodySchema.properties,
  updatedAt: IsoDateTime,
})

export const CostModelParamsSchema = Type.Object({ slug: Slug, year: Year })
export const YearQuerySchema = Type.Object({ year: Type.Optional(Year) }, { additionalProperties: false })

export const UsageBodySchema = Type.Object({
  units: Type.Integer({ minimum: 0, maximum: 2_000_000_000, description: 'Cases or users in the year, for the usage key' }),
}, { additionalProperties: false })

const OrganizationRefSchema = Type.Object({ slug: Slug, name: Type.String(), kind: Type.String(), landCode: Type.Union([LandCode, Type.Null()]) })

export const CostSharingSchema = Type.Object({
  app: Type.Object({ slug: Slug, name: Type.String() }),
  year: Year,
  sharingKey: SharingKeySchema,
  appliedKey: Type.Union([SharingKeySchema], { description: 'The key actually applied: `equal` when nobody reported usage for the usage key' }),
  annualCostCents: Cents,
  centralFundingPercent: Type.Integer(),
  centralFundingCents: Cents,
  sharedCostCents: Type.Integer({ description: 'annualCostCents − centralFundingCents; the shares sum exactly to it' }),
  connectionFeeCents: Cents,
  daysInYear: Type.Integer(),
  shares: Type.Array(Type.Object({
    organization: Type.Union([OrganizationRefSchema, Type.Null()], { description: 'null for subscribers that chose not to be listed by name' }),
    days: Type.Integer({ description: 'Days subscribed in the year (pro rata)' }),
    keyValue: Type.String({ description: 'Inhabitants, Königstein percent, usage units, or 1 for equal' }),
    shareCents: Type.Integer(),
    connectionFeeCents: Type.Integer({ description: 'One-off fee, due in the year the organization joined' }),
    perInhabitantCents: Type.Union([Type.Number(), Type.Null()]),
  })),
})

export const EstimateQuerySchema = Type.Object({
  organization: Type.String({ minLength: 1, maxLength: 80, description: 'Slug or AGS of the organization' }),
  additional: Type.Integer({ minimum: 0, maximum: 1000, default: 0, description: 'How many more organizations of the same size join as well' }),
}, { additionalProperties: false })

export const EstimateSchema = Type.Object({
  app: Type.Object({ slug: Slug, name: Type.String() }),
  organization: OrganizationRefSchema,
  year: Year,
  sharingKey: SharingKeySchema,
  alreadySubscribed: Type.Boolean(),
  subscribers: Type.Integer({ description: 'Active subscribers today, without this organization' }),
  annualShareCents: Type.Integer({ description: 'Share of a full year, with today\'s subscribers' }),
  firstYearShareCents: Type.Integer({ description: 'Share for the rest of this year when joining today (pro rata by days)' }),
  connectionFeeCents: Type.Integer(),
  perInhabitantCents: Type.Union([Type.Number(), Type.Null()]),
  additional: Type.Integer(),
  annualShareWithAdditionalCents: Type.Integer({ description: 'Full-year share if `additional` more organizations of the same size joined too' }),
  assumption: Type.Union([Type.String(), Type.Null()], { description: 'What the estimate had to assume, e.g. usage for the usage key' }),
})
