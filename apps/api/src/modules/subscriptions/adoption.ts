import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { Type } from 'typebox'
import { notFound } from '../../lib/problem.ts'
import { LandCode } from '../../schemas/common.ts'

export const AdoptionFiguresSchema = Type.Object({
  total: Type.Integer({ description: 'Active adoptions; always includes organizations not listed by name' }),
  byLand: Type.Array(Type.Object({ code: LandCode, name: Type.String(), count: Type.Integer() })),
  byKind: Type.Array(Type.Object({ kind: Type.String(), count: Type.Integer() })),
  monthly: Type.Array(Type.Object({ month: Type.String({ pattern: '^\\d{4}-\\d{2}$' }), started: Type.Integer(), active: Type.Integer({ description: 'Active at the end of the month' }) })),
  adopters: Type.Array(Type.Object({ name: Type.String(), ags: Type.Union([Type.String(), Type.Null()]), landCode: Type.Union([LandCode, Type.Null()]), since: Type.String() }), { description: 'Adopting public bodies that agreed to be listed by name' }),
})

/** The "Einer für Alle" evidence of a certified app: who uses it, where, of which kind, and since when. */
export async function adoptionFigures(db: Database, slug: string) {
  const [app] = await selectRows<{ id: string }>(db, sql`
    SELECT id FROM apps WHERE slug = ${slug} AND status = 'certified' AND certified_until >= CURRENT_DATE`)
  if (!app)
    throw notFound('App', slug)
  const active = sql`FROM subscriptions s JOIN organizations o ON o.id = s.organization_id WHERE s.app_id = ${app.id} AND s.status = 'active'`
  const [byLand, byKind, monthly, adopters] = await Promise.all([
    selectRows<{ code: string, name: string, count: number }>(db, sql`
      SELECT l.code, l.name, count(*)::int AS count
      FROM subscriptions s JOIN organizations o ON o.id = s.organization_id JOIN lands l ON l.code = o.land_code
      WHERE s.app_id = ${app.id} AND s.status = 'active'
      GROUP BY l.code, l.name ORDER BY count(*) DESC, l.code`),
    selectRows<{ kind: string, count: number }>(db, sql`SELECT o.kind::text AS kind, count(*)::int AS count ${active} GROUP BY o.kind ORDER BY count(*) DESC, o.kind`),
    // Per month since the first adoption: how many started, and how many were active at its end.
    selectRows<{ month: string, started: number, active: number }>(db, sql`
      WITH months AS (
        SELECT generate_series(date_trunc('month', min(started_on)), date_trunc('month', CURRENT_DATE), interval '1 month')::date AS month
        FROM subscriptions WHERE app_id = ${app.id})
      SELECT to_char(m.month, 'YYYY-MM') AS month,
             (SELECT count(*)::int FROM subscriptions s WHERE s.app_id = ${app.id} AND date_trunc('month', s.started_on) = m.month) AS started,
             (SELECT count(*)::int FROM subscriptions s WHERE s.app_id = ${app.id}
                AND s.started_on < (m.month + interval '1 month') AND (s.cancelled_on IS NULL OR s.cancelled_on >= (m.month + interval '1 month'))) AS active
      FROM months m WHERE m.month IS NOT NULL ORDER BY m.month`),
    selectRows<{ name: string, ags: string | null, landCode: string | null, since: string }>(db, sql`
      SELECT o.name, o.ags, o.land_code AS "landCode", s.started_on::text AS since ${active}
        AND o.listed_publicly AND o.kind IN ('municipality', 'county', 'land')
      ORDER BY o.name`),
  ])
  return { total: byKind.reduce((sum, k) => sum + k.count, 0), byLand, byKind, monthly, adopters }
}
