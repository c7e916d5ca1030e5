import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { revisionEtag, revisionFromIfMatch } from '../../lib/etag.ts'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { authErrors } from '../identity/routes.ts'
import { AttestationBodySchema, CertificationRequestBodySchema, CreateAppBodySchema, CriterionResultSchema, PublisherAppListSchema, PublisherAppSchema, ReleaseBodySchema, UpdateAppBodySchema } from './schemas.ts'
import { addAttestation, addRelease, createApp, getOwnApp, listOwnApps, requestCertification, retireApp, updateApp } from './service.ts'

const security = [{ bearerAuth: [] }]
const writeErrors = {
  ...publicReadErrors,
  ...authErrors,
  404: problemResponse('Not one of your organization\'s apps'),
  409: problemResponse('Conflicts with the current state'),
  422: problemResponse('Breaks a publishing rule; `errors` says which'),
}
const preconditionErrors = {
  412: problemResponse('The app changed since you read it'),
  428: problemResponse('If-Match header missing'),
}

/** Publishing for vendors and consortia: only ever their own organization's apps. */
const publishingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.get('/publisher/apps', {
    schema: { tags: ['publishing'], operationId: 'listOwnApps', summary: 'Apps of my organization, in every status', security, response: { 200: PublisherAppListSchema, ...publicReadErrors, ...authErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await listOwnApps(db, principalOf(request))))

  app.get('/publisher/apps/:slug', {
    schema: { tags: ['publishing'], operationId: 'getOwnApp', summary: 'One app of my organization, with releases, attestations and certification requests', security, params: AppParamsSchema, response: { 200: PublisherAppSchema, ...writeErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => {
    const result = await getOwnApp(db, principalOf(request), request.params.slug)
    return reply.header('Cache-Control', 'no-store').header('ETag', revisionEtag(result.revision)).send(result)
  })

  app.post('/apps', {
    schema: { tags: ['publishing'], operationId: 'createApp', summary: 'Create a draft app for my organization', security, body: CreateAppBodySchema, response: { 201: PublisherAppSchema, ...writeErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => {
    const created = await createApp(db, principalOf(request), request.body)
    return reply.code(201).header('Location', `/api/v1/publisher/apps/${created.slug}`).header('ETag', revisionEtag(created.revision)).send(created)
  })

  app.patch('/apps/:slug', {
    schema: { tags: ['publishing'], operationId: 'updateApp', summary: 'Change my app (If-Match with the ETag last read)', security, params: AppParamsSchema, body: UpdateAppBodySchema, response: { 200: PublisherAppSchema, ...writeErrors, ...preconditionErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => {
    const revision = revisionFromIfMatch(request.headers['if-match'])
    const updated = await updateApp(db, principalOf(request), request.params.slug, revision, request.body)
    return reply.header('ETag', revisionEtag(updated.revision)).send(updated)
  })

  app.post('/apps/:slug/retire', {
    schema: { tags: ['publishing'], operationId: 'retireApp', summary: 'Retire my app: it leaves the catalogue for good', security, params: AppParamsSchema, response: { 200: PublisherAppSchema, ...writeErrors, ...preconditionErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => {
    const revision = revisionFromIfMatch(request.headers['if-match'])
    const retired = await retireApp(db, principalOf(request), request.params.slug, revision)
    return reply.header('ETag', revisionEtag(retired.revision)).send(retired)
  })

  app.post('/apps/:slug/releases', {
    schema: { tags: ['publishing'], operationId: 'addRelease', summary: 'Publish a release of my app', security, params: AppParamsSchema, body: ReleaseBodySchema, response: { 201: PublisherAppSchema, ...writeErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.code(201).send(await addRelease(db, principalOf(request), request.params.slug, request.body)))

  app.post('/apps/:slug/attestations', {
    schema: { tags: ['publishing'], operationId: 'addAttestation', summary: 'Record an attestation of an independent body', security, params: AppParamsSchema, body: AttestationBodySchema, response: { 201: PublisherAppSchema, ...writeErrors } },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.code(201).send(await addAttestation(db, principalOf(request), request.params.slug, request.body)))

  app.post('/apps/:slug/certification-requests', {
    schema: {
      tags: ['publishing'],
      operationId: 'requestCertification',
      summary: 'Submit a release for certification',
      description: 'Refused with 422 and one entry per unmet criterion (`/criteria/<kind>`) when a required attestation is missing or expired.',
      security,
      params: AppParamsSchema,
      body: CertificationRequestBodySchema,
      response: {
        201: Type.Object({ id: Type.String(), status: Type.Enum(['pending']), releaseVersion: Type.String(), submittedAt: Type.String(), criteria: Type.Array(CriterionResultSchema) }),
        ...writeErrors,
      },
    },
    onRequest: app.requireRoles('vendor_publisher'),
  }, async (request, reply) => reply.code(201).send(await requestCertification(db, principalOf(request), request.params.slug, request.body.release)))
}

export default publishingRoutes
