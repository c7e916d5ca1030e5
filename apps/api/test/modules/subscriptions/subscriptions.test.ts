import type { App } from '../../../src/app.ts'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

async function adoptionCount(app: App, slug: string): Promise<number> {
  return (await app.inject({ method: 'GET', url: `/api/v1/apps/${slug}` })).json().adoption.total
}

describeEachDb('subscriptions (Nachnutzung)', (context) => {
  const app = useApp(context)
  const as = async (organization: string) => {
    const token = await devToken(app.get(), { organization, role: 'municipality_admin' })
    return (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object, headers: Record<string, string> = {}) =>
      app.get().inject({ method, url, payload, headers: { authorization: `Bearer ${token}`, ...headers } })
  }
  const activeRows = async (slug: string) => (await context.database.db.execute(sql`
    SELECT count(*)::int AS n FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = ${slug} AND s.status = 'active'`) as unknown as { rows: { n: number }[] }).rows[0].n

  it('adopts a certified app for the own organization and counts it at once', async () => {
    const kiel = await as('kiel')
    const before = await adoptionCount(app.get(), 'fundbuero')
    const response = await kiel('POST', '/api/v1/subscriptions', { app: 'fundbuero', operatingModel: 'saas' })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ app: { slug: 'fundbuero' }, operatingModel: 'saas', status: 'active' })
    expect(await adoptionCount(app.get(), 'fundbuero')).toBe(before + 1)
    expect((await kiel('POST', '/api/v1/subscriptions', { app: 'fundbuero', operatingModel: 'saas' })).statusCode).toBe(409)
    expect((await kiel('GET', '/api/v1/subscriptions')).json().map((s: { app: { slug: string } }) => s.app.slug)).toContain('fundbuero')
  })

  it('refuses apps that are not certified (409) and operating models the app does not offer (422)', async () => {
    const kiel = await as('kiel')
    expect((await kiel('POST', '/api/v1/subscriptions', { app: 'friedhofsverwaltung', operatingModel: 'self_hosted' })).statusCode).toBe(409)
    expect((await kiel('POST', '/api/v1/subscriptions', { app: 'vergnuegungsteuer', operatingModel: 'saas' })).statusCode).toBe(404)
    expect((await kiel('POST', '/api/v1/subscriptions', { app: 'fundbuero', operatingModel: 'efa_service' })).statusCode).toBe(422)
  })

  it('honours Idempotency-Key: same key and body replay the response, another body is 422', async () => {
    const koeln = await as('05315000')
    const headers = { 'idempotency-key': 'koeln-termino-1' }
    const before = await activeRows('baulueckenkataster')
    const first = await koeln('POST', '/api/v1/subscriptions', { app: 'baulueckenkataster', operatingModel: 'self_hosted' }, headers)
    const again = await koeln('POST', '/api/v1/subscriptions', { app: 'baulueckenkataster', operatingModel: 'self_hosted' }, headers)
    expect(first.statusCode).toBe(201)
    expect(again.statusCode).toBe(201)
    expect(again.headers['idempotent-replayed']).toBe('true')
    expect(again.json()).toEqual(first.json())
    expect(await activeRows('baulueckenkataster')).toBe(before + 1)
    expect((await koeln('POST', '/api/v1/subscriptions', { app: 'fundbuero', operatingModel: 'saas' }, headers)).statusCode).toBe(422)
  })

  it('cancels only the own organization\'s subscription', async () => {
    const kiel = await as('kiel')
    const koeln = await as('05315000')
    const [subscription] = (await kiel('GET', '/api/v1/subscriptions')).json().filter((s: { app: { slug: string } }) => s.app.slug === 'fundbuero')
    expect((await koeln('DELETE', `/api/v1/subscriptions/${subscription.id}`)).statusCode).toBe(404)
    const before = await adoptionCount(app.get(), 'fundbuero')
    const cancelled = await kiel('DELETE', `/api/v1/subscriptions/${subscription.id}`)
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledOn: new Date().toISOString().slice(0, 10) })
    expect(await adoptionCount(app.get(), 'fundbuero')).toBe(before - 1)
    expect((await kiel('DELETE', `/api/v1/subscriptions/${subscription.id}`)).statusCode).toBe(409)
  })

  it('answers 200 concurrent subscribe requests over real HTTP correctly: no 5xx, exact counts', async () => {
    const served = app.get()
    const address = await served.listen({ port: 0, host: '127.0.0.1' }).catch(() => `http://127.0.0.1:${(served.server.address() as { port: number }).port}`)
    // 40 municipalities; each sends its request several times, some with a retried Idempotency-Key.
    const { rows } = await context.database.db.execute(sql`
      SELECT o.ags FROM organizations o WHERE o.kind = 'municipality'
        AND NOT EXISTS (SELECT 1 FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = 'vhs-kursportal' AND s.organization_id = o.id)
      ORDER BY o.ags LIMIT 40`) as unknown as { rows: { ags: string }[] }
    const tokens = await Promise.all(rows.map(row => devToken(served, { organization: row.ags, role: 'municipality_admin' })))
    const before = await activeRows('vhs-kursportal')
    const requests = Array.from({ length: 200 }, (_, i) => {
      const token = tokens[i % tokens.length]
      const headers: Record<string, string> = { 'authorization': `Bearer ${token}`, 'content-type': 'application/json' }
      if (i % 3 === 0)
        headers['idempotency-key'] = `retry-${i % tokens.length}`
      return fetch(`${address}/api/v1/subscriptions`, { method: 'POST', headers, body: JSON.stringify({ app: 'vhs-kursportal', operatingModel: 'saas' }) })
    })
    const statuses = (await Promise.all(requests)).map(r => r.status)
    expect(statuses.filter(s => s >= 500)).toEqual([])
    expect(statuses.every(s => s === 201 || s === 409)).toBe(true)
    const created = await activeRows('vhs-kursportal')
    expect(created).toBe(before + tokens.length)
    expect(await adoptionCount(served, 'vhs-kursportal')).toBe(created)
    // The per-Land counts, kept by the same trigger under the same concurrency, add up too.
    const { byLand } = (await served.inject({ method: 'GET', url: '/api/v1/apps/vhs-kursportal' })).json().adoption
    expect(byLand.reduce((sum: number, land: { count: number }) => sum + land.count, 0)).toBe(created)
  })
})

