import type { Database } from '@kas/db'
import type { ReferenceLabels } from '../taxonomy/labels.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'

/** The same visibility rule as the catalogue: certified with a certificate valid today. */
const PUBLIC_APPS = sql`
  SELECT a.id, a.owner_organization_id, a.themenfelder FROM apps a
  WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE`

export async function getCatalogStats(db: Database, labels: ReferenceLabels) {
  const [totals] = await selectRows<Record<'apps' | 'adopting_organizations' | 'adoptions' | 'lands_with_adopters' | 'publishers', number>>(db, sql`
    WITH public_apps AS (${PUBLIC_APPS}),
    adoptions AS (
      SELECT s.organization_id, o.land_code FROM subscriptions s
      JOIN public_apps p ON p.id = s.app_id
      JOIN organizations o ON o.id = s.organization_id
      WHERE s.status = 'active')
    SELECT (SELECT count(*)::int FROM public_apps) AS apps,
           (SELECT count(DISTINCT organization_id)::int FROM adoptions) AS adopting_organizations,
           (SELECT count(*)::int FROM adoptions) AS adoptions,
           (SELECT count(DISTINCT land_code)::int FROM adoptions) AS lands_with_adopters,
           (SELECT count(DISTINCT owner_organization_id)::int FROM public_apps) AS publishers`)
  const perThemenfeld = await selectRows<{ value: string, count: number }>(db, sql`
    WITH public_apps AS (${PUBLIC_APPS})
    SELECT x::text AS value, count(*)::int AS count
    FROM public_apps p CROSS JOIN LATERAL unnest(p.themenfelder) x GROUP BY x`)
  const counts = new Map(perThemenfeld.map(r => [r.value, r.count]))
  return {
    apps: totals.apps,
    adoptingOrganizations: totals.adopting_organizations,
    adoptions: totals.adoptions,
    landsWithAdopters: totals.lands_with_adopters,
    publishers: totals.publishers,
    themenfelder: labels.themenfelder.map(t => ({ value: t.id as string, label: t.nameDe, count: counts.get(t.id) ?? 0 })),
  }
}
