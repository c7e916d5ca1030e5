import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

describeEachDb('experience reports', (context) => {
  const app = useApp(context)
  let slug: string
  let version: string
  let owner: string
  let adopter: string
  let outsider: string
  const as = async (who: { organization: string, role: string } | { persona: string }) => {
    const token = await devToken(app.get(), who)
    return (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, headers: Record<string, string> = {}) =>
      app.get().inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } })
  }
  const text = 'Läuft seit einem Jahr stabil, die Schulung hat einen halben Tag gedauert.'

  beforeAll(async () => {
    const [row] = await selectRows<{ slug: string, version: string, owner: string, adopter: string, outsider: string }>(context.database.db, sql`
      SELECT a.slug, (SELECT r.version FROM releases r WHERE r.app_id = a.id ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS version,
             ow.slug AS owner,
             (SELECT o.ags FROM subscriptions s JOIN organizations o ON o.id = s.organization_id WHERE s.app_id = a.id AND s.status = 'active' AND o.kind = 'municipality' AND o.listed_publicly ORDER BY o.ags LIMIT 1) AS adopter,
             (SELECT o.ags FROM organizations o WHERE o.kind = 'municipality' AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.app_id = a.id AND s.organization_id = o.id) ORDER BY o.ags LIMIT 1) AS outsider
      FROM apps a JOIN organizations ow ON ow.id = a.owner_organization_id
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE AND a.adoption_count >= 3
      ORDER BY a.slug LIMIT 1`)
    ;({ slug, version, owner, adopter, outsider } = row)
  })

  it('accepts reports only from organizations that use or used the app, one each', async () => {
    const stranger = await as({ organization: outsider, role: 'municipality_admin' })
    expect((await stranger('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: version, rating: 1, text })).statusCode).toBe(403)
    const user = await as({ organization: adopter, role: 'municipality_member' })
    expect((await user('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: '99.0.0', rating: 4, text })).statusCode).toBe(422)
    expect((await user('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: version, rating: 6, text })).statusCode).toBe(400)
    expect((await user('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: version, rating: 4, text: 'kurz' })).statusCode).toBe(400)
    const created = await user('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: version, rating: 4, text: `${text} <script>alert(1)</script>` })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.etag).toBe('"r1"')
    expect(created.json()).toMatchObject({ rating: 4, releaseVersion: version, currentAdopter: true, vendorReply: null })
    // Stored and returned as text; the storefront renders it as escaped Markdown (no HTML).
    expect(created.json().text).toContain('<script>alert(1)</script>')
    expect((await user('POST', `/api/v1/apps/${slug}/reports`, { releaseVersion: version, rating: 5, text })).statusCode).toBe(409)

    const list = (await app.get().inject({ method: 'GET', url: `/api/v1/apps/${slug}/reports` })).json()
    expect(list).toMatchObject({ count: 1, averageRating: 4, distribution: [0, 0, 0, 1, 0] })
    expect(list.items[0].author.name).toBeTruthy()
  })

  it('lets the organization edit its report with If-Match, and nobody else', async () => {
    const user = await as({ organization: adopter, role: 'municipality_admin' })
    const mine = await user('GET', `/api/v1/apps/${slug}/reports/mine`)
    const id = mine.json().id
    const body = { releaseVersion: version, rating: 2, text: `${text} Seit dem letzten Update aber langsamer.` }
    expect((await user('PUT', `/api/v1/reports/${id}`, body)).statusCode).toBe(428)
    expect((await user('PUT', `/api/v1/reports/${id}`, body, { 'if-match': '"r7"' })).statusCode).toBe(412)
    const stranger = await as({ organization: outsider, role: 'municipality_admin' })
    expect((await stranger('PUT', `/api/v1/reports/${id}`, body, { 'if-match': mine.headers.etag as string })).statusCode).toBe(404)
    const updated = await user('PUT', `/api/v1/reports/${id}`, body, { 'if-match': mine.headers.etag as string })
    expect(updated.statusCode, updated.body).toBe(200)
    expect(updated.json()).toMatchObject({ rating: 2, revision: 2 })
  })

  it('lets the app\'s vendor reply once, and no other vendor', async () => {
    const [{ id }] = (await app.get().inject({ method: 'GET', url: `/api/v1/apps/${slug}/reports` })).json().items
    const [other] = await selectRows<{ slug: string }>(context.database.db, sql`SELECT slug FROM organizations WHERE kind = 'vendor' AND slug <> ${owner} LIMIT 1`)
    const stranger = await as({ organization: other.slug, role: 'vendor_publisher' })
    expect((await stranger('POST', `/api/v1/reports/${id}/reply`, { text: 'Danke!' })).statusCode).toBe(404)
    const vendor = await as({ organization: owner, role: 'vendor_publisher' })
    const replied = await vendor('POST', `/api/v1/reports/${id}/reply`, { text: 'Danke, Version 2.1 behebt das.' })
    expect(replied.statusCode, replied.body).toBe(200)
    expect(replied.json().vendorReply.text).toBe('Danke, Version 2.1 behebt das.')
    expect((await vendor('POST', `/api/v1/reports/${id}/reply`, { text: 'Noch einmal' })).statusCode).toBe(409)
  })

  it('lets platform admins hide an abusive report, with the reason audited', async () => {
    const [{ id }] = (await app.get().inject({ method: 'GET', url: `/api/v1/apps/${slug}/reports` })).json().items
    const member = await as({ organization: adopter, role: 'municipality_admin' })
    expect((await member('PUT', `/api/v1/reports/${id}/visibility`, { hidden: true, reason: 'Beleidigung' })).statusCode).toBe(403)
    const admin = await as({ persona: 'platform-admin' })
    const hidden = await admin('PUT', `/api/v1/reports/${id}/visibility`, { hidden: true, reason: 'Beleidigende Aussagen' })
    expect(hidden.statusCode, hidden.body).toBe(200)
    expect(hidden.json()).toMatchObject({ hidden: true, hiddenReason: 'Beleidigende Aussagen' })
    expect((await app.get().inject({ method: 'GET', url: `/api/v1/apps/${slug}/reports` })).json()).toMatchObject({ count: 0, averageRating: null, items: [] })
    const audit = await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM audit_events WHERE action = 'report.hidden' AND entity_id = ${id}`)
    expect(audit[0].n).toBe(1)
  })
})