describeEachDb('adoption figures', (context) => {
  const app = useApp(context)

  it('reports total, Länder, kinds and months that agree with the subscriptions, and lists only consenting adopters', async () => {
    const url = '/api/v1/apps/terminvergabe/adoption'
    const figures = (await app.get().inject({ method: 'GET', url })).json()
    const [{ n }] = (await context.database.db.execute(sql`
      SELECT count(*)::int AS n FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = 'terminvergabe' AND s.status = 'active'`) as unknown as { rows: { n: number }[] }).rows
    expect(figures.total).toBe(n)
    expect(figures.byLand.reduce((sum: number, l: { count: number }) => sum + l.count, 0)).toBe(n)
    expect(figures.byKind).toEqual([{ kind: 'municipality', count: n }])
    expect(figures.monthly.at(-1).active).toBe(n)
    expect(figures.monthly.reduce((sum: number, m: { started: number }) => sum + m.started, 0)).toBeGreaterThanOrEqual(n)
    expect(figures.adopters).toHaveLength(n)
    expect(figures.adopters[0]).toEqual({ name: expect.any(String), ags: expect.stringMatching(/^\d{8}$/), landCode: expect.stringMatching(/^\d{2}$/), since: expect.any(String) })

    // An organization that does not want to be named still counts.
    const hidden = figures.adopters[0]
    await context.database.db.execute(sql`UPDATE organizations SET listed_publicly = false WHERE ags = ${hidden.ags}`)
    const after = (await app.get().inject({ method: 'GET', url })).json()
    expect(after.total).toBe(n)
    expect(after.adopters.map((a: { ags: string }) => a.ags)).not.toContain(hidden.ags)
    expect(after.adopters).toHaveLength(n - 1)
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/apps/vergnuegungsteuer/adoption' })).statusCode).toBe(404)
  })
})
