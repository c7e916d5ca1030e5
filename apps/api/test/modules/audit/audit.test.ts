import { appendAuditEvent, verifyAuditChain } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

describeEachDb('audit trail', (context) => {
  const app = useApp(context)
  const run = (statement: string) => context.database.exec(statement)

  it('verifies the chain the demo data wrote', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/audit/verify' })
    expect(response.statusCode).toBe(200)
    const result = response.json()
    expect(result.ok).toBe(true)
    expect(result.events).toBeGreaterThan(500)
  })

  it('shows an app\'s certification timeline to anyone, oldest first, without naming people', async () => {
    const history = (await app.get().inject({ method: 'GET', url: '/api/v1/apps/bauantrag-online/history' })).json()
    expect(history[0]).toMatchObject({ action: 'app.created', actorOrganization: 'Amtsgrün Software GmbH' })
    expect(history.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['release.published', 'attestation.added', 'certificate.issued']))
    expect(JSON.stringify(history)).not.toMatch(/actorUserId|actor_user_id/)
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/apps/vergnuegungsteuer/history' })).statusCode).toBe(404)
  })

  it('lists events for reviewers and platform admins only', async () => {
    const reviewer = await devToken(app.get(), { persona: 'reviewer' })
    const list = await app.get().inject({ method: 'GET', url: '/api/v1/audit?app=fundbuero&limit=5', headers: { authorization: `Bearer ${reviewer}` } })
    expect(list.statusCode).toBe(200)
    const body = list.json()
    expect(body.items).toHaveLength(5)
    expect(body.items[0].id).toBeGreaterThan(body.items[4].id)
    const next = await app.get().inject({ method: 'GET', url: `/api/v1/audit?app=fundbuero&limit=5&cursor=${body.nextCursor}`, headers: { authorization: `Bearer ${reviewer}` } })
    expect(next.json().items[0].id).toBeLessThan(body.items[4].id)

    const vendor = await devToken(app.get(), { persona: 'vendor-publisher' })
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: `Bearer ${vendor}` } })).statusCode).toBe(403)
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/audit' })).statusCode).toBe(401)
  })

  it('refuses to update or delete stored events, even in SQL', async () => {
    await expect(run('UPDATE audit_events SET action = \'x\' WHERE id = 1')).rejects.toThrow(/append-only/)
    await expect(run('DELETE FROM audit_events WHERE id = 1')).rejects.toThrow(/append-only/)
  })

  it('links concurrent appends into one chain', async () => {
    await Promise.all(Array.from({ length: 10 }, (_, i) => context.database.db.transaction(tx =>
      appendAuditEvent(tx, { action: 'test.concurrent', entityType: 'test', entityId: String(i), payload: { i, nested: { b: 1, a: [2, 1] } } }))))
    expect(await verifyAuditChain(context.database.db)).toMatchObject({ ok: true })
  })

  it('finds an event altered behind the application\'s back', async () => {
    const [target] = (await context.database.db.execute(sql`SELECT id::int AS id FROM audit_events WHERE action = 'certificate.issued' ORDER BY id LIMIT 1 OFFSET 3`) as unknown as { rows: { id: number }[] }).rows
    // A database superuser bypasses the trigger; the hash chain still gives it away.
    await run(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
      UPDATE audit_events SET payload = jsonb_set(payload, '{validUntil}', '"2099-12-31"') WHERE id = ${target.id};
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;`)
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/audit/verify' })
    expect(response.json()).toMatchObject({ ok: false, brokenAt: target.id, reason: expect.stringMatching(/altered/) })
  })
})

describeEachDb('audit trail with a removed event', (context) => {
  it('reports the broken link after a deleted event', async () => {
    const [{ id }] = (await context.database.db.execute(sql`SELECT id::int AS id FROM audit_events ORDER BY id LIMIT 1 OFFSET 10`) as unknown as { rows: { id: number }[] }).rows
    await context.database.exec(`ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only;
      DELETE FROM audit_events WHERE id = ${id};
      ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only;`)
    expect(await verifyAuditChain(context.database.db)).toMatchObject({ ok: false, brokenAt: id + 1, reason: expect.stringMatching(/removed/) })
  })
})
