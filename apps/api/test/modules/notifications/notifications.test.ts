import type { IncomingHttpHeaders, Server } from 'node:http'
import type { App } from '../../../src/app.ts'
import { createServer } from 'node:http'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { buildApp } from '../../../src/app.ts'
import { signWebhook } from '../../../src/modules/notifications/worker.ts'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

interface Received { headers: IncomingHttpHeaders, body: string }

/** A real HTTP receiver; `failNext` makes the next calls answer 500. */
function startReceiver() {
  const received: Received[] = []
  let failNext = 0
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => { body += chunk })
    request.on('end', () => {
      received.push({ headers: request.headers, body })
      response.statusCode = failNext-- > 0 ? 500 : 204
      response.end()
    })
  })
  return {
    received,
    failNext: (n: number) => { failNext = n },
    listen: () => new Promise<string>(resolve => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as { port: number }).port}/hooks/app-store`))),
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  }
}

describeEachDb('notifications: feed, webhooks, outbox', (context) => {
  const app = useApp(context)
  const receiver = startReceiver()
  let url: string
  let slug: string
  let owner: string
  let subscriber: string
  let secret: string
  const as = async (a: App, who: { organization: string, role: string }) => {
    const token = await devToken(a, who)
    return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) =>
      a.inject({ method, url: path, payload, headers: { authorization: `Bearer ${token}` } })
  }
  const publishRelease = async (a: App, version: string) => {
    const vendor = await as(a, { organization: owner, role: 'vendor_publisher' })
    const response = await vendor('POST', `/api/v1/apps/${slug}/releases`, { version, releasedOn: '2026-11-01', artifactUrl: `https://example.org/${version}.tar.gz`, artifactSha256: 'a'.repeat(64) })
    expect(response.statusCode, response.body).toBe(201)
  }

  beforeAll(async () => {
    url = await receiver.listen()
    const [row] = await selectRows<{ slug: string, owner: string, subscriber: string }>(context.database.db, sql`
      SELECT a.slug, o.slug AS owner,
             (SELECT m.ags FROM subscriptions s JOIN organizations m ON m.id = s.organization_id WHERE s.app_id = a.id AND s.status = 'active' AND m.kind = 'municipality' ORDER BY m.ags LIMIT 1) AS subscriber
      FROM apps a JOIN organizations o ON o.id = a.owner_organization_id
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE + 90 AND a.adoption_count >= 2
      ORDER BY a.slug LIMIT 1`)
    ;({ slug, owner, subscriber } = row)
    // Everything the seed raises (expiring certificates) is delivered first, so the tests see only their own events.
    await app.get().notificationWorker.runOnce()
  })
  afterAll(() => receiver.close())

  it('sets a webhook with a secret shown once; refuses addresses it cannot use', async () => {
    const admin = await as(app.get(), { organization: subscriber, role: 'municipality_admin' })
    expect((await admin('PUT', '/api/v1/organizations/me/webhook', { url: 'ftp://example.org/x' })).statusCode).toBe(422)
    expect((await admin('PUT', '/api/v1/organizations/me/webhook', { url: 'not a url' })).statusCode).toBe(400)
    const set = await admin('PUT', '/api/v1/organizations/me/webhook', { url })
    expect(set.statusCode, set.body).toBe(200)
    secret = set.json().secret
    expect(secret.length).toBeGreaterThanOrEqual(40)
    expect((await admin('GET', '/api/v1/organizations/me/webhook')).json()).toEqual({ url, createdAt: expect.any(String) })
    const member = await as(app.get(), { organization: subscriber, role: 'municipality_member' })
    expect((await member('PUT', '/api/v1/organizations/me/webhook', { url })).statusCode).toBe(403)
  })

  it('tells every subscriber about a new release: feed entry and a signed webhook call', async () => {
    await publishRelease(app.get(), '90.0.0')
    const round = await app.get().notificationWorker.runOnce()
    expect(round.dispatched).toBe(1)
    expect(round.delivered).toBe(1)

    const call = receiver.received.at(-1)!
    const body = JSON.parse(call.body)
    expect(body).toMatchObject({ type: 'release.published', app: { slug }, data: { version: '90.0.0' } })
    expect(call.headers['x-signature']).toBe(signWebhook(secret, call.headers['x-signature-timestamp'] as string, call.body))
    expect(call.headers['x-signature']).not.toBe(signWebhook('wrong secret', call.headers['x-signature-timestamp'] as string, call.body))

    const member = await as(app.get(), { organization: subscriber, role: 'municipality_member' })
    const feed = (await member('GET', '/api/v1/notifications?unread=true')).json()
    expect(feed.items[0]).toMatchObject({ type: 'release.published', app: { slug }, data: { version: '90.0.0' }, readAt: null })
    const [{ n }] = await selectRows<{ n: number }>(context.database.db, sql`
      SELECT count(*)::int AS n FROM notifications n JOIN outbox_events e ON e.id = n.event_id JOIN apps a ON a.id = e.app_id
      WHERE a.slug = ${slug} AND e.payload->>'version' = '90.0.0'`)
    expect(n).toBe(Number((await selectRows<{ n: number }>(context.database.db, sql`SELECT adoption_count AS n FROM apps WHERE slug = ${slug}`))[0].n))

    const read = await member('POST', '/api/v1/notifications/read', { ids: [feed.items[0].id] })
    expect(read.json().unread).toBe(feed.unread - 1)
    expect((await member('POST', '/api/v1/notifications/read', { all: true })).json().unread).toBe(0)
    const vendor = await as(app.get(), { organization: owner, role: 'vendor_publisher' })
    expect((await vendor('GET', '/api/v1/notifications')).statusCode).toBe(403)
  })

  it('retries a failed webhook call with backoff and logs every attempt', async () => {
    receiver.failNext(1)
    await publishRelease(app.get(), '91.0.0')
    const first = await app.get().notificationWorker.runOnce()
    expect(first.failed).toBe(1)
    const admin = await as(app.get(), { organization: subscriber, role: 'municipality_admin' })
    const [pending] = (await admin('GET', '/api/v1/organizations/me/webhook/deliveries')).json()
    expect(pending).toMatchObject({ type: 'release.published', status: 'pending', attempts: 1, lastStatusCode: 500 })
    expect(Date.parse(pending.nextAttemptAt)).toBeGreaterThan(Date.now() + 20_000)
    // Nothing is due yet; then the backoff has passed.
    expect((await app.get().notificationWorker.runOnce()).delivered).toBe(0)
    await context.database.db.execute(sql`UPDATE webhook_deliveries SET next_attempt_at = now() WHERE id = ${pending.id}`)
    expect((await app.get().notificationWorker.runOnce()).delivered).toBe(1)
    const [done] = (await admin('GET', '/api/v1/organizations/me/webhook/deliveries')).json()
    expect(done).toMatchObject({ id: pending.id, status: 'delivered', attempts: 2, lastStatusCode: 204, nextAttemptAt: null })
  })

  it('loses no event when the process stops between the change and the delivery', async () => {
    const before = receiver.received.length
    // A first process records the change and stops before its worker ran.
    const first = await buildApp({ database: context.database, webRoot: false, identity: { devSignIn: { enabled: true } } })
    const reviewer = await as(first, { organization: 'landes-cio-pruefstelle', role: 'reviewer' })
    const [certificate] = await selectRows<{ id: string }>(context.database.db, sql`
      SELECT c.id FROM certifications c JOIN apps a ON a.id = c.app_id WHERE a.slug = ${slug} AND c.status = 'valid' ORDER BY c.valid_until DESC LIMIT 1`)
    const suspended = await reviewer('POST', `/api/v1/certifications/${certificate.id}/suspend`, { reason: 'Kritische Sicherheitslücke' })
    expect(suspended.statusCode, suspended.body).toBe(200)
    await first.close()
    expect(receiver.received.length).toBe(before)

    // The next process delivers it on its own.
    const second = await buildApp({ database: context.database, webRoot: false, notifications: { workerIntervalMs: 50 } })
    try {
      await expect.poll(() => receiver.received.length, { timeout: 10_000, interval: 50 }).toBe(before + 1)
      expect(JSON.parse(receiver.received.at(-1)!.body)).toMatchObject({ type: 'certification.suspended', app: { slug }, data: { reason: 'Kritische Sicherheitslücke' } })
    }
    finally {
      await second.close()
    }
  })

  it('warns once when a certificate expires within 60 days', async () => {
    await context.database.db.execute(sql`UPDATE apps SET status = 'certified', certified_until = CURRENT_DATE + 30 WHERE slug = ${slug}`)
    // Two processes (or restarts) check; the warning is raised once.
    for (let i = 0; i < 2; i++) {
      const process = await buildApp({ database: context.database, webRoot: false })
      await process.notificationWorker.runOnce()
      await process.close()
    }
    const member = await as(app.get(), { organization: subscriber, role: 'municipality_member' })
    const expiring = (await member('GET', '/api/v1/notifications?limit=100')).json().items.filter((n: { type: string, app: { slug: string } }) => n.type === 'certification.expiring' && n.app.slug === slug)
    expect(expiring).toHaveLength(1)
  })
})

