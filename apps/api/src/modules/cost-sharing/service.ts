import type { Database } from '@kas/db'
import type { SharingKey } from '@kas/db/schema'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { CostModelBodySchema, CostModelSchema, CostSharingSchema, EstimateSchema } from './schemas.ts'
import { appendAuditEvent, selectRows, todayUtc } from '@kas/db'
import { sql } from 'drizzle-orm'
import { notFound, Problem } from '../../lib/problem.ts'
import { utcTimestamp } from '../../lib/sql.ts'
import { requireRole } from '../identity/principal.ts'
import { notifySubscribers } from '../notifications/outbox.ts'
import { apportion } from './apportion.ts'

type CostSharing = Static<typeof CostSharingSchema>
type CostModel = Static<typeof CostModelSchema>

interface CostModelRow { appId: string, slug: string, name: string, annualCostCents: number, connectionFeeCents: number, centralFundingPercent: number, sharingKey: SharingKey }

/** One subscriber in a year: what the sharing keys need to know about it. */
interface Participant {
  id: string
  slug: string
  name: string
  kind: string
  landCode: string | null
  listedPublicly: boolean
  population: number | null
  /** Königsteiner Schlüssel of the organization's Land, percent with five decimals. */
  koenigsteinPercent: string | null
  usageUnits: number | null
  days: number
  joinedInYear: boolean
}

export const currentYear = () => Number(todayUtc().slice(0, 4))
const daysInYear = (year: number) => (new Date(Date.UTC(year + 1, 0, 1)).getTime() - new Date(Date.UTC(year, 0, 1)).getTime()) / 86_400_000

/** The Königstein percent ("3.39074") as an integer of hundred-thousandths, so that weights stay exact. */
function koenigsteinUnits(percent: string | null): bigint {
  if (!percent)
    return 0n
  const [whole, fraction = ''] = percent.split('.')
  return BigInt(whole + fraction.padEnd(5, '0').slice(0, 5))
}

function keyValue(key: SharingKey, participant: Participant): bigint {
  switch (key) {
    case 'population': return BigInt(participant.population ?? 0)
    case 'koenigstein': return koenigsteinUnits(participant.koenigsteinPercent)
    case 'usage': return BigInt(participant.usageUnits ?? 0)
    case 'equal': return 1n
  }
}

function keyValueLabel(key: SharingKey, participant: Participant): string {
  switch (key) {
    case 'population': return String(participant.population ?? 0)
    case 'koenigstein': return participant.koenigsteinPercent ?? '0'
    case 'usage': return String(participant.usageUnits ?? 0)
    case 'equal': return '1'
  }
}

/**
 * Weights of the key × days subscribed (pro rata). When nobody reported usage for the usage key
 * there is nothing to share by, so the cost is shared equally and the answer says so.
 */
function weigh(key: SharingKey, participants: Participant[]): { appliedKey: SharingKey, weights: bigint[] } {
  const weights = participants.map(p => keyValue(key, p) * BigInt(p.days))
  if (key === 'usage' && weights.every(w => w === 0n) && participants.some(p => p.days > 0))
    return { appliedKey: 'equal', weights: participants.map(p => BigInt(p.days)) }
  return { appliedKey: key, weights }
}

/** Each participant's share of the cost left after central funding (all zero when nobody has weight). */
function shareOut(model: CostModelRow, participants: Participant[]): { appliedKey: SharingKey, shares: number[] } {
  const { appliedKey, weights } = weigh(model.sharingKey, participants)
  const shares = weights.some(w => w > 0n) ? apportion(splitCentralFunding(model).sharedCostCents, weights) : participants.map(() => 0)
  return { appliedKey, shares }
}

/** The cost left to share after central funding; the central part is rounded to whole cents. */
function splitCentralFunding(model: CostModelRow) {
  const centralFundingCents = Math.round(model.annualCostCents * model.centralFundingPercent / 100)
  return { centralFundingCents, sharedCostCents: model.annualCostCents - centralFundingCents }
}

const costModelColumns = sql`a.id AS "appId", a.slug, a.name, c.annual_cost_cents::float8 AS "annualCostCents",
  c.connection_fee_cents::float8 AS "connectionFeeCents", c.central_funding_percent AS "centralFundingPercent", c.sharing_key::text AS "sharingKey"`

async function costModelOf(db: Database, slug: string, year: number): Promise<CostModelRow> {
  const [model] = await selectRows<CostModelRow>(db, sql`
    SELECT ${costModelColumns}
    FROM apps a JOIN cost_models c ON c.app_id = a.id AND c.year = ${year}
    WHERE a.slug = ${slug} AND a.status <> 'draft'`)
  if (!model)
    throw new Problem(404, 'Not Found', `There is no EfA price sheet for "${slug}" in ${year}.`)
  return model
}

