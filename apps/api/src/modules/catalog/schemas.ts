import type { Static } from 'typebox'
import { attestationKindValues, basisdienstValues, deploymentModelValues, themenfeldValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { FacetValueSchema, IsoDate, IsoDateTime, LandCode, Slug } from '../../schemas/common.ts'

export const ThemenfeldSchema = Type.Enum(themenfeldValues)
export const AttestationKindSchema = Type.Enum(attestationKindValues)
export const DeploymentModelSchema = Type.Enum(deploymentModelValues)
export const BasisdienstSchema = Type.Enum(basisdienstValues)
export const sortValues = ['relevance', 'adoptions', 'newest', 'name'] as const
export type CatalogSort = (typeof sortValues)[number]

const filter = <T extends Parameters<typeof Type.Array>[0]>(item: T, description: string) =>
  Type.Optional(Type.Array(item, { maxItems: 20, description: `${description} Repeat the parameter for several values (OR).` }))

export const AppListQuerySchema = Type.Object({
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Search text (German stemming, umlaut folding, typos, word parts, prefix of the last word).' })),
  themenfeld: filter(ThemenfeldSchema, 'OZG Themenfeld.'),
  license: filter(Type.String({ pattern: '^[A-Za-z0-9.+() -]{1,120}$' }), 'SPDX licence expression as stored.'),
  attestation: filter(AttestationKindSchema, 'Kind of a currently valid attestation.'),
  deployment: filter(DeploymentModelSchema, 'Deployment model.'),
  land: filter(LandCode, 'Origin Land code.'),
  basisdienst: filter(BasisdienstSchema, 'Required base service.'),
  sort: Type.Optional(Type.Enum(sortValues, { description: 'Default: relevance when q is set, otherwise adoptions.' })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20, description: 'Page size (1–100).' })),
  cursor: Type.Optional(Type.String({ maxLength: 400, description: 'nextCursor of the previous page.' })),
  explain: Type.Optional(Type.Boolean({ description: 'Show why each hit matched and how it was ranked (reviewers and platform admins; needs a token).' })),
})
export type AppListQuery = Static<typeof AppListQuerySchema>

export const CertificationSummarySchema = Type.Object({
  status: Type.Enum(['certified']),
  validUntil: IsoDate,
  expiringSoon: Type.Boolean({ description: 'Valid for less than 60 more days.' }),
})

export const OrganizationRefSchema = Type.Object({
  slug: Type.String(),
  name: Type.String(),
  kind: Type.String(),
})

export const AppSummarySchema = Type.Object({
  slug: Slug,
  name: Type.String(),
  summary: Type.String(),
  license: Type.String(),
  themenfelder: Type.Array(ThemenfeldSchema),
  deploymentModels: Type.Array(DeploymentModelSchema),
  adoptionCount: Type.Integer({ minimum: 0 }),
  owner: OrganizationRefSchema,
  latestVersion: Type.Union([Type.String(), Type.Null()]),
  certification: CertificationSummarySchema,
})
export type AppSummary = Static<typeof AppSummarySchema>

export const facetNames = ['themenfeld', 'license', 'attestation', 'deployment', 'land', 'basisdienst'] as const
export type FacetName = (typeof facetNames)[number]

export const SearchExplanationSchema = Type.Object({
  matched: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'The parts of the query this app matched' }),
  exactName: Type.Number(),
  name: Type.Number(),
  termsAndTags: Type.Number(),
  summary: Type.Number(),
  description: Type.Number(),
  coverage: Type.Number(),
  fuzzy: Type.Number(),
  adoption: Type.Number(),
  maintained: Type.Number(),
  score: Type.Number(),
}, { description: 'Score parts: exact name 100, name 40, search terms/tags 20, summary 8, description 3 (each × share of query parts found there), coverage 10, trigram closeness ≤ 2, then adoption and maintenance as tie-breakers' })

export const AppListSchema = Type.Object({
  items: Type.Array(Type.Object({ ...AppSummarySchema.properties, explain: Type.Optional(SearchExplanationSchema) })),
  didYouMean: Type.Union([Type.String(), Type.Null()], { description: '"Meinten Sie …?": the query with likely typos corrected' }),
  fallback: Type.Union([Type.Object({
    themenfelder: Type.Array(Type.Object({ value: ThemenfeldSchema, label: Type.String() })),
    apps: Type.Array(Type.Object({ slug: Slug, name: Type.String(), summary: Type.String() })),
  }), Type.Null()], { description: 'When nothing matched: the closest apps and their Themenfelder' }),
  expansions: Type.Array(Type.String(), { description: 'Synonyms and word parts the search also looked for' }),
  total: Type.Integer({ minimum: 0, description: 'Number of apps matching search and filters.' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  facets: Type.Object({
    themenfeld: Type.Array(FacetValueSchema),
    license: Type.Array(FacetValueSchema),
    attestation: Type.Array(FacetValueSchema),
    deployment: Type.Array(FacetValueSchema),
    land: Type.Array(FacetValueSchema),
    basisdienst: Type.Array(FacetValueSchema),
  }, { description: 'Counts per value on the result set, each facet ignoring its own filter.' }),
})
export type AppList = Static<typeof AppListSchema>

export const AttestationSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  kind: AttestationKindSchema,
  issuer: Type.String(),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  state: Type.Enum(['valid', 'expiring', 'expired']),
  evidenceUrl: Type.String(),
  evidenceSha256: Type.String(),
  releaseVersion: Type.Union([Type.String(), Type.Null()], { description: 'Set when the attestation concerns one release.' }),
  details: Type.Record(Type.String(), Type.Unknown()),
})

