import type { SQL } from 'drizzle-orm'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'
import { searchApps } from './helpers.ts'

describeEachDb('app detail and visibility', (context) => {
  const app = useApp(context)

  it('returns what a municipality needs to decide', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/apps/bauantrag-online' })
    expect(response.statusCode).toBe(200)
    const detail = response.json()
    expect(detail).toMatchObject({
      slug: 'bauantrag-online',
      name: 'Bauantrag Online',
      license: 'EUPL-1.2',
      deploymentModels: ['efa_service', 'self_hosted'],
      owner: { slug: 'amtsgruen-software', kind: 'vendor' },
      provider: { slug: 'landesbetrieb-it-mitte', kind: 'provider' },
      originLand: { code: '06', name: 'Hessen' },
      certification: { status: 'certified' },
    })
    expect(detail.description).toContain('## Funktionen')
    expect(detail.releases.length).toBe(3)
    expect(detail.releases[0].version).toBe(detail.certification.releaseVersion)
    expect(detail.attestations.map((a: { kind: string }) => a.kind)).toEqual(expect.arrayContaining(['oss_license', 'pentest', 'bsi_grundschutz', 'xoev']))
    expect(detail.requiredAttestations.every((r: { state: string }) => r.state === 'valid' || r.state === 'expiring')).toBe(true)
  })

  it('reports adoption by Land that adds up to the total, equal to the active subscriptions', async () => {
    const detail = (await app.get().inject({ method: 'GET', url: '/api/v1/apps/terminvergabe' })).json()
    const byLandSum = detail.adoption.byLand.reduce((sum: number, land: { count: number }) => sum + land.count, 0)
    expect(byLandSum).toBe(detail.adoption.total)
    const [{ count }] = (await context.database.db.execute(sql`
      SELECT count(*)::int AS count FROM subscriptions s JOIN apps a ON a.id = s.app_id
      WHERE a.slug = 'terminvergabe' AND s.status = 'active'`) as unknown as { rows: { count: number }[] }).rows
    expect(detail.adoption.total).toBe(count)
  })

  it('lists adoption per Land as the active subscribers\' Länder, most adopters first', async () => {
    const detail = (await app.get().inject({ method: 'GET', url: '/api/v1/apps/terminvergabe' })).json()
    const { rows } = await context.database.db.execute(sql`
      SELECT l.code, l.name, count(*)::int AS count
      FROM subscriptions s
      JOIN apps a ON a.id = s.app_id
      JOIN organizations o ON o.id = s.organization_id
      JOIN lands l ON l.code = o.land_code
      WHERE a.slug = 'terminvergabe' AND s.status = 'active'
      GROUP BY l.code, l.name
      ORDER BY count(*) DESC, l.code`) as unknown as { rows: { code: string, name: string, count: number }[] }
    expect(rows.length).toBeGreaterThan(1)
    expect(detail.adoption.byLand).toEqual(rows)
  })

  it('shows a new adoption at once, although details are cached', async () => {
    const url = '/api/v1/apps/mietspiegel-rechner'
    const before = (await app.get().inject({ method: 'GET', url })).json()
    await app.get().inject({ method: 'GET', url })
    // A municipality that does not use the app yet adopts it.
    const inserted = await context.database.db.execute(sql`
      INSERT INTO subscriptions (app_id, organization_id, operating_model)
      SELECT a.id, o.id, 'self_hosted' FROM apps a, organizations o
      WHERE a.slug = 'mietspiegel-rechner' AND o.kind = 'municipality' AND o.land_code = '01'
        AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.app_id = a.id AND s.organization_id = o.id)
      ORDER BY o.ags LIMIT 1
      RETURNING id`) as unknown as { rows: unknown[] }
    expect(inserted.rows).toHaveLength(1)
    const after = (await app.get().inject({ method: 'GET', url })).json()
    expect(after.adoption.total).toBe(before.adoption.total + 1)
    expect(after.adoption.byLand.find((l: { code: string }) => l.code === '01')?.count)
      .toBe((before.adoption.byLand.find((l: { code: string }) => l.code === '01')?.count ?? 0) + 1)
  })

  it('keeps the per-Land adoption counts exact through cancellation, deletion and an organization moving Land', async () => {
    const db = context.database.db
    const rows = (query: SQL) => selectRows<Record<string, unknown>>(db, query)
    // What the triggers keep, against a count over the subscriptions themselves.
    const expectExact = async () => expect(await rows(sql`
      SELECT app_id::text AS app, land_code AS land, count FROM app_adoptions_by_land ORDER BY 1, 2`)).toEqual(await rows(sql`
      SELECT s.app_id::text AS app, o.land_code AS land, count(*)::int AS count
      FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
      WHERE s.status = 'active' AND o.land_code IS NOT NULL GROUP BY 1, 2 ORDER BY 1, 2`))
    await expectExact()

    // A consortium without AGS adopts two apps; it moves from Schleswig-Holstein to Hamburg, then
    // has no Land at all, then one again.
    await db.execute(sql`INSERT INTO organizations (slug, name, kind, land_code) VALUES ('kommunalverbund-nord', 'Kommunalverbund Nord', 'consortium', '01')`)
    await db.execute(sql`
      INSERT INTO subscriptions (app_id, organization_id, operating_model)
      SELECT a.id, o.id, 'saas' FROM apps a, organizations o
      WHERE a.slug IN ('terminvergabe', 'mietspiegel-rechner') AND o.slug = 'kommunalverbund-nord'`)
    await expectExact()
    for (const land of [sql`'02'`, sql`NULL`, sql`'01'`]) {
      await db.execute(sql`UPDATE organizations SET land_code = ${land} WHERE slug = 'kommunalverbund-nord'`)
      await expectExact()
    }

    // The only subscriber of an app in its Land cancels: the Land is gone from the list.
    const [only] = await rows(sql`
      SELECT s.id, a.slug, x.land_code FROM app_adoptions_by_land x
      JOIN apps a ON a.id = x.app_id
      JOIN subscriptions s ON s.app_id = x.app_id AND s.status = 'active'
      JOIN organizations o ON o.id = s.organization_id AND o.land_code = x.land_code
      WHERE x.count = 1 AND a.status = 'certified' ORDER BY a.slug LIMIT 1`) as { id: string, slug: string, land_code: string }[]
    await db.execute(sql`UPDATE subscriptions SET status = 'cancelled', cancelled_on = CURRENT_DATE WHERE id = ${only.id}`)
    await expectExact()
    const detail = (await app.get().inject({ method: 'GET', url: `/api/v1/apps/${only.slug}` })).json()
    expect(detail.adoption.byLand.map((land: { code: string }) => land.code)).not.toContain(only.land_code)

    await db.execute(sql`DELETE FROM subscriptions WHERE organization_id = (SELECT id FROM organizations WHERE slug = 'kommunalverbund-nord')`)
    await expectExact()
  })

  it('flags a certificate that expires within 60 days', async () => {
    const detail = (await app.get().inject({ method: 'GET', url: '/api/v1/apps/geburtsurkunde-online' })).json()
    expect(detail.certification.expiringSoon).toBe(true)
    expect(detail.requiredAttestations.find((r: { kind: string }) => r.kind === 'pentest').state).toBe('expiring')
  })

  it.each(['vergnuegungsteuer', 'schuelerbefoerderung', 'friedhofsverwaltung'])('hides the non-certified app %s (draft, in review, suspended)', async (slug) => {
    const response = await app.get().inject({ method: 'GET', url: `/api/v1/apps/${slug}` })
    expect(response.statusCode).toBe(404)
    const list = await searchApps(app.get(), { limit: 100 })
    expect(list.items.map(i => i.slug)).not.toContain(slug)
  })

  it('drops an app from the catalogue the day its certificate expires', async () => {
    const before = await searchApps(app.get(), { limit: 100 })
    expect(before.items.map(i => i.slug)).toContain('fundbuero')
    await context.database.db.execute(sql`
      UPDATE certifications SET valid_until = CURRENT_DATE - 1
      WHERE app_id = (SELECT id FROM apps WHERE slug = 'fundbuero')`)
    const after = await searchApps(app.get(), { limit: 100 })
    expect(after.total).toBe(before.total - 1)
    expect(after.items.map(i => i.slug)).not.toContain('fundbuero')
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/apps/fundbuero' })).statusCode).toBe(404)
  })

  it('rejects a malformed slug with 400', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/apps/Nicht%20g%C3%BCltig' })
    expect(response.statusCode).toBe(400)
  })
})
