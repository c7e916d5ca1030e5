import { Type } from 'typebox'

export const ProblemSchema = Type.Object({
  type: Type.String({ description: 'URI identifying the kind of problem' }),
  title: Type.String(),
  status: Type.Integer(),
  detail: Type.String(),
  instance: Type.Optional(Type.String()),
  errors: Type.Optional(Type.Array(Type.Object({
    pointer: Type.String({ description: 'JSON pointer to the offending input, e.g. /query/limit' }),
    message: Type.String(),
  }))),
}, { description: 'RFC 9457 problem details' })

/** The error responses every public read can produce. */
export const publicReadErrors = {
  400: ProblemSchema,
  429: ProblemSchema,
  500: ProblemSchema,
}

export const IsoDate = Type.String({ format: 'date', description: 'Calendar date (UTC), YYYY-MM-DD' })
export const IsoDateTime = Type.String({ format: 'date-time', description: 'UTC timestamp, ISO 8601' })
export const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 80 })
export const LandCode = Type.String({ pattern: '^(0[1-9]|1[0-6])$', description: 'Land code, the first two AGS digits' })

export const FacetValueSchema = Type.Object({
  value: Type.String(),
  label: Type.String(),
  count: Type.Integer({ minimum: 0 }),
})