export const ReleaseSchema = Type.Object({
  version: Type.String(),
  coveredByCertificate: Type.Boolean({ description: 'Same major version as the certified release: minor and patch releases inherit the certificate, a new major needs its own.' }),
  releasedOn: IsoDate,
  changelog: Type.String(),
  artifactUrl: Type.Union([Type.String(), Type.Null()], { description: 'Null when the release was only declared (publiccode.yml import)' }),
  artifactSha256: Type.Union([Type.String(), Type.Null()]),
})

const ShortText = Type.String({ minLength: 1, maxLength: 200 })
export const MaintenanceSchema = Type.Object({
  type: Type.Enum(['internal', 'contract', 'community', 'none']),
  contacts: Type.Array(Type.Object({
    name: ShortText,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    phone: Type.Optional(Type.String({ maxLength: 50 })),
    affiliation: Type.Optional(ShortText),
  }, { additionalProperties: false }), { maxItems: 20 }),
  contractors: Type.Array(Type.Object({
    name: ShortText,
    until: IsoDate,
    email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
    website: Type.Optional(Type.String({ format: 'uri', maxLength: 500 })),
  }, { additionalProperties: false }), { maxItems: 20, description: 'Only with type "contract"' }),
}, { additionalProperties: false, description: 'Who maintains the software (publiccode.yml maintenance)' })

export const DevelopmentStatusSchema = Type.Enum(['concept', 'development', 'beta', 'stable', 'obsolete'])
export const SoftwareTypeSchema = Type.Enum(['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'])

/** What the publisher states about the software (from publiccode.yml or the console); not checked by the Prüfstelle. */
export const SoftwareProfileSchema = Type.Object({
  features: Type.Array(Type.String()),
  platforms: Type.Array(Type.String(), { description: 'web, windows, mac, linux, android, ios' }),
  developmentStatus: Type.Union([DevelopmentStatusSchema, Type.Null()]),
  softwareType: Type.Union([SoftwareTypeSchema, Type.Null()]),
  maintenance: Type.Union([MaintenanceSchema, Type.Null()]),
  availableLanguages: Type.Array(Type.String()),
  leikaIds: Type.Array(Type.String({ pattern: '^[0-9]{14}$' }), { description: 'LeiKa-Leistungsschlüssel' }),
  declaredUsers: Type.Array(Type.String(), { description: 'Users the publisher names (publiccode.yml usedBy): unverified, not counted as adoption' }),
  complianceClaims: Type.Array(Type.String(), { description: 'Compliance the publisher declares itself: claims, not attestations' }),
})

export const AppDetailSchema = Type.Object({
  slug: Slug,
  name: Type.String(),
  summary: Type.String(),
  description: Type.String({ description: 'Markdown' }),
  license: Type.String(),
  themenfelder: Type.Array(ThemenfeldSchema),
  tags: Type.Array(Type.String()),
  basisdienste: Type.Array(BasisdienstSchema),
  deploymentModels: Type.Array(DeploymentModelSchema),
  maintainerType: Type.String(),
  repositoryUrl: Type.String(),
  homepageUrl: Type.Union([Type.String(), Type.Null()]),
  originLand: Type.Union([Type.Object({ code: LandCode, name: Type.String() }), Type.Null()]),
  owner: OrganizationRefSchema,
  provider: Type.Union([OrganizationRefSchema, Type.Null()]),
  certification: Type.Object({
    status: Type.Enum(['certified']),
    certificateNumber: Type.String(),
    validUntil: IsoDate,
    expiringSoon: Type.Boolean(),
    issuedAt: IsoDateTime,
    releaseVersion: Type.String(),
    coversMajor: Type.Integer({ description: 'Release line covered: minor and patch releases of this major inherit the certificate.' }),
  }),
  requiredAttestations: Type.Array(Type.Object({
    kind: AttestationKindSchema,
    state: Type.Enum(['valid', 'expiring', 'expired', 'missing']),
  })),
  attestations: Type.Array(AttestationSchema),
  releases: Type.Array(ReleaseSchema, { description: 'Newest first.' }),
  profile: SoftwareProfileSchema,
  adoption: Type.Object({
    total: Type.Integer({ minimum: 0 }),
    byLand: Type.Array(Type.Object({ code: LandCode, name: Type.String(), count: Type.Integer({ minimum: 1 }) })),
  }),
  updatedAt: IsoDateTime,
})
export type AppDetail = Static<typeof AppDetailSchema>

export const AppParamsSchema = Type.Object({ slug: Slug })