const participantColumns = (year: number) => sql`
  o.id, o.slug, o.name, o.kind::text AS kind, o.land_code AS "landCode", o.listed_publicly AS "listedPublicly",
  COALESCE(o.population, CASE WHEN o.kind = 'land' THEN l.population END) AS population,
  (SELECT k.percent::text FROM koenigstein_shares k WHERE k.land_code = o.land_code
     ORDER BY (k.year <= ${year}::int) DESC, abs(k.year - ${year}::int) LIMIT 1) AS "koenigsteinPercent"`

/** Everyone subscribed during `year`, with the days they were subscribed in it (end date exclusive). */
async function participantsOf(db: Database, appId: string, year: number): Promise<Participant[]> {
  return (await participantsOfApps(db, [appId], year)).get(appId) ?? []
}

/** `participantsOf` for several apps in one statement, by app id. */
async function participantsOfApps(db: Database, appIds: string[], year: number): Promise<Map<string, Participant[]>> {
  const start = `${year}-01-01`
  const end = `${year + 1}-01-01`
  const rows = await selectRows<Participant & { appId: string }>(db, sql`
    SELECT s.app_id AS "appId", ${participantColumns(year)},
           u.units AS "usageUnits",
           sum(GREATEST(0, LEAST(COALESCE(s.cancelled_on, ${end}::date), ${end}::date) - GREATEST(s.started_on, ${start}::date)))::int AS days,
           bool_and(first.started_on >= ${start}::date) AS "joinedInYear"
    FROM subscriptions s
    JOIN organizations o ON o.id = s.organization_id
    LEFT JOIN lands l ON l.code = o.land_code
    LEFT JOIN usage_reports u ON u.app_id = s.app_id AND u.organization_id = o.id AND u.year = ${year}
    JOIN LATERAL (SELECT min(f.started_on) AS started_on FROM subscriptions f WHERE f.app_id = s.app_id AND f.organization_id = o.id) first ON true
    WHERE s.app_id = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(appIds)}::jsonb))::uuid[])
      AND s.started_on < ${end}::date AND (s.cancelled_on IS NULL OR s.cancelled_on > ${start}::date)
    GROUP BY s.app_id, o.id, l.population, u.units
    ORDER BY s.app_id, o.slug`)
  const byApp = new Map<string, Participant[]>()
  for (const { appId, ...participant } of rows)
    byApp.set(appId, [...(byApp.get(appId) ?? []), participant])
  return byApp
}

const perInhabitant = (cents: number, population: number | null) => (population ? Math.round(cents / population * 100) / 100 : null)

/** Each subscriber's share of an app's operating cost in `year`; the shares sum exactly to the shared cost. */
export async function costSharing(db: Database, slug: string, year: number): Promise<CostSharing> {
  const model = await costModelOf(db, slug, year)
  const participants = (await participantsOf(db, model.appId, year)).filter(p => p.days > 0)
  const { centralFundingCents, sharedCostCents } = splitCentralFunding(model)
  const { appliedKey, shares } = shareOut(model, participants)
  return {
    app: { slug: model.slug, name: model.name },
    year,
    sharingKey: model.sharingKey,
    appliedKey,
    annualCostCents: model.annualCostCents,
    centralFundingPercent: model.centralFundingPercent,
    centralFundingCents,
    sharedCostCents,
    connectionFeeCents: model.connectionFeeCents,
    daysInYear: daysInYear(year),
    shares: participants.map((p, i) => ({
      organization: p.listedPublicly ? { slug: p.slug, name: p.name, kind: p.kind, landCode: p.landCode } : null,
      days: p.days,
      keyValue: keyValueLabel(appliedKey, p),
      shareCents: shares[i],
      connectionFeeCents: p.joinedInYear ? model.connectionFeeCents : 0,
      perInhabitantCents: perInhabitant(shares[i], p.population),
    })),
  }
}

/**
 * One organization's share of `year` for each of the given apps that has a price sheet (for its
 * dashboard), keyed by slug: two statements however many apps it uses.
 */
