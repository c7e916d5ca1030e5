import type { Database } from '@kas/db'
import type { SQL } from 'drizzle-orm'
import { selectPrepared } from '@kas/db'
import { sql } from 'drizzle-orm'
import { utcTimestamp } from '../../lib/sql.ts'

export interface AttestationRow {
  id: string
  kind: string
  issuer: string
  issued_on: string
  valid_until: string
  evidence_url: string
  evidence_sha256: string
  release_version: string | null
  details: Record<string, unknown>
  days_left: number
}

export interface ReleaseRow {
  version: string
  major: number
  released_on: string
  changelog: string
  artifact_url: string | null
  artifact_sha256: string | null
}

export interface AppDetailRow {
  slug: string
  name: string
  summary: string
  description: string
  license: string
  themenfelder: string[]
  tags: string[]
  basisdienste: string[]
  deployment_models: string[]
  maintainer_type: string
  repository_url: string
  homepage_url: string | null
  origin_land_code: string | null
  origin_land_name: string | null
  adoption_count: number
  updated_at: string
  owner_slug: string
  owner_name: string
  owner_kind: string
  provider_slug: string | null
  provider_name: string | null
  provider_kind: string | null
  certificate_number: string
  cert_valid_until: string
  cert_issued_at: string
  cert_major: number
  cert_release_version: string
  attestations: AttestationRow[]
  releases: ReleaseRow[]
  adoption_by_land: { code: string, name: string, count: number }[]
  features: string[]
  platforms: string[]
  development_status: string | null
  software_type: string | null
  maintenance: Record<string, unknown> | null
  available_languages: string[]
  leika_ids: string[]
  declared_users: string[]
  compliance_claims: string[]
}

/**
 * Everything the detail page shows, in one statement (one round trip): the app with owner, provider
 * and current certificate, plus its attestations, releases and adoption per Land as JSON arrays.
 * Returns no row unless the app is publicly visible (certified with a certificate valid today).
 */
export function appDetailQuery(slug: string): SQL {
  return sql`
    SELECT a.slug, a.name, a.summary, a.description, a.license,
           a.themenfelder::text[] AS themenfelder, a.tags, a.basisdienste::text[] AS basisdienste,
           a.deployment_models::text[] AS deployment_models, a.maintainer_type::text AS maintainer_type,
           a.repository_url, a.homepage_url, a.origin_land_code, l.name AS origin_land_name, a.adoption_count,
           a.features, a.platforms, a.development_status, a.software_type, a.maintenance, a.available_languages,
           a.leika_ids, a.declared_users, a.compliance_claims,
           ${utcTimestamp(sql`a.updated_at`)} AS updated_at,
           o.slug AS owner_slug, o.name AS owner_name, o.kind::text AS owner_kind,
           p.slug AS provider_slug, p.name AS provider_name, p.kind::text AS provider_kind,
           c.certificate_number, c.valid_until::text AS cert_valid_until, c.major AS cert_major,
           ${utcTimestamp(sql`c.issued_at`)} AS cert_issued_at, cr.version AS cert_release_version,
           coalesce((
             SELECT json_agg(json_build_object(
                      'id', t.id, 'kind', t.kind, 'issuer', t.issuer, 'issued_on', t.issued_on, 'valid_until', t.valid_until,
                      'evidence_url', t.evidence_url, 'evidence_sha256', t.evidence_sha256, 'release_version', tr.version,
                      'details', t.details, 'days_left', t.valid_until - CURRENT_DATE)
                    ORDER BY t.kind, t.valid_until DESC)
             FROM attestations t LEFT JOIN releases tr ON tr.id = t.release_id
             WHERE t.app_id = a.id), '[]') AS attestations,
           coalesce((
             SELECT json_agg(json_build_object(
                      'version', r.version, 'major', r.major, 'released_on', r.released_on, 'changelog', r.changelog,
                      'artifact_url', r.artifact_url, 'artifact_sha256', r.artifact_sha256)
                    ORDER BY r.major DESC, r.minor DESC, r.patch DESC)
             FROM releases r WHERE r.app_id = a.id), '[]') AS releases,
           coalesce((
             SELECT json_agg(json_build_object('code', ol.code, 'name', ol.name, 'count', x.count) ORDER BY x.count DESC, ol.code)
             FROM app_adoptions_by_land x JOIN lands ol ON ol.code = x.land_code
             WHERE x.app_id = a.id), '[]') AS adoption_by_land
    FROM apps a
    JOIN organizations o ON o.id = a.owner_organization_id
    LEFT JOIN organizations p ON p.id = a.provider_organization_id
    LEFT JOIN lands l ON l.code = a.origin_land_code
    JOIN LATERAL (
      SELECT c.* FROM certifications c
      WHERE c.app_id = a.id AND c.status = 'valid' AND c.valid_until >= CURRENT_DATE
      ORDER BY c.valid_until DESC LIMIT 1
    ) c ON TRUE
    JOIN releases cr ON cr.id = c.release_id
    WHERE a.slug = ${slug} AND a.status = 'certified'`
}

/** The name the detail statement is kept prepared under (see selectPrepared). */
export const APP_DETAIL_STATEMENT = 'app_detail'

export async function selectPublicAppDetail(db: Database, slug: string): Promise<AppDetailRow | undefined> {
  const [row] = await selectPrepared<AppDetailRow>(db, APP_DETAIL_STATEMENT, appDetailQuery(slug))
  return row
}
