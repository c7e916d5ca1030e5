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
    path: Type.Optional(Type.String({ description: 'For uploaded files: the key path in the file, e.g. legal.license' })),
    line: Type.Optional(Type.Integer({ minimum: 1, description: 'For uploaded files: line in the file (1-based)' })),
    column: Type.Optional(Type.Integer({ minimum: 1 })),
    code: Type.Optional(Type.String({ description: 'For uploaded files: the kind of problem, for translations' })),
    params: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()]))),
  }))),
}, { description: 'RFC 9457 problem details' })

/** A documented error response: RFC 9457 problem details as `application/problem+json`. */
export function problemResponse(description: string) {
  return { description, content: { 'application/problem+json': { schema: ProblemSchema } } }
}

/** The error responses every public read can produce. */
export const publicReadErrors = {
  400: problemResponse('Invalid parameters; `errors` names each one'),
  429: problemResponse('Rate limit exceeded; see Retry-After'),
  500: problemResponse('Unexpected error; details are logged under the request id'),
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
