import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { attestationKindValues, basisdienstValues, deploymentModelValues } from '@kas/db/schema'
import { Type } from 'typebox'
import { LandCode, publicReadErrors } from '../../schemas/common.ts'
import { AttestationKindSchema, BasisdienstSchema, DeploymentModelSchema, ThemenfeldSchema } from '../catalog/schemas.ts'
import { attestationKindLabels, basisdienstLabels, deploymentModelLabels } from './labels.ts'

/** Reference lists change only with a release, so clients may cache them for an hour. */
const REFERENCE_CACHE = 'public, max-age=3600'

const taxonomyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/themenfelder', {
    schema: {
      tags: ['taxonomy'],
      operationId: 'listThemenfelder',
      summary: 'The 14 OZG Themenfelder and "Verwaltungsinterne Dienste"',
      response: { 200: Type.Array(Type.Object({ id: ThemenfeldSchema, nameDe: Type.String(), nameEn: Type.String() })), ...publicReadErrors },
    },
  }, async (_request, reply) => {
    const { themenfelder } = await app.referenceLabels()
    return reply.header('Cache-Control', REFERENCE_CACHE).send(themenfelder.map(({ id, nameDe, nameEn }) => ({ id, nameDe, nameEn })))
  })

  app.get('/lands', {
    schema: {
      tags: ['taxonomy'],
      operationId: 'listLands',
      summary: 'The 16 Länder with code and population (Zensus 2022)',
      response: { 200: Type.Array(Type.Object({ code: LandCode, name: Type.String(), population: Type.Integer() })), ...publicReadErrors },
    },
  }, async (_request, reply) => {
    const { lands } = await app.referenceLabels()
    return reply.header('Cache-Control', REFERENCE_CACHE).send(lands)
  })

  app.get('/attestation-kinds', {
    schema: {
      tags: ['taxonomy'],
      operationId: 'listAttestationKinds',
      summary: 'Kinds of compliance attestations',
      response: { 200: Type.Array(Type.Object({ id: AttestationKindSchema, label: Type.String(), description: Type.String() })), ...publicReadErrors },
    },
  }, async (_request, reply) => reply
    .header('Cache-Control', REFERENCE_CACHE)
    .send(attestationKindValues.map(id => ({ id, ...attestationKindLabels[id] }))))

  app.get('/deployment-models', {
    schema: {
      tags: ['taxonomy'],
      operationId: 'listDeploymentModels',
      summary: 'How an app can be operated',
      response: { 200: Type.Array(Type.Object({ id: DeploymentModelSchema, label: Type.String() })), ...publicReadErrors },
    },
  }, async (_request, reply) => reply
    .header('Cache-Control', REFERENCE_CACHE)
    .send(deploymentModelValues.map(id => ({ id, label: deploymentModelLabels[id] }))))

  app.get('/basisdienste', {
    schema: {
      tags: ['taxonomy'],
      operationId: 'listBasisdienste',
      summary: 'Shared base services an app may require (BundID, ePayBL, FIT-Connect …)',
      response: { 200: Type.Array(Type.Object({ id: BasisdienstSchema, label: Type.String() })), ...publicReadErrors },
    },
  }, async (_request, reply) => reply
    .header('Cache-Control', REFERENCE_CACHE)
    .send(basisdienstValues.map(id => ({ id, label: basisdienstLabels[id] }))))
}

export default taxonomyRoutes
