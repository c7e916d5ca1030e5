import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'

/** What a text search needs to know of a public app besides its text: filters, facets, ranking and its result card. */
export interface PublicApp {
  id: string
  slug: string
  name: string
  summary: string
  nameFolded: string
  license: string
  themenfelder: string[]
  deploymentModels: string[]
  basisdienste: string[]
  originLandCode: string | null
  /** Attestation kinds with a valid attestation today (from the per-app summary kept by triggers, migration 0004). */
  validAttestations: string[]
  adoptionCount: number
  /** As PostgreSQL prints it in UTC ("2026-05-01 09:30:00.123+00"); the cursor of sort "newest" carries it. */
  createdAt: string
  /** A release within the last year. */
  maintained: boolean
  /** Last day of the certificate (ISO). */
  validUntil: string
  owner: { slug: string, name: string, kind: string }
  latestVersion: string | null
}

/**
 * The publicly visible apps (certified, certificate valid today) with their facet values, adoption
 * and what their result card shows, read in one statement for one catalogue version
 * (catalog_state.version). Text searches filter, count facets, rank and answer from it in memory;
 * any change to the catalogue (a new subscription too) means a new version and a new snapshot.
 */
export async function loadPublicApps(db: Database): Promise<Map<string, PublicApp>> {
  const rows = await selectRows<{
    id: string
    slug: string
    name: string
    summary: string
    name_folded: string
    license: string
    themenfelder: string[]
    deployment_models: string[]
    basisdienste: string[]
    origin_land_code: string | null
    valid_attestations: string[]
    adoption_count: number
    created_at: string
    maintained: boolean
    valid_until: string
    owner_slug: string
    owner_name: string
    owner_kind: string
    latest_version: string | null
  }>(db, sql`
    SELECT a.id, a.slug, a.name, a.summary, a.name_folded, a.license, a.themenfelder::text[] AS themenfelder,
           a.deployment_models::text[] AS deployment_models, a.basisdienste::text[] AS basisdienste, a.origin_land_code,
           ARRAY(SELECT e.key FROM jsonb_each_text(a.attestation_valid_until) e WHERE e.value >= CURRENT_DATE::text ORDER BY e.key) AS valid_attestations,
           a.adoption_count, a.created_at::text AS created_at,
           coalesce(r.latest_release >= CURRENT_DATE - 365, false) AS maintained, a.certified_until::text AS valid_until,
           o.slug AS owner_slug, o.name AS owner_name, o.kind AS owner_kind, r.latest_version
    FROM apps a
    JOIN organizations o ON o.id = a.owner_organization_id
    LEFT JOIN (
      SELECT app_id, max(released_on) AS latest_release,
             (array_agg(version ORDER BY major DESC, minor DESC, patch DESC))[1] AS latest_version
      FROM releases GROUP BY app_id
    ) r ON r.app_id = a.id
    WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE`)
  return new Map(rows.map(row => [row.id, {
    id: row.id,
    slug: row.slug,
    name: row.name,
    summary: row.summary,
    nameFolded: row.name_folded,
    license: row.license,
    themenfelder: row.themenfelder,
    deploymentModels: row.deployment_models,
    basisdienste: row.basisdienste,
    originLandCode: row.origin_land_code,
    validAttestations: row.valid_attestations,
    adoptionCount: row.adoption_count,
    createdAt: row.created_at,
    maintained: row.maintained,
    validUntil: row.valid_until,
    owner: { slug: row.owner_slug, name: row.owner_name, kind: row.owner_kind },
    latestVersion: row.latest_version,
  }]))
}
