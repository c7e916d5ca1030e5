import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { OrganizationPageSchema, OrganizationQuerySchema, OrganizationSchema } from './schemas.ts'
import { appendAuditEvent, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { decodeKeyset, encodeKeyset, UUID_PATTERN } from '../../lib/keyset-cursor.ts'
import { notFound, Problem } from '../../lib/problem.ts'

type Organization = Static<typeof OrganizationSchema>

const publicApp = sql`a.status = 'certified' AND a.certified_until >= CURRENT_DATE`

/** The public profile: who it is, which certified apps it uses (if it agreed), offers, and its members. */
const profileSelect = sql`
  SELECT o.id, o.slug, o.name, o.kind::text AS kind, o.ags, o.land_code AS "landCode", l.name AS "landName", o.population, o.website,
         o.listed_publicly AS "listedPublicly",
         CASE WHEN o.listed_publicly THEN COALESCE((
           SELECT json_agg(json_build_object('slug', a.slug, 'name', a.name, 'since', s.started_on::text) ORDER BY a.name)
           FROM subscriptions s JOIN apps a ON a.id = s.app_id
           WHERE s.organization_id = o.id AND s.status = 'active' AND ${publicApp}), '[]') ELSE '[]' END AS "appsUsed",
         COALESCE((
           SELECT json_agg(json_build_object('slug', a.slug, 'name', a.name) ORDER BY a.name)
           FROM apps a WHERE (a.owner_organization_id = o.id OR a.provider_organization_id = o.id) AND ${publicApp}), '[]') AS "appsOffered",
         COALESCE((
           SELECT json_agg(json_build_object('slug', m.slug, 'name', m.name, 'kind', m.kind) ORDER BY m.name)
           FROM consortium_members cm JOIN organizations m ON m.id = cm.member_id WHERE cm.consortium_id = o.id), '[]') AS members
  FROM organizations o LEFT JOIN lands l ON l.code = o.land_code`

const withoutId = ({ id: _id, ...organization }: Organization & { id: string }): Organization => organization

/** Escapes LIKE wildcards so that "%" and "_" in a name search are literal. */
const likeContaining = (text: string) => `%${text.replace(/[\\%_]/g, m => `\\${m}`)}%`

export async function listOrganizations(db: Database, query: Static<typeof OrganizationQuerySchema>): Promise<Static<typeof OrganizationPageSchema>> {
  const after = query.cursor ? decodeKeyset(query.cursor, [/^[\s\S]{1,300}$/, UUID_PATTERN]) : undefined
  const rows = await selectRows<Organization & { id: string }>(db, sql`${profileSelect}
    WHERE true
      ${query.kind ? sql`AND o.kind = ${query.kind}::organization_kind` : sql``}
      ${query.land ? sql`AND o.land_code = ${query.land}` : sql``}
      ${query.q ? sql`AND unaccent(lower(o.name)) LIKE unaccent(lower(${likeContaining(query.q)}))` : sql``}
      ${after ? sql`AND (o.name, o.id) > (${after[0]}, ${after[1]}::uuid)` : sql``}
    ORDER BY o.name, o.id
    LIMIT ${query.limit + 1}`)
  const page = rows.slice(0, query.limit)
  const last = page.at(-1)
  return {
    items: page.map(withoutId),
    nextCursor: rows.length > query.limit && last ? encodeKeyset([last.name, last.id]) : null,
  }
}

export async function getOrganization(db: Database, slug: string): Promise<Organization> {
  const [row] = await selectRows<Organization & { id: string }>(db, sql`${profileSelect} WHERE o.slug = ${slug}`)
  if (!row)
    throw notFound('Organization', slug)
  return withoutId(row)
}

/** Whether the caller's organization is named in public adoption lists (counts include it either way). */
export async function updateOwnSettings(db: Database, principal: Principal, listedPublicly: boolean): Promise<Organization> {
  if (!['municipality', 'county', 'land'].includes(principal.organization.kind))
    throw new Problem(403, 'Forbidden', 'Only public bodies adopt apps, so only they choose whether they are listed.')
  await db.transaction(async (tx) => {
    await tx.execute(sql`UPDATE organizations SET listed_publicly = ${listedPublicly} WHERE id = ${principal.organization.id}`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, action: 'organization.listing_changed', entityType: 'organization', entityId: principal.organization.id, payload: { listedPublicly } })
  })
  return getOrganization(db, principal.organization.slug)
}
