import { Type } from 'typebox'
import { IsoDate, IsoDateTime, Slug } from '../../schemas/common.ts'

const Uuid = Type.String({ format: 'uuid' })

export const RequestParamsSchema = Type.Object({ id: Uuid })
export const CertificateParamsSchema = Type.Object({ id: Uuid })

export const QueueQuerySchema = Type.Object({
  status: Type.Optional(Type.Enum(['pending', 'approved', 'rejected', 'changes_requested'], { default: 'pending' })),
})

const AppRef = Type.Object({ slug: Slug, name: Type.String(), owner: Type.String() })

export const ChangesSchema = Type.Object({
  previousCertifiedVersion: Type.Union([Type.String(), Type.Null()]),
  releases: Type.Array(Type.Object({ version: Type.String(), releasedOn: IsoDate, changelog: Type.String() })),
  attestationsAdded: Type.Array(Type.Object({ kind: Type.String(), issuer: Type.String(), validUntil: IsoDate })),
})

export const QueueItemSchema = Type.Object({
  id: Uuid,
  status: Type.String(),
  app: AppRef,
  releaseVersion: Type.String(),
  submittedAt: IsoDateTime,
  waitingDays: Type.Integer(),
  changes: ChangesSchema,
})

export const CriterionEvidenceSchema = Type.Object({
  criterion: Type.String(),
  attestations: Type.Array(Type.Object({
    issuer: Type.String(),
    issuedOn: IsoDate,
    validUntil: IsoDate,
    state: Type.Enum(['valid', 'expiring', 'expired']),
    evidenceUrl: Type.String(),
    evidenceSha256: Type.String(),
    releaseVersion: Type.Union([Type.String(), Type.Null()]),
  })),
})

export const DecisionCriterionSchema = Type.Object({
  criterion: Type.String({ maxLength: 40 }),
  result: Type.Enum(['met', 'not_met', 'not_applicable']),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
}, { additionalProperties: false })

export const DecisionSchema = Type.Object({
  outcome: Type.Enum(['approved', 'rejected', 'changes_requested']),
  criteria: Type.Array(DecisionCriterionSchema),
  comment: Type.String(),
  decidedAt: IsoDateTime,
  certificate: Type.Union([Type.Object({ id: Uuid, number: Type.String(), validUntil: IsoDate }), Type.Null()]),
})

export const RequestDetailSchema = Type.Object({
  ...QueueItemSchema.properties,
  criteria: Type.Array(CriterionEvidenceSchema),
  decision: Type.Union([DecisionSchema, Type.Null()]),
})

export const DecisionBodySchema = Type.Object({
  outcome: Type.Enum(['approved', 'rejected', 'changes_requested']),
  criteria: Type.Array(DecisionCriterionSchema, { minItems: 1, maxItems: 20 }),
  comment: Type.String({ maxLength: 5000 }),
}, { additionalProperties: false })

export const CertificateSchema = Type.Object({
  id: Uuid,
  number: Type.String(),
  app: AppRef,
  releaseVersion: Type.String(),
  coversMajor: Type.Integer(),
  status: Type.Enum(['valid', 'suspended', 'revoked']),
  validUntil: IsoDate,
  daysLeft: Type.Integer(),
  statusReason: Type.Union([Type.String(), Type.Null()]),
})

export const CertificateListQuerySchema = Type.Object({
  app: Type.Optional(Slug),
  expiringWithinDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650, description: 'Only valid certificates ending within this many days' })),
})

export const StatusChangeBodySchema = Type.Object({
  reason: Type.String({ minLength: 10, maxLength: 2000 }),
}, { additionalProperties: false })
