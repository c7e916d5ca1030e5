import { Type } from 'typebox'
import { IsoDate, IsoDateTime, LandCode, Slug } from '../../schemas/common.ts'
import { BasisdienstSchema, DeploymentModelSchema, DevelopmentStatusSchema, MaintenanceSchema, SoftwareTypeSchema, ThemenfeldSchema } from '../catalog/schemas.ts'

const HttpsUrl = Type.String({ format: 'uri', pattern: '^https://', maxLength: 500 })
const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$', description: 'SHA-256, lower-case hex' })

const editableAppFields = {
  name: Type.String({ minLength: 2, maxLength: 120 }),
  summary: Type.String({ minLength: 10, maxLength: 300 }),
  description: Type.String({ maxLength: 20_000, description: 'Markdown' }),
  themenfelder: Type.Array(ThemenfeldSchema, { minItems: 1, maxItems: 5, uniqueItems: true }),
  tags: Type.Array(Type.String({ minLength: 1, maxLength: 60 }), { maxItems: 30, uniqueItems: true }),
  searchTerms: Type.Array(Type.String({ minLength: 2, maxLength: 60 }), { maxItems: 40, uniqueItems: true, description: 'Words people search by that the text lacks: colloquial and official names, abbreviations ("Knöllchen", "OWi")' }),
  basisdienste: Type.Array(BasisdienstSchema, { uniqueItems: true }),
  license: Type.String({ minLength: 1, maxLength: 200, description: 'SPDX expression of OSI-approved licences' }),
  deploymentModels: Type.Array(DeploymentModelSchema, { minItems: 1, uniqueItems: true }),
  repositoryUrl: HttpsUrl,
  homepageUrl: Type.Union([HttpsUrl, Type.Null()]),
  originLandCode: Type.Union([LandCode, Type.Null()]),
  provider: Type.Union([Slug, Type.Null()], { description: 'Slug of the provider organization running the EfA service' }),
  // What publiccode.yml describes; the export needs them to be a valid file.
  features: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 50, uniqueItems: true }),
  platforms: Type.Array(Type.String({ pattern: '^[a-z0-9-]{1,40}$' }), { maxItems: 10, uniqueItems: true, description: 'web, windows, mac, linux, android, ios' }),
  developmentStatus: Type.Union([DevelopmentStatusSchema, Type.Null()]),
  softwareType: Type.Union([SoftwareTypeSchema, Type.Null()]),
  maintenance: Type.Union([MaintenanceSchema, Type.Null()]),
  availableLanguages: Type.Array(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }), { maxItems: 100, uniqueItems: true, description: 'Languages of the user interface (BCP 47), e.g. de, en' }),
  localisationReady: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether the interface can be translated' }),
  leikaIds: Type.Array(Type.String({ pattern: '^[0-9]{14}$' }), { maxItems: 100, uniqueItems: true, description: 'LeiKa-Leistungsschlüssel' }),
}


export const CreateAppBodySchema = Type.Object({
  slug: Slug,
  ...editableAppFields,
  tags: Type.Optional(editableAppFields.tags),
  searchTerms: Type.Optional(editableAppFields.searchTerms),
  basisdienste: Type.Optional(editableAppFields.basisdienste),
  description: Type.Optional(editableAppFields.description),
  homepageUrl: Type.Optional(editableAppFields.homepageUrl),
  originLandCode: Type.Optional(editableAppFields.originLandCode),
  provider: Type.Optional(editableAppFields.provider),
  features: Type.Optional(editableAppFields.features),
  platforms: Type.Optional(editableAppFields.platforms),
  developmentStatus: Type.Optional(editableAppFields.developmentStatus),
  softwareType: Type.Optional(editableAppFields.softwareType),
  maintenance: Type.Optional(editableAppFields.maintenance),
  availableLanguages: Type.Optional(editableAppFields.availableLanguages),
  localisationReady: Type.Optional(editableAppFields.localisationReady),
  leikaIds: Type.Optional(editableAppFields.leikaIds),
}, { additionalProperties: false })

export const UpdateAppBodySchema = Type.Partial(Type.Object(editableAppFields), { additionalProperties: false, minProperties: 1 })

export const ReleaseBodySchema = Type.Object({
  version: Type.String({ maxLength: 60, description: 'Semantic version, higher than every earlier release' }),
  releasedOn: IsoDate,
  changelog: Type.Optional(Type.String({ maxLength: 20_000 })),
  artifactUrl: HttpsUrl,
  artifactSha256: Sha256,
  sbom: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'CycloneDX SBOM (JSON)' })),
}, { additionalProperties: false })

export const AttestationBodySchema = Type.Object({
  // A plain string, so that an unknown kind is a 422 with the list of kinds, not a schema error.
  kind: Type.String({ maxLength: 40 }),
  issuer: Type.String({ minLength: 2, maxLength: 200 }),
  issuedOn: IsoDate,
  validUntil: IsoDate,
  evidenceUrl: HttpsUrl,
  evidenceSha256: Sha256,
  releaseVersion: Type.Optional(Type.String({ maxLength: 60, description: 'When the attestation concerns one release' })),
  details: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 200 }), Type.Number(), Type.Boolean()]))),
}, { additionalProperties: false })

export const CertificationRequestBodySchema = Type.Object({
  release: Type.String({ maxLength: 60, description: 'Version of the release to certify' }),
}, { additionalProperties: false })

export const PublisherAppSchema = Type.Object({
  slug: Slug,
  status: Type.String(),
  revision: Type.Integer(),
  ...editableAppFields,
  declaredUsers: Type.Array(Type.String(), { description: 'From publiccode.yml usedBy: unverified' }),
  complianceClaims: Type.Array(Type.String(), { description: 'Self-declared, from publiccode.yml: not attestations' }),
  owner: Type.Object({ slug: Type.String(), name: Type.String() }),
  releases: Type.Array(Type.Object({ version: Type.String(), releasedOn: IsoDate, artifactUrl: Type.Union([Type.String(), Type.Null()]), artifactSha256: Type.Union([Type.String(), Type.Null()]), hasSbom: Type.Boolean() })),
  attestations: Type.Array(Type.Object({ id: Type.String(), kind: Type.String(), issuer: Type.String(), issuedOn: IsoDate, validUntil: IsoDate, evidenceUrl: Type.String(), releaseVersion: Type.Union([Type.String(), Type.Null()]) })),
  certificationRequests: Type.Array(Type.Object({
    id: Type.String(),
    releaseVersion: Type.String(),
    status: Type.String(),
    submittedAt: IsoDateTime,
    decision: Type.Union([Type.Object({
      outcome: Type.String(),
      criteria: Type.Array(Type.Object({ criterion: Type.String(), result: Type.String(), note: Type.Optional(Type.String()) })),
      comment: Type.String(),
      decidedAt: IsoDateTime,
    }), Type.Null()], { description: 'The reviewer\'s feedback, criterion by criterion' }),
  })),
  updatedAt: IsoDateTime,
})

export const PublisherAppListSchema = Type.Array(Type.Object({
  slug: Slug,
  name: Type.String(),
  status: Type.String(),
  latestVersion: Type.Union([Type.String(), Type.Null()]),
  updatedAt: IsoDateTime,
}))

export const CriterionResultSchema = Type.Object({
  criterion: Type.String(),
  met: Type.Boolean(),
  detail: Type.String(),
})
