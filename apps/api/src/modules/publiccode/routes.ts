import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { Problem } from '../../lib/problem.ts'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { authErrors } from '../identity/routes.ts'
import { ImportJsonBodySchema, ImportProblemSchema, ImportQuerySchema, ImportReportSchema } from './schemas.ts'
import { fetchPubliccodeFile } from './fetch-file.ts'
import { exportPubliccode, importPubliccode, PUBLICCODE_MAX_BYTES } from './service.ts'

/** Media types a publiccode.yml arrives with; `application/yaml` is the registered one (RFC 9512). */
const yamlMediaTypes = ['application/yaml', 'application/x-yaml', 'text/yaml', 'text/x-yaml', 'text/plain']
const importProblem = (description: string) => ({ description, content: { 'application/problem+json': { schema: ImportProblemSchema } } })

/** publiccode.yml: import for publishers, export for everyone. */
const publiccodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  // Encapsulated: only the import route reads YAML bodies.
  app.addContentTypeParser(yamlMediaTypes, { parseAs: 'string', bodyLimit: PUBLICCODE_MAX_BYTES }, (_request, body, done) => done(null, body))

  app.post('/imports/publiccode', {
    bodyLimit: PUBLICCODE_MAX_BYTES + 1024,
    schema: {
      tags: ['publishing'],
      operationId: 'importPubliccode',
      summary: 'Create or update my app from a publiccode.yml (matched by its url)',
      description: `Send the file as \`application/yaml\` (or text/yaml, text/plain), or as JSON \`{ "text": "…" }\`, or point at it with \`{ "url": "https://…" }\` (the store downloads it). At most ${PUBLICCODE_MAX_BYTES / 1024} KiB. With \`dryRun=true\` nothing is written: the answer previews the fields, warnings and ignored keys. Problems come back all at once as 422, each with its path and line.`,
      security: [{ bearerAuth: [] }],
      querystring: ImportQuerySchema,
      body: {
        content: {
          'application/json': { schema: ImportJsonBodySchema },
          ...Object.fromEntries(yamlMediaTypes.map(type => [type, { schema: Type.String({ minLength: 1, maxLength: PUBLICCODE_MAX_BYTES }) }])),
        },
      } as never,
      response: {
        200: ImportReportSchema,
        201: ImportReportSchema,
        ...publicReadErrors,
        ...authErrors,
        409: problemResponse('The repository belongs to another organization\'s app, or the app is retired'),
        412: problemResponse('The app changed during the import'),
        413: problemResponse(`The file is larger than ${PUBLICCODE_MAX_BYTES / 1024} KiB`),
        415: problemResponse('Not a YAML or JSON body'),
        422: importProblem('Not YAML, not a publiccode.yml, or the file has problems (`errors`, each with path and line)'),
      },
    },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => {
    const principal = principalOf(request)
    const body = request.body as string | { text: string } | { url: string }
    const text = typeof body === 'string'
      ? body
      : 'text' in body
        ? body.text
        // Calls to addresses users give follow one rule, set for webhooks: outside production http and local hosts are allowed.
        : await fetchPubliccodeFile(body.url, { maxBytes: PUBLICCODE_MAX_BYTES, allowPrivateAddresses: app.notificationOptions.allowHttpWebhooks })
    if (Buffer.byteLength(text) > PUBLICCODE_MAX_BYTES)
      throw new Problem(413, 'Content Too Large', `The file is larger than the limit of ${PUBLICCODE_MAX_BYTES / 1024} KiB.`)
    const report = await importPubliccode(db, { organizationId: principal.organization.id, organizationKind: principal.organization.kind, userId: principal.userId }, text, { dryRun: request.query.dryRun ?? false })
    if (!report.dryRun && report.outcome === 'created')
      reply.code(201).header('Location', `/api/v1/publisher/apps/${report.app.slug}`)
    return reply.header('Cache-Control', 'no-store').send(report)
  })

  app.get('/apps/:slug/publiccode.yml', {
    schema: {
      tags: ['catalog'],
      operationId: 'exportPubliccode',
      summary: 'A public app as publiccode.yml (version 0.5, with the German section "de")',
      params: AppParamsSchema,
      produces: ['application/yaml'],
      response: {
        200: { description: 'publiccode.yml', content: { 'application/yaml': { schema: Type.String() } } },
        404: problemResponse('No public app with this slug'),
        ...publicReadErrors,
      },
    },
  }, async (request, reply) => {
    const yaml = await exportPubliccode(db, request.params.slug)
    return reply
      .type('application/yaml; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="publiccode.yml"`)
      .header('Cache-Control', 'public, max-age=300')
      .send(yaml)
  })
}

export default publiccodeRoutes
