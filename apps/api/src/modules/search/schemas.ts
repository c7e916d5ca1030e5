import { Type } from 'typebox'
import { IsoDateTime, Slug } from '../../schemas/common.ts'

export const SuggestQuerySchema = Type.Object({
  q: Type.String({ minLength: 1, maxLength: 100 }),
  limit: Type.Integer({ minimum: 1, maximum: 20, default: 8 }),
}, { additionalProperties: false })

export const SuggestionSchema = Type.Object({
  kind: Type.Enum(['app', 'term', 'themenfeld']),
  text: Type.String(),
  slug: Type.Optional(Type.String({ description: 'The app (kind app) or Themenfeld id (kind themenfeld)' })),
})

export const ClickBodySchema = Type.Object({
  searchId: Type.String({ format: 'uuid' }),
  app: Slug,
  position: Type.Integer({ minimum: 1, maximum: 1000 }),
}, { additionalProperties: false })

export const AnalyticsQuerySchema = Type.Object({
  days: Type.Integer({ minimum: 1, maximum: 365, default: 30 }),
}, { additionalProperties: false })

const QueryFigure = Type.Object({ query: Type.String(), searches: Type.Integer(), averageResults: Type.Number(), clickRate: Type.Number({ description: 'Share of searches with a click on a result (0–1)' }) })
export const AnalyticsSchema = Type.Object({
  days: Type.Integer(),
  searches: Type.Integer(),
  top: Type.Array(QueryFigure),
  zeroResults: Type.Array(QueryFigure),
  noClicks: Type.Array(QueryFigure, { description: 'Searches with results that nobody opened' }),
})

const Term = Type.String({ minLength: 2, maxLength: 80, pattern: '\\S' })
export const SynonymBodySchema = Type.Object({
  terms: Type.Array(Term, { minItems: 2, maxItems: 20, description: 'Terms that mean the same to a searcher; stored folded' }),
}, { additionalProperties: false })

export const SynonymSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  terms: Type.Array(Type.String()),
  updatedAt: IsoDateTime,
})

export const SynonymParamsSchema = Type.Object({ id: Type.String({ format: 'uuid' }) })
