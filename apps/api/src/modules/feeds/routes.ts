import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import type { FastifyRequest } from 'fastify'
import type { Static } from 'typebox'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { decodeKeyset, encodeKeyset, ISO_TIMESTAMP_PATTERN, UUID_PATTERN } from '../../lib/keyset-cursor.ts'
import { notFound } from '../../lib/problem.ts'
import { preciseUtcTimestamp, utcTimestamp } from '../../lib/sql.ts'
import { problemResponse, publicReadErrors } from '../../schemas/common.ts'
import { AppParamsSchema } from '../catalog/schemas.ts'
import { atomFeed } from './atom.ts'
import { CatalogExportPageSchema, CatalogExportQuerySchema } from './schemas.ts'

const atomResponse = { 200: { description: 'Atom 1.0 feed', content: { 'application/atom+xml': { schema: Type.String() } } } }

/** Where the store is reachable, as the client addressed it (feeds must carry absolute links). */
function origin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`
}

/** Atom feeds for feed readers, and an incremental JSON export for other catalogues. */
const feedRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.database.db

  app.get('/feeds/certified.atom', {
    schema: { tags: ['feeds'], operationId: 'certifiedAppsFeed', summary: 'Atom feed of newly certified apps (latest 50 certificates)', produces: ['application/atom+xml'], response: { ...atomResponse, ...publicReadErrors } },
  }, async (request, reply) => {
    const rows = await selectRows<{ id: string, number: string, slug: string, name: string, summary: string, version: string, issued: string, valid_until: string }>(db, sql`
      SELECT c.id, c.certificate_number AS number, a.slug, a.name, a.summary, r.version, ${utcTimestamp(sql`c.issued_at`)} AS issued, c.valid_until::text AS valid_until
      FROM certifications c JOIN apps a ON a.id = c.app_id JOIN releases r ON r.id = c.release_id
      WHERE c.status = 'valid' AND a.status = 'certified' AND a.certified_until >= CURRENT_DATE
      ORDER BY c.issued_at DESC, c.id LIMIT 50`)
    const base = origin(request)
    const xml = atomFeed({
      id: `${base}/api/v1/feeds/certified.atom`,
      title: 'Kommunaler App-Store: neu zertifizierte Anwendungen',
      selfLink: `${base}/api/v1/feeds/certified.atom`,
      alternateLink: `${base}/apps`,
      updated: rows[0]?.issued ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      entries: rows.map(row => ({
        id: `urn:kas:certificate:${row.id}`,
        title: `${row.name} ${row.version} zertifiziert (${row.number})`,
        updated: row.issued,
        link: `${base}/apps/${row.slug}`,
        summary: `${row.summary} Zertifikat ${row.number}, gültig bis ${row.valid_until}.`,
      })),
    })
    return reply.type('application/atom+xml; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(xml)
  })

  app.get('/apps/:slug/releases.atom', {
    schema: { tags: ['feeds'], operationId: 'appReleasesFeed', summary: 'Atom feed of an app\'s releases', params: AppParamsSchema, produces: ['application/atom+xml'], response: { ...atomResponse, 404: problemResponse('No public app with this slug'), ...publicReadErrors } },
  }, async (request, reply) => {
    const [app_] = await selectRows<{ id: string, name: string }>(db, sql`
      SELECT id, name FROM apps WHERE slug = ${request.params.slug} AND status = 'certified' AND certified_until >= CURRENT_DATE`)
    if (!app_)
      throw notFound('App', request.params.slug)
    const releases = await selectRows<{ id: string, version: string, released_on: string, changelog: string, created: string }>(db, sql`
      SELECT id, version, released_on::text AS released_on, changelog, ${utcTimestamp(sql`created_at`)} AS created FROM releases
      WHERE app_id = ${app_.id} ORDER BY major DESC, minor DESC, patch DESC LIMIT 50`)
    const base = origin(request)
    const link = `${base}/apps/${request.params.slug}`
    const xml = atomFeed({
      id: `${base}/api/v1/apps/${request.params.slug}/releases.atom`,
      title: `${app_.name}: Versionen`,
      selfLink: `${base}/api/v1/apps/${request.params.slug}/releases.atom`,
      alternateLink: link,
      updated: releases[0]?.created ?? new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      entries: releases.map(release => ({
        id: `urn:kas:release:${release.id}`,
        title: `${app_.name} ${release.version}`,
        updated: release.created,
        link,
        summary: `Veröffentlicht am ${release.released_on}. ${release.changelog}`.trim(),
      })),
    })
    return reply.type('application/atom+xml; charset=utf-8').header('Cache-Control', 'public, max-age=300').send(xml)
  })

  app.get('/catalog/export', {
    schema: {
      tags: ['feeds'],
      operationId: 'exportCatalog',
      summary: 'Apps changed since a point in time, for catalogues that mirror the store (cursor-paged)',
      description: 'Returns every non-draft app changed at or after `since`, oldest change first, with `public` telling whether it is in the catalogue now (false: remove it from the mirror). Store the last item\'s `updatedAt` and ask again with it as `since`.',
      querystring: CatalogExportQuerySchema,
      response: { 200: CatalogExportPageSchema, ...publicReadErrors },
    },
  }, async (request, reply) => {
    const { since, limit, cursor } = request.query
    const after = cursor ? decodeKeyset(cursor, [ISO_TIMESTAMP_PATTERN, UUID_PATTERN]) : undefined
    const rows = await selectRows<Omit<Static<typeof CatalogExportPageSchema>['items'][number], 'publiccodeUrl'> & { id: string, cursorAt: string }>(db, sql`
      SELECT a.id, a.slug, a.name, a.summary, a.license, a.themenfelder::text[] AS themenfelder, a.tags, a.deployment_models::text[] AS "deploymentModels",
             a.repository_url AS "repositoryUrl", a.homepage_url AS "homepageUrl", a.status::text AS status,
             (a.status = 'certified' AND a.certified_until >= CURRENT_DATE) AS public,
             a.certified_until::text AS "certifiedUntil", a.adoption_count AS "adoptionCount",
             json_build_object('slug', o.slug, 'name', o.name) AS owner,
             (SELECT r.version FROM releases r WHERE r.app_id = a.id ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS "latestVersion",
             ${utcTimestamp(sql`a.updated_at`)} AS "updatedAt", ${preciseUtcTimestamp(sql`a.updated_at`)} AS "cursorAt"
      FROM apps a JOIN organizations o ON o.id = a.owner_organization_id
      WHERE a.status <> 'draft' AND a.status <> 'in_review'
        ${since ? sql`AND a.updated_at >= ${since}::timestamptz` : sql``}
        ${after ? sql`AND (a.updated_at, a.id) > (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      ORDER BY a.updated_at, a.id LIMIT ${limit + 1}`)
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    const base = origin(request)
    return reply.header('Cache-Control', 'public, max-age=60').send({
      items: page.map(({ id: _id, cursorAt: _cursorAt, ...item }) => ({ ...item, publiccodeUrl: item.public ? `${base}/api/v1/apps/${item.slug}/publiccode.yml` : null })),
      nextCursor: rows.length > limit && last ? encodeKeyset([last.cursorAt, last.id]) : null,
    })
  })
}

export default feedRoutes
