import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { AppDetail } from '../catalog/schemas.ts'
import type { ComparedAppSchema, ComparisonSchema } from './schemas.ts'
import { selectRows } from '@kas/db'
import { attestationKindValues } from '@kas/db/schema'
import { sql } from 'drizzle-orm'
import { badRequest, notFound, Problem } from '../../lib/problem.ts'
import { daysUntil, validityState } from '../catalog/service.ts'
import { estimateShare } from '../cost-sharing/service.ts'

type ComparedApp = Static<typeof ComparedAppSchema>

/** Size classes of municipalities by inhabitants, as Länder statistics group them. */
export const SIZE_CLASSES = [
  { label: 'unter 5.000', min: 0, max: 4_999 },
  { label: '5.000 bis 19.999', min: 5_000, max: 19_999 },
  { label: '20.000 bis 99.999', min: 20_000, max: 99_999 },
  { label: '100.000 und mehr', min: 100_000, max: null },
] as const

const sizeClassOf = (population: number) => SIZE_CLASSES.find(c => population >= c.min && (c.max === null || population <= c.max))!

const stateOf = (validUntil: string | undefined) => validUntil ? validityState(daysUntil(validUntil)) : 'missing' as const

/** The viewer's estimated share; none when the app has no price sheet this year. Other failures are errors. */
async function estimateOrNone(db: Database, slug: string, viewerSlug: string) {
  try {
    return await estimateShare(db, slug, viewerSlug, 0)
  }
  catch (error) {
    if (error instanceof Problem && error.status === 404)
      return null
    throw error
  }
}

/**
 * Two to four apps side by side, from the viewpoint of one public body when it is given: how many
 * of its Land and size class use each app, and what each would cost it.
 */
export async function compareApps(db: Database, slugs: string[], organizationRef: string | undefined, detail: (slug: string) => Promise<AppDetail>): Promise<Static<typeof ComparisonSchema>> {
  if (new Set(slugs).size !== slugs.length)
    throw badRequest('Name each app once.', [{ pointer: '/query/apps', message: 'contains an app twice' }])
  const [viewer] = organizationRef
    ? await selectRows<{ id: string, slug: string, name: string, landCode: string | null, population: number | null }>(db, sql`
        SELECT id, slug, name, land_code AS "landCode", population FROM organizations
        WHERE (slug = ${organizationRef} OR ags = ${organizationRef}) AND kind IN ('municipality', 'county', 'land')`)
    : []
  if (organizationRef && !viewer)
    throw notFound('Public body', organizationRef)
  const sizeClass = viewer && viewer.population !== null ? sizeClassOf(viewer.population) : null

  const apps = await Promise.all(slugs.map(async (slug): Promise<ComparedApp> => {
    const app = await detail(slug)
    const [figures] = await selectRows<{ inLand: number | null, inSizeClass: number | null, average: number | null, reports: number }>(db, sql`
      SELECT (SELECT count(*)::int FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
                WHERE s.app_id = a.id AND s.status = 'active' AND o.land_code = ${viewer?.landCode ?? null}) AS "inLand",
             (SELECT count(*)::int FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
                WHERE s.app_id = a.id AND s.status = 'active' AND o.kind = 'municipality'
                  AND o.population BETWEEN ${sizeClass?.min ?? null}::int AND ${sizeClass?.max ?? 2_000_000_000}::int) AS "inSizeClass",
             (SELECT round(avg(r.rating), 1)::float8 FROM experience_reports r WHERE r.app_id = a.id AND NOT r.hidden) AS average,
             (SELECT count(*)::int FROM experience_reports r WHERE r.app_id = a.id AND NOT r.hidden) AS reports
      FROM apps a WHERE a.slug = ${slug}`)
    const required = new Set(app.requiredAttestations.map(r => r.kind))
    const attestations = attestationKindValues.map((kind) => {
      const best = app.attestations.filter(a => a.kind === kind).map(a => a.validUntil).sort().at(-1)
      return { kind, state: stateOf(best), required: required.has(kind), validUntil: best ?? null }
    })
    const estimate = viewer ? await estimateOrNone(db, slug, viewer.slug) : null
    const latest = app.releases[0]
    return {
      slug: app.slug,
      name: app.name,
      summary: app.summary,
      license: app.license,
      certification: { certificateNumber: app.certification.certificateNumber, validUntil: app.certification.validUntil, expiringSoon: app.certification.expiringSoon },
      attestations,
      deploymentModels: app.deploymentModels,
      provider: app.provider,
      owner: app.owner,
      adoption: { total: app.adoption.total, inLand: viewer?.landCode ? figures.inLand : null, inSizeClass: sizeClass ? figures.inSizeClass : null },
      rating: { average: figures.average, reports: figures.reports },
      latestRelease: latest ? { version: latest.version, releasedOn: latest.releasedOn } : null,
      estimatedAnnualShareCents: estimate?.annualShareCents ?? null,
    }
  }))

  return {
    viewer: viewer ? { slug: viewer.slug, name: viewer.name, landCode: viewer.landCode, sizeClass: sizeClass ? { ...sizeClass } : null } : null,
    apps,
    differences: differingProperties(apps),
  }
}

/** Property paths whose values are not the same for all apps (what the compare page highlights). */
function differingProperties(apps: ComparedApp[]): string[] {
  const values: Record<string, (app: ComparedApp) => unknown> = {
    'license': app => app.license,
    'certification.validUntil': app => app.certification.validUntil,
    'deploymentModels': app => [...app.deploymentModels].sort().join(','),
    'provider': app => app.provider?.slug ?? null,
    'adoption.total': app => app.adoption.total,
    'adoption.inLand': app => app.adoption.inLand,
    'adoption.inSizeClass': app => app.adoption.inSizeClass,
    'rating.average': app => app.rating.average,
    'latestRelease': app => app.latestRelease?.releasedOn ?? null,
    'estimatedAnnualShareCents': app => app.estimatedAnnualShareCents,
    ...Object.fromEntries(attestationKindValues.map(kind => [`attestations.${kind}`, (app: ComparedApp) => app.attestations.find(a => a.kind === kind)?.state])),
  }
  return Object.entries(values).filter(([, value]) => new Set(apps.map(app => JSON.stringify(value(app)))).size > 1).map(([path]) => path)
}