describeEachDb('webhook addresses in production', (context) => {
  const app = useApp(context, { notifications: { allowHttpWebhooks: false } })

  it('accepts only https to public addresses, so that webhooks cannot reach the store\'s own network', async () => {
    const token = await devToken(app.get(), { persona: 'municipality-admin' })
    const put = (url: string) => app.get().inject({ method: 'PUT', url: '/api/v1/organizations/me/webhook', payload: { url }, headers: { authorization: `Bearer ${token}` } })
    for (const url of ['http://93.184.216.34/hook', 'https://127.0.0.1/hook', 'https://10.1.2.3/hook', 'https://[::1]/hook', 'https://[::ffff:192.168.1.5]/hook', 'https://169.254.169.254/latest/meta-data'])
      expect((await put(url)).statusCode, url).toBe(422)
    const accepted = await put('https://93.184.216.34/hook')
    expect(accepted.statusCode, accepted.body).toBe(200)
  })

  it('checks the address again at delivery, so a webhook that now points inside is not called', async () => {
    const [kiel] = await selectRows<{ id: string, app_id: string }>(context.database.db, sql`
      SELECT o.id, s.app_id FROM organizations o JOIN subscriptions s ON s.organization_id = o.id AND s.status = 'active' WHERE o.slug = 'kiel' LIMIT 1`)
    await context.database.db.execute(sql`UPDATE webhooks SET url = 'https://127.0.0.1:9/hook' WHERE organization_id = ${kiel.id}`)
    await context.database.db.execute(sql`INSERT INTO outbox_events (type, app_id, payload) VALUES ('cost_shares.changed', ${kiel.app_id}, '{"year": 2026}')`)
    const round = await app.get().notificationWorker.runOnce()
    expect(round.failed).toBeGreaterThanOrEqual(1)
    const [delivery] = await selectRows<{ last_error: string, last_status_code: number | null }>(context.database.db, sql`
      SELECT last_error, last_status_code FROM webhook_deliveries WHERE organization_id = ${kiel.id} ORDER BY created_at DESC LIMIT 1`)
    expect(delivery.last_error).toMatch(/local or private address/)
    expect(delivery.last_status_code).toBeNull()
  })
})
