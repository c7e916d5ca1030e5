import type { App } from '../../../src/app.ts'
import { selectRows, todayUtc } from '@kas/db'
import { sql } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

interface Share { organization: { slug: string } | null, days: number, shareCents: number, connectionFeeCents: number, keyValue: string }

/** Every share is within two cents of sharedCost × (key value × days) / Σ(key value × days). */
function expectSharesFollowKey(result: { sharedCostCents: number, shares: Share[] }) {
  const weights = result.shares.map(s => Number(s.keyValue) * s.days)
  const total = weights.reduce((a, b) => a + b, 0)
  result.shares.forEach((share, i) => expect(Math.abs(share.shareCents - result.sharedCostCents * weights[i] / total)).toBeLessThan(2))
}

describeEachDb('EfA cost sharing', (context) => {
  const app = useApp(context)
  const year = Number(todayUtc().slice(0, 4))
  let slug: string
  let provider: string
  let otherVendor: string
  const call = async (method: 'GET' | 'PUT' | 'POST', url: string, auth?: { organization: string, role: string }, payload?: object) => {
    const headers = auth ? { authorization: `Bearer ${await devToken(app.get(), auth)}` } : {}
    return app.get().inject({ method, url, payload, headers })
  }
  const sharing = async (a: App = app.get()) => (await a.inject({ method: 'GET', url: `/api/v1/apps/${slug}/cost-sharing?year=${year}` })).json()
  const setModel = (body: object) => call('PUT', `/api/v1/apps/${slug}/cost-models/${year}`, { organization: provider, role: 'vendor_publisher' }, body)

  beforeAll(async () => {
    // A certified EfA service with subscribers and a price sheet this year, and the provider running it.
    const [row] = await selectRows<{ slug: string, provider: string }>(context.database.db, sql`
      SELECT a.slug, p.slug AS provider FROM apps a JOIN cost_models c ON c.app_id = a.id AND c.year = ${year}
      JOIN organizations p ON p.id = a.provider_organization_id
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE
        AND (SELECT count(*) FROM subscriptions s WHERE s.app_id = a.id AND s.status = 'active') >= 5
      ORDER BY a.slug LIMIT 1`)
    slug = row.slug
    provider = row.provider
    const [other] = await selectRows<{ slug: string }>(context.database.db, sql`
      SELECT slug FROM organizations WHERE kind IN ('vendor', 'provider') AND slug <> ${provider} ORDER BY slug LIMIT 1`)
    otherVendor = other.slug
  })

  it('shares the seeded price sheet exactly among the subscribers, pro rata by days', async () => {
    const result = await sharing()
    expect(result.sharedCostCents).toBe(result.annualCostCents - result.centralFundingCents)
    expect(result.shares.length).toBeGreaterThanOrEqual(5)
    expect(result.shares.reduce((sum: number, s: Share) => sum + s.shareCents, 0)).toBe(result.sharedCostCents)
    for (const share of result.shares as Share[]) {
      expect(share.days).toBeGreaterThan(0)
      expect(share.days).toBeLessThanOrEqual(result.daysInYear)
    }
  })

  it('lets only the organization running the service set the price sheet, and notifies subscribers', async () => {
    const body = { annualCostCents: 1_000_001, connectionFeeCents: 25_000, centralFundingPercent: 50, sharingKey: 'equal' }
    expect((await call('PUT', `/api/v1/apps/${slug}/cost-models/${year}`, undefined, body)).statusCode).toBe(401)
    expect((await call('PUT', `/api/v1/apps/${slug}/cost-models/${year}`, { organization: 'kiel', role: 'municipality_admin' }, body)).statusCode).toBe(403)
    expect((await call('PUT', `/api/v1/apps/${slug}/cost-models/${year}`, { organization: otherVendor, role: 'vendor_publisher' }, body)).statusCode).toBe(404)
    expect((await setModel({ ...body, annualCostCents: -1 })).statusCode).toBe(400)
    expect((await setModel({ ...body, centralFundingPercent: 101 })).statusCode).toBe(400)
    const eventsBefore = await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'cost_shares.changed'`)
    const response = await setModel(body)
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ year, annualCostCents: 1_000_001, sharingKey: 'equal' })
    const eventsAfter = await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM outbox_events WHERE type = 'cost_shares.changed'`)
    expect(eventsAfter[0].n).toBe(eventsBefore[0].n + 1)

    // 50 % central funding of 10 000,01 € leaves 5 000,00 € (the central part is rounded to the cent).
    const result = await sharing()
    expect(result).toMatchObject({ centralFundingCents: 500_001, sharedCostCents: 500_000, appliedKey: 'equal' })
    expect(result.shares.reduce((sum: number, s: Share) => sum + s.shareCents, 0)).toBe(500_000)
    const fullYear = (result.shares as Share[]).filter(s => s.days === result.daysInYear).map(s => s.shareCents)
    expect(Math.max(...fullYear) - Math.min(...fullYear)).toBeLessThanOrEqual(1)
  })

  it('charges a municipality that joins today pro rata and the connection fee', async () => {
    const [newcomer] = await selectRows<{ ags: string, slug: string }>(context.database.db, sql`
      SELECT o.ags, o.slug FROM organizations o WHERE o.kind = 'municipality' AND o.listed_publicly
        AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = ${slug} AND s.organization_id = o.id)
      ORDER BY o.ags LIMIT 1`)
    const estimate = (await call('GET', `/api/v1/apps/${slug}/cost-sharing/estimate?organization=${newcomer.ags}`)).json()
    expect(estimate).toMatchObject({ alreadySubscribed: false, connectionFeeCents: 25_000 })
    const subscribed = await call('POST', '/api/v1/subscriptions', { organization: newcomer.ags, role: 'municipality_admin' }, { app: slug, operatingModel: 'efa_service' })
    expect(subscribed.statusCode, subscribed.body).toBe(201)
    const result = await sharing()
    const own = (result.shares as Share[]).find(s => s.organization?.slug === newcomer.slug)!
    const remaining = (Date.UTC(year + 1, 0, 1) - Date.parse(`${todayUtc()}T00:00:00Z`)) / 86_400_000
    expect(own).toMatchObject({ days: remaining, connectionFeeCents: 25_000, shareCents: estimate.firstYearShareCents })
    const fullYearShare = (result.shares as Share[]).find(s => s.days === result.daysInYear)?.shareCents
    if (fullYearShare !== undefined && remaining < result.daysInYear)
      expect(own.shareCents).toBeLessThan(fullYearShare)
    expect(result.shares.reduce((sum: number, s: Share) => sum + s.shareCents, 0)).toBe(result.sharedCostCents)
  })

  it('estimates what an organization pays, and that more joiners lower it', async () => {
    await setModel({ annualCostCents: 12_000_000, connectionFeeCents: 0, centralFundingPercent: 0, sharingKey: 'population' })
    const estimate = await call('GET', `/api/v1/apps/${slug}/cost-sharing/estimate?organization=kiel&additional=20`)
    expect(estimate.statusCode, estimate.body).toBe(200)
    const body = estimate.json()
    expect(body.annualShareCents).toBeGreaterThan(0)
    expect(body.annualShareWithAdditionalCents).toBeLessThan(body.annualShareCents)
    expect(body.perInhabitantCents).toBeGreaterThan(0)
    expectSharesFollowKey(await sharing())
    expect((await call('GET', `/api/v1/apps/${slug}/cost-sharing/estimate?organization=${otherVendor}`)).statusCode).toBe(404)
    expect((await call('GET', `/api/v1/apps/${slug}/cost-sharing/estimate?organization=kiel&additional=5000`)).statusCode).toBe(400)
    expect((await call('GET', `/api/v1/apps/${slug}/cost-sharing?year=1999`)).statusCode).toBe(400)
    expect((await call('GET', `/api/v1/apps/${slug}/cost-sharing?year=2099`)).statusCode).toBe(404)
  })

  it('shares by the Königsteiner Schlüssel of each subscriber\'s Land', async () => {
    await setModel({ annualCostCents: 9_999_999, connectionFeeCents: 0, centralFundingPercent: 0, sharingKey: 'koenigstein' })
    const result = await sharing()
    expect(result.shares.reduce((sum: number, s: Share) => sum + s.shareCents, 0)).toBe(9_999_999)
    const [bavaria] = await selectRows<{ percent: string }>(context.database.db, sql`SELECT percent::text FROM koenigstein_shares WHERE land_code = '09' ORDER BY year DESC LIMIT 1`)
    const subscriberLands = await selectRows<{ slug: string, land: string }>(context.database.db, sql`
      SELECT o.slug, o.land_code AS land FROM subscriptions s JOIN apps a ON a.id = s.app_id JOIN organizations o ON o.id = s.organization_id WHERE a.slug = ${slug}`)
    for (const share of (result.shares as Share[]).filter(s => s.organization))
      if (subscriberLands.find(row => row.slug === share.organization!.slug)?.land === '09')
        expect(share.keyValue).toBe(bavaria.percent)
    expectSharesFollowKey(result)
  })

  const usageEvents = async () => (await selectRows<{ n: number }>(context.database.db, sql`
    SELECT count(*)::int AS n FROM outbox_events e JOIN apps a ON a.id = e.app_id
    WHERE a.slug = ${slug} AND e.type = 'cost_shares.changed' AND e.dedupe_key LIKE 'usage:%'`))[0]!.n

  it('shares by reported usage; without reports equally; only subscribers report', async () => {
    await setModel({ annualCostCents: 3_000_000, connectionFeeCents: 0, centralFundingPercent: 0, sharingKey: 'usage' })
    expect((await sharing()).appliedKey).toBe('equal')
    const [subscriber] = await selectRows<{ ags: string, slug: string }>(context.database.db, sql`
      SELECT o.ags, o.slug FROM subscriptions s JOIN apps a ON a.id = s.app_id JOIN organizations o ON o.id = s.organization_id
      WHERE a.slug = ${slug} AND s.status = 'active' AND o.listed_publicly ORDER BY o.ags LIMIT 1`)
    const eventsBefore = await usageEvents()
    const reported = await call('PUT', `/api/v1/apps/${slug}/usage/${year}`, { organization: subscriber.ags, role: 'municipality_admin' }, { units: 1200 })
    expect(reported.statusCode, reported.body).toBe(200)
    // Subscribers hear that their shares moved, once a day however many reports arrive.
    expect(await usageEvents()).toBe(eventsBefore + 1)
    expect((await call('PUT', `/api/v1/apps/${slug}/usage/${year}`, { organization: subscriber.ags, role: 'municipality_admin' }, { units: 1300 })).statusCode).toBe(200)
    expect(await usageEvents()).toBe(eventsBefore + 1)
    const result = await sharing()
    expect(result.appliedKey).toBe('usage')
    // The only one that reported usage carries the whole cost.
    expect((result.shares as Share[]).find(s => s.organization?.slug === subscriber.slug)?.shareCents).toBe(3_000_000)
    const [outsider] = await selectRows<{ ags: string }>(context.database.db, sql`
      SELECT o.ags FROM organizations o WHERE o.kind = 'municipality'
        AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = ${slug} AND s.organization_id = o.id) LIMIT 1`)
    expect((await call('PUT', `/api/v1/apps/${slug}/usage/${year}`, { organization: outsider.ags, role: 'municipality_admin' }, { units: 5 })).statusCode).toBe(409)
  })

  it('shows the dashboard share of a subscriber', async () => {
    const [subscriber] = await selectRows<{ ags: string }>(context.database.db, sql`
      SELECT o.ags FROM subscriptions s JOIN apps a ON a.id = s.app_id JOIN organizations o ON o.id = s.organization_id
      WHERE a.slug = ${slug} AND s.status = 'active' AND o.kind = 'municipality' ORDER BY o.ags LIMIT 1`)
    const list = (await call('GET', '/api/v1/subscriptions', { organization: subscriber.ags, role: 'municipality_admin' })).json()
    const entry = list.find((s: { app: { slug: string } }) => s.app.slug === slug)
    expect(entry.costShare).toMatchObject({ year })
    expect(entry.costShare.shareCents).toBeGreaterThanOrEqual(0)
    expect(entry.certification.status).toBe('certified')
  })
})