export async function ownShares(db: Database, organizationId: string, slugs: string[], year: number) {
  const shares = new Map<string, { year: number, sharingKey: SharingKey, shareCents: number, connectionFeeCents: number, perInhabitantCents: number | null }>()
  if (slugs.length === 0)
    return shares
  const models = await selectRows<CostModelRow>(db, sql`
    SELECT ${costModelColumns}
    FROM apps a JOIN cost_models c ON c.app_id = a.id AND c.year = ${year}
    WHERE a.slug = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(slugs)}::jsonb))) AND a.status <> 'draft'`)
  const participantsByApp = await participantsOfApps(db, models.map(model => model.appId), year)
  for (const model of models) {
    const participants = (participantsByApp.get(model.appId) ?? []).filter(p => p.days > 0)
    const index = participants.findIndex(p => p.id === organizationId)
    if (index < 0)
      continue
    const own = participants[index]
    const shareCents = shareOut(model, participants).shares[index]
    shares.set(model.slug, {
      year,
      sharingKey: model.sharingKey,
      shareCents,
      connectionFeeCents: own.joinedInYear ? model.connectionFeeCents : 0,
      perInhabitantCents: perInhabitant(shareCents, own.population),
    })
  }
  return shares
}

/**
 * "What would we pay?": the organization's full-year share with today's subscribers, its share for
 * the rest of this year if it joined today, and its full-year share if `additional` organizations of
 * the same size joined as well.
 */
export async function estimateShare(db: Database, slug: string, organizationRef: string, additional: number): Promise<Static<typeof EstimateSchema>> {
  const year = currentYear()
  const model = await costModelOf(db, slug, year)
  const [organization] = await selectRows<Participant>(db, sql`
    SELECT ${participantColumns(year)},
           (SELECT units FROM usage_reports u WHERE u.app_id = ${model.appId} AND u.organization_id = o.id AND u.year = ${year}) AS "usageUnits",
           0 AS days, true AS "joinedInYear"
    FROM organizations o LEFT JOIN lands l ON l.code = o.land_code
    WHERE (o.slug = ${organizationRef} OR o.ags = ${organizationRef}) AND o.kind IN ('municipality', 'county', 'land')`)
  if (!organization)
    throw notFound('Public body', organizationRef)

  const yearParticipants = await participantsOf(db, model.appId, year)
  const alreadySubscribed = yearParticipants.some(p => p.id === organization.id)
  const today = todayUtc()
  const activeToday = await selectRows<{ id: string }>(db, sql`
    SELECT organization_id AS id FROM subscriptions WHERE app_id = ${model.appId} AND status = 'active'`)
  const activeIds = new Set(activeToday.map(row => row.id))
  const others = yearParticipants.filter(p => p.id !== organization.id)

  let assumption: string | null = null
  if (model.sharingKey === 'usage' && organization.usageUnits === null) {
    const reported = others.map(p => p.usageUnits).filter((units): units is number => units !== null)
    organization.usageUnits = reported.length > 0 ? Math.round(reported.reduce((a, b) => a + b, 0) / reported.length) : 0
    assumption = `Usage is estimated at ${organization.usageUnits} units, the average of the subscribers that reported theirs.`
  }

  const fullYear = daysInYear(year)
  const shareOf = (participants: Participant[]) => shareOut(model, participants).shares
  // A full year: everyone subscribed today counts all year, the organization last on ties.
  const steady = [...others.filter(p => activeIds.has(p.id)).map(p => ({ ...p, days: fullYear })), { ...organization, days: fullYear }]
  const annualShareCents = shareOf(steady).at(-1)!
  const clones = Array.from({ length: additional }, (_, i) => ({ ...organization, id: `additional-${i}`, days: fullYear }))
  const annualShareWithAdditionalCents = shareOf([...steady, ...clones])[steady.length - 1]
  // This year: the others as they really are, the organization from today (or as it is, when subscribed).
  const remainingDays = (Date.UTC(year + 1, 0, 1) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000
  const own = alreadySubscribed ? yearParticipants.find(p => p.id === organization.id)! : { ...organization, days: remainingDays }
  const firstYearShareCents = shareOf([...others.filter(p => p.days > 0), own]).at(-1)!

  return {
    app: { slug: model.slug, name: model.name },
    organization: { slug: organization.slug, name: organization.name, kind: organization.kind, landCode: organization.landCode },
    year,
    sharingKey: model.sharingKey,
    alreadySubscribed,
    subscribers: others.filter(p => activeIds.has(p.id)).length,
    annualShareCents,
    firstYearShareCents,
    connectionFeeCents: alreadySubscribed && !own.joinedInYear ? 0 : model.connectionFeeCents,
    perInhabitantCents: perInhabitant(annualShareCents, organization.population),
    additional,
    annualShareWithAdditionalCents,
    assumption,
  }
}

/** The app's EfA price sheets, newest year first. */
export async function listCostModels(db: Database, slug: string): Promise<CostModel[]> {
  const [app] = await selectRows<{ id: string }>(db, sql`SELECT id FROM apps WHERE slug = ${slug} AND status <> 'draft'`)
  if (!app)
    throw notFound('App', slug)
  return selectRows<CostModel>(db, sql`
    SELECT year, annual_cost_cents::float8 AS "annualCostCents", connection_fee_cents::float8 AS "connectionFeeCents",
           central_funding_percent AS "centralFundingPercent", sharing_key::text AS "sharingKey", ${utcTimestamp(sql`updated_at`)} AS "updatedAt"
    FROM cost_models WHERE app_id = ${app.id} ORDER BY year DESC`)
}

/**
 * The provider sets the price sheet of a year: the organization that runs the EfA service, or the
 * owner when there is no separate provider. Subscribers are told that their shares changed.
 */
export async function setCostModel(db: Database, principal: Principal, slug: string, year: number, body: Static<typeof CostModelBodySchema>): Promise<CostModel> {
  requireRole(principal, 'vendor_publisher')
  return db.transaction(async (tx) => {
    const [app] = await selectRows<{ id: string }>(tx, sql`
      SELECT id FROM apps WHERE slug = ${slug}
        AND COALESCE(provider_organization_id, owner_organization_id) = ${principal.organization.id}`)
    if (!app)
      throw notFound('App run by your organization', slug)
    const [model] = await selectRows<CostModel>(tx, sql`
      INSERT INTO cost_models (app_id, year, annual_cost_cents, connection_fee_cents, central_funding_percent, sharing_key)
      VALUES (${app.id}, ${year}, ${body.annualCostCents}, ${body.connectionFeeCents}, ${body.centralFundingPercent}, ${body.sharingKey}::sharing_key)
      ON CONFLICT (app_id, year) DO UPDATE SET annual_cost_cents = EXCLUDED.annual_cost_cents, connection_fee_cents = EXCLUDED.connection_fee_cents,
        central_funding_percent = EXCLUDED.central_funding_percent, sharing_key = EXCLUDED.sharing_key, updated_at = now()
      RETURNING year, annual_cost_cents::float8 AS "annualCostCents", connection_fee_cents::float8 AS "connectionFeeCents",
        central_funding_percent AS "centralFundingPercent", sharing_key::text AS "sharingKey", ${utcTimestamp(sql`updated_at`)} AS "updatedAt"`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: app.id, action: 'cost_model.set', entityType: 'cost_model', entityId: `${app.id}/${year}`, payload: { year, ...body } })
    await notifySubscribers(tx, { type: 'cost_shares.changed', appId: app.id, payload: { year }, dedupeKey: null })
    return model
  })
}

