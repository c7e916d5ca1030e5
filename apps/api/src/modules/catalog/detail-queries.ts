import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'

export interface AppDetailRow {
  id: string
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
}

/** The app with owner, provider and its current certificate, if it is publicly visible. */
export async function selectPublicApp(db: Database, slug: string): Promise<AppDetailRow | undefined> {
  const rows = await selectRows<AppDetailRow>(db, sql`
    SELECT a.id, a.slug, a.name, a.summary, a.description, a.license,
           a.themenfelder::text[] AS themenfelder, a.tags, a.basisdienste::text[] AS basisdienste,
           a.deployment_models::text[] AS deployment_models, a.maintainer_type::text AS maintainer_type,
           a.repository_url, a.homepage_url, a.origin_land_code, l.name AS origin_land_name, a.adoption_count,
           to_char(a.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS updated_at,
           o.slug AS owner_slug, o.name AS owner_name, o.kind::text AS owner_kind,
           p.slug AS provider_slug, p.name AS provider_name, p.kind::text AS provider_kind,
           c.certificate_number, c.valid_until::text AS cert_valid_until, c.major AS cert_major,
           to_char(c.issued_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS cert_issued_at,
           r.version AS cert_release_version
    FROM apps a
    JOIN organizations o ON o.id = a.owner_organization_id
    LEFT JOIN organizations p ON p.id = a.provider_organization_id
    LEFT JOIN lands l ON l.code = a.origin_land_code
    JOIN LATERAL (
      SELECT c.* FROM certifications c
      WHERE c.app_id = a.id AND c.status = 'valid' AND c.valid_until >= CURRENT_DATE
      ORDER BY c.valid_until DESC LIMIT 1
    ) c ON TRUE
    JOIN releases r ON r.id = c.release_id
    WHERE a.slug = ${slug} AND a.status = 'certified'`)
  return rows[0]
}

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

export async function selectAttestations(db: Database, appId: string): Promise<AttestationRow[]> {
  const rows = await selectRows<AttestationRow>(db, sql`
    SELECT t.id, t.kind::text AS kind, t.issuer, t.issued_on::text AS issued_on, t.valid_until::text AS valid_until,
           t.evidence_url, t.evidence_sha256, r.version AS release_version, t.details,
           (t.valid_until - CURRENT_DATE) AS days_left
    FROM attestations t LEFT JOIN releases r ON r.id = t.release_id
    WHERE t.app_id = ${appId}
    ORDER BY t.kind, t.valid_until DESC`)
  return rows
}

export interface ReleaseRow {
  version: string
  released_on: string
  changelog: string
  artifact_url: string
  artifact_sha256: string
}

export async function selectReleases(db: Database, appId: string): Promise<ReleaseRow[]> {
  const rows = await selectRows<ReleaseRow>(db, sql`
    SELECT version, released_on::text AS released_on, changelog, artifact_url, artifact_sha256
    FROM releases WHERE app_id = ${appId}
    ORDER BY major DESC, minor DESC, patch DESC`)
  return rows
}

export async function selectAdoptionByLand(db: Database, appId: string): Promise<{ code: string, name: string, count: number }[]> {
  const rows = await selectRows<{ code: string, name: string, count: number }>(db, sql`
    SELECT l.code, l.name, count(*)::int AS count
    FROM subscriptions s
    JOIN organizations o ON o.id = s.organization_id
    JOIN lands l ON l.code = o.land_code
    WHERE s.app_id = ${appId} AND s.status = 'active'
    GROUP BY l.code, l.name
    ORDER BY count(*) DESC, l.code`)
  return rows
}
