import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse } from '../../schemas/common.ts'
import { DevTokenBodySchema, DevTokenSchema, MeSchema, PersonaSchema } from './schemas.ts'
import { issueDevToken } from './service.ts'
import { personas } from './personas.ts'

export const authErrors = {
  401: problemResponse('No valid access token'),
  403: problemResponse('Signed in, but not allowed'),
}

const identityRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/me', {
    schema: {
      tags: ['identity'],
      operationId: 'getMe',
      summary: 'The signed-in user, their organization and roles',
      security: [{ bearerAuth: [] }],
      response: { 200: MeSchema, ...authErrors },
    },
    onRequest: app.requireRoles(),
  }, async (request, reply) => {
    const { subject, issuer, displayName, roles, organization } = principalOf(request)
    const { id: _id, ...publicOrganization } = organization
    return reply.header('Cache-Control', 'no-store').send({ subject, issuer, displayName, roles, organization: publicOrganization })
  })

  app.get('/auth/config', {
    schema: {
      tags: ['identity'],
      operationId: 'getAuthConfig',
      summary: 'How to sign in here: development personas or the OIDC provider',
      response: { 200: Type.Object({
        devSignIn: Type.Boolean(),
        oidc: Type.Union([Type.Object({ issuer: Type.String(), clientId: Type.String(), audience: Type.String() }), Type.Null()]),
      }) },
    },
  }, async (_request, reply) => reply.header('Cache-Control', 'no-cache').send({
    devSignIn: Boolean(app.devSignIn),
    oidc: app.oidcClient ?? null,
  }))

  // The development sign-in exists only when it is on (no OIDC provider, not production).
  if (!app.devSignIn)
    return
  const devSignIn = app.devSignIn

  app.get('/auth/dev/personas', {
    schema: {
      tags: ['identity'],
      operationId: 'listDevPersonas',
      summary: 'Demo personas of the development sign-in',
      description: 'Only available without an OIDC provider and outside production.',
      response: { 200: Type.Array(PersonaSchema) },
    },
  }, async () => [...personas])

  app.post('/auth/dev/token', {
    schema: {
      tags: ['identity'],
      operationId: 'createDevToken',
      summary: 'Sign in as a demo persona or as any demo organization with a role',
      description: 'Development sign-in: `{ "persona": "reviewer" }` or `{ "organization": "kiel" | "01002000", "role": "municipality_admin" }`.',
      body: DevTokenBodySchema,
      response: { 200: DevTokenSchema, 400: problemResponse('Invalid body'), 404: problemResponse('Unknown persona or organization'), 422: problemResponse('Role not possible for this organization') },
    },
  }, async (request, reply) => reply.header('Cache-Control', 'no-store').send(await issueDevToken(app.database.db, devSignIn, request.body)))
}

export default identityRoutes