/** A subscriber reports its usage units of a year (for apps shared by usage). */
export async function reportUsage(db: Database, principal: Principal, slug: string, year: number, units: number): Promise<{ year: number, units: number }> {
  requireRole(principal, 'municipality_admin')
  return db.transaction(async (tx) => {
    const [app] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM apps WHERE slug = ${slug} AND status <> 'draft'`)
    if (!app)
      throw notFound('App', slug)
    const [subscribed] = await selectRows<{ id: string }>(tx, sql`
      SELECT id FROM subscriptions WHERE app_id = ${app.id} AND organization_id = ${principal.organization.id}
        AND started_on < ${`${year + 1}-01-01`}::date AND (cancelled_on IS NULL OR cancelled_on > ${`${year}-01-01`}::date) LIMIT 1`)
    if (!subscribed)
      throw new Problem(409, 'Conflict', `${principal.organization.name} did not use this app in ${year}; only subscribers report usage.`)
    await tx.execute(sql`
      INSERT INTO usage_reports (app_id, organization_id, year, units) VALUES (${app.id}, ${principal.organization.id}, ${year}, ${units})
      ON CONFLICT (app_id, organization_id, year) DO UPDATE SET units = EXCLUDED.units, reported_at = now()`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: app.id, action: 'usage.reported', entityType: 'usage_report', entityId: `${app.id}/${principal.organization.id}/${year}`, payload: { year, units } })
    // Under the usage key every report moves everyone's share. Subscribers hear of it at most once a
    // day per app and year, however many bodies report that day.
    const [model] = await selectRows<{ sharing_key: string }>(tx, sql`SELECT sharing_key::text FROM cost_models WHERE app_id = ${app.id} AND year = ${year}`)
    if (model?.sharing_key === 'usage')
      await notifySubscribers(tx, { type: 'cost_shares.changed', appId: app.id, payload: { year }, dedupeKey: `usage:${app.id}:${year}:${todayUtc()}` })
    return { year, units }
  })
}
