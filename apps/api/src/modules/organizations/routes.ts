import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { authErrors } from '../identity/routes.ts'
import { OrganizationPageSchema, OrganizationParamsSchema, OrganizationQuerySchema, OrganizationSchema, OrganizationSettingsBodySchema } from './schemas.ts'
import { getOrganization, listOrganizations, updateOwnSettings } from './service.ts'

const tags = ['organizations']

/** The public directory of organizations and each one's profile. */
const organizationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.get('/organizations', {
    schema: { tags, operationId: 'listOrganizations', summary: 'Directory of municipalities, counties, Länder, vendors, consortia and providers', querystring: OrganizationQuerySchema, response: { 200: OrganizationPageSchema, ...publicReadErrors } },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await listOrganizations(db, request.query)))

  app.get('/organizations/me', {
    schema: { tags, operationId: 'getOwnOrganization', summary: 'My organization\'s profile and settings', security: [{ bearerAuth: [] }], response: { 200: OrganizationSchema, ...publicReadErrors, ...authErrors } },
    onRequest: app.requireRoles(),
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await getOrganization(db, principalOf(request).organization.slug)))

  app.patch('/organizations/me', {
    schema: { tags, operationId: 'updateOwnOrganization', summary: 'Choose whether my organization is listed by name as an adopter', security: [{ bearerAuth: [] }], body: OrganizationSettingsBodySchema, response: { 200: OrganizationSchema, ...publicReadErrors, ...authErrors } },
    onRequest: app.requireRoles('municipality_admin'),
  }, async (request, reply) => reply.send(await updateOwnSettings(db, principalOf(request), request.body.listedPublicly)))

  app.get('/organizations/:slug', {
    schema: { tags, operationId: 'getOrganization', summary: 'Public profile of an organization', params: OrganizationParamsSchema, response: { 200: OrganizationSchema, 404: problemResponse('No such organization'), ...publicReadErrors } },
  }, async (request, reply) => reply.header('Cache-Control', 'public, max-age=60').send(await getOrganization(db, request.params.slug)))
}

export default organizationRoutes
