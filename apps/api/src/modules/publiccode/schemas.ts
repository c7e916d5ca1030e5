import { Type } from 'typebox'
import { ProblemSchema } from '../../schemas/common.ts'
import { PUBLICCODE_MAX_BYTES } from './service.ts'

export const ImportQuerySchema = Type.Object({
  dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Check and preview only; nothing is written' })),
}, { additionalProperties: false })

export const ImportJsonBodySchema = Type.Union([
  Type.Object({
    text: Type.String({ minLength: 1, maxLength: PUBLICCODE_MAX_BYTES, description: 'The publiccode.yml file as text' }),
  }, { additionalProperties: false }),
  Type.Object({
    url: Type.String({ format: 'uri', maxLength: 500, description: 'Address of the file itself, e.g. the "raw" link in the repository (https, public)' }),
  }, { additionalProperties: false }),
])

const FindingSchema = Type.Object({
  path: Type.String({ description: 'Key path in the file, e.g. legal.license' }),
  line: Type.Integer({ minimum: 1 }),
  column: Type.Integer({ minimum: 1 }),
  code: Type.String({ description: 'The kind of finding, for translations (with `params`)' }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number()])),
  message: Type.String({ description: 'In English' }),
})

export const ImportReportSchema = Type.Object({
  dryRun: Type.Boolean(),
  outcome: Type.Enum(['created', 'updated', 'unchanged'], { description: 'What the import did (or, in a dry run, would do)' }),
  publiccodeYmlVersion: Type.String(),
  app: Type.Object({ slug: Type.String(), name: Type.String(), status: Type.String() }),
  fields: Type.Array(Type.Object({
    field: Type.String({ description: 'Store field, e.g. summary, license, declaredUsers' }),
    source: Type.Union([Type.String(), Type.Null()], { description: 'Key in the file the value came from; null when the store chose it' }),
    line: Type.Union([Type.Integer(), Type.Null()]),
    value: Type.Unknown(),
    change: Type.Enum(['new', 'changed', 'unchanged']),
  })),
  release: Type.Union([Type.Object({
    version: Type.String(),
    releasedOn: Type.String({ format: 'date' }),
    outcome: Type.Enum(['created', 'unchanged', 'skipped']),
    reason: Type.Union([Type.String(), Type.Null()]),
  }), Type.Null()]),
  warnings: Type.Array(FindingSchema, { description: 'Imported anyway, but worth fixing in the file' }),
  ignored: Type.Array(FindingSchema, { description: 'Keys the store does not use' }),
})

export const ImportProblemSchema = Type.Object({
  ...ProblemSchema.properties,
  warnings: Type.Optional(Type.Array(FindingSchema, { description: 'What the file would be imported with, once the problems are fixed' })),
}, { description: 'RFC 9457 problem details; `errors` lists every problem in the file with its line' })
