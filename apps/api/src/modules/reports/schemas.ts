import { Type } from 'typebox'
import { IsoDateTime, LandCode, Slug } from '../../schemas/common.ts'

const ReportText = Type.String({ minLength: 20, maxLength: 5000, description: 'Plain text or Markdown; HTML is shown as text, never rendered' })

export const ReportBodySchema = Type.Object({
  releaseVersion: Type.String({ maxLength: 64, description: 'The release the organization runs' }),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  text: ReportText,
}, { additionalProperties: false })

export const ReplyBodySchema = Type.Object({ text: Type.String({ minLength: 2, maxLength: 3000 }) }, { additionalProperties: false })
export const VisibilityBodySchema = Type.Object({
  hidden: Type.Boolean(),
  reason: Type.String({ minLength: 5, maxLength: 500, description: 'Why; recorded in the audit trail' }),
}, { additionalProperties: false })

export const ReportSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  author: Type.Object({
    name: Type.Union([Type.String(), Type.Null()], { description: 'null when the organization chose not to be listed by name' }),
    slug: Type.Union([Slug, Type.Null()]),
    kind: Type.String(),
    landCode: Type.Union([LandCode, Type.Null()]),
  }),
  releaseVersion: Type.Union([Type.String(), Type.Null()]),
  rating: Type.Integer({ minimum: 1, maximum: 5 }),
  text: Type.String(),
  currentAdopter: Type.Boolean({ description: 'Whether the organization still uses the app' }),
  vendorReply: Type.Union([Type.Object({ text: Type.String(), repliedAt: IsoDateTime }), Type.Null()]),
  revision: Type.Integer(),
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
})

export const ModeratedReportSchema = Type.Object({
  ...ReportSchema.properties,
  hidden: Type.Boolean(),
  hiddenReason: Type.Union([Type.String(), Type.Null()]),
})

export const ReportListSchema = Type.Object({
  averageRating: Type.Union([Type.Number(), Type.Null()], { description: 'Average of the visible reports, one decimal' }),
  count: Type.Integer(),
  distribution: Type.Array(Type.Integer(), { minItems: 5, maxItems: 5, description: 'Visible reports with 1, 2, 3, 4 and 5 stars' }),
  items: Type.Array(ReportSchema),
})

export const ReportParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })
