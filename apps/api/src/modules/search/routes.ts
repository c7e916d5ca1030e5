import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { principalOf } from '../../plugins/app/auth.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { authErrors } from '../identity/routes.ts'
import { AnalyticsQuerySchema, AnalyticsSchema, ClickBodySchema, SuggestionSchema, SuggestQuerySchema, SynonymBodySchema, SynonymParamsSchema, SynonymSchema } from './schemas.ts'
import { deleteSynonym, listSynonyms, recordClick, saveSynonym, searchAnalytics, suggest } from './service.ts'

const tags = ['search']
const security = [{ bearerAuth: [] }]

/** Autocomplete, click tracking, and for platform admins the search analytics and the synonym table. */
const searchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db
  const admins = app.requireRoles('platform_admin')

  app.get('/search/suggest', {
    schema: { tags, operationId: 'suggest', summary: 'Autocomplete: app names, search terms and Themenfelder for what was typed so far', querystring: SuggestQuerySchema, response: { 200: Type.Array(SuggestionSchema), ...publicReadErrors } },
  }, async (request, reply) => {
    const index = await app.catalogSearch.suggestIndex(await app.readCache.stamp())
    return reply.header('Cache-Control', 'public, max-age=300').send(suggest(request.query.q, request.query.limit, index))
  })

  app.post('/search/clicks', {
    schema: { tags, operationId: 'recordSearchClick', summary: 'Record which result of a search was opened (anonymous)', body: ClickBodySchema, response: { 204: Type.Null(), 404: problemResponse('Unknown search'), ...publicReadErrors } },
  }, async (request, reply) => {
    // The search may still wait in the batch of the search log.
    await app.catalogSearch.log.flush()
    await recordClick(db, request.body.searchId, request.body.app, request.body.position)
    return reply.code(204).send(null)
  })

  app.get('/search/analytics', {
    schema: { tags, operationId: 'searchAnalytics', summary: 'Top searches, searches without results and without clicks', security, querystring: AnalyticsQuerySchema, response: { 200: AnalyticsSchema, ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => {
    await app.catalogSearch.log.flush()
    return reply.header('Cache-Control', 'no-store').send(await searchAnalytics(db, request.query.days))
  })

  app.get('/search/synonyms', {
    schema: { tags, operationId: 'listSynonyms', summary: 'The curated synonym table', security, response: { 200: Type.Array(SynonymSchema), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (_request, reply) => reply.header('Cache-Control', 'no-store').send(await listSynonyms(db)))

  app.post('/search/synonyms', {
    schema: { tags, operationId: 'createSynonym', summary: 'Add a synonym group (audited; applies to the next search)', security, body: SynonymBodySchema, response: { 201: SynonymSchema, 422: problemResponse('Fewer than two different terms'), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => reply.code(201).send(await saveSynonym(db, principalOf(request), undefined, request.body.terms)))

  app.put('/search/synonyms/:id', {
    schema: { tags, operationId: 'updateSynonym', summary: 'Change a synonym group (audited)', security, params: SynonymParamsSchema, body: SynonymBodySchema, response: { 200: SynonymSchema, 404: problemResponse('No such group'), 422: problemResponse('Fewer than two different terms'), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => reply.send(await saveSynonym(db, principalOf(request), request.params.id, request.body.terms)))

  app.delete('/search/synonyms/:id', {
    schema: { tags, operationId: 'deleteSynonym', summary: 'Remove a synonym group (audited)', security, params: SynonymParamsSchema, response: { 204: Type.Null(), 404: problemResponse('No such group'), ...publicReadErrors, ...authErrors } },
    onRequest: admins,
  }, async (request, reply) => {
    await deleteSynonym(db, principalOf(request), request.params.id)
    return reply.code(204).send(null)
  })
}

export default searchRoutes
