import type { App } from '../../../src/app.ts'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'
import { searchApps } from '../catalog/helpers.ts'

const sha = (c: string) => c.repeat(64)
const today = new Date().toISOString().slice(0, 10)
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

function as(app: App, token: string) {
  const headers = { authorization: `Bearer ${token}` }
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers }),
    post: (url: string, payload: object = {}) => app.inject({ method: 'POST', url, payload, headers }),
  }
}

/** A vendor app with all required attestations and a pending request for 2.0.0. */
async function submitted(app: App, slug: string): Promise<string> {
  const vendor = as(app, await devToken(app, { persona: 'vendor-publisher' }))
  const created = await vendor.post('/api/v1/apps', {
    slug, name: `Friedhofsportal ${slug}`, summary: 'Grabstellen online suchen und Nutzungsrechte verlängern.', themenfelder: ['family_children'],
    tags: ['Friedhof'], license: 'EUPL-1.2', deploymentModels: ['self_hosted'], repositoryUrl: `https://git.example/${slug}`,
  })
  expect(created.statusCode, created.body).toBe(201)
  await vendor.post(`/api/v1/apps/${slug}/releases`, { version: '2.0.0', releasedOn: today, changelog: '- Grabsuche', artifactUrl: `https://git.example/${slug}/2.0.0`, artifactSha256: sha('a') })
  for (const [kind, days] of [['oss_license', 800], ['pentest', 90], ['bitv', 500], ['dsgvo_dsfa', 700]] as const)
    await vendor.post(`/api/v1/apps/${slug}/attestations`, { kind, issuer: 'Prüfstelle', issuedOn: today, validUntil: inDays(days), evidenceUrl: `https://pruefung.example/${slug}/${kind}.pdf`, evidenceSha256: sha('b') })
  const request = await vendor.post(`/api/v1/apps/${slug}/certification-requests`, { release: '2.0.0' })
  expect(request.statusCode, request.body).toBe(201)
  return request.json().id
}

const allMet = (note = 'geprüft') => ['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa'].map(criterion => ({ criterion, result: 'met', note }))

describeEachDb('certification review', (context) => {
  const app = useApp(context)
  const reviewer = async () => as(app.get(), await devToken(app.get(), { persona: 'reviewer' }))

  it('queues requests oldest first with what changed, and shows evidence per criterion', async () => {
    const first = await submitted(app.get(), 'friedhof-eins')
    const second = await submitted(app.get(), 'friedhof-zwei')
    const queue = (await (await reviewer()).get('/api/v1/certification-requests?status=pending')).json()
    const ids = queue.map((q: { id: string }) => q.id)
    expect(ids.indexOf(first)).toBeLessThan(ids.indexOf(second))
    expect(queue.find((q: { id: string }) => q.id === first)).toMatchObject({
      app: { slug: 'friedhof-eins', owner: 'Offene Verwaltung eG' },
      releaseVersion: '2.0.0',
      changes: { previousCertifiedVersion: null, releases: [{ version: '2.0.0' }] },
    })
    const detail = (await (await reviewer()).get(`/api/v1/certification-requests/${first}`)).json()
    expect(detail.criteria.map((c: { criterion: string }) => c.criterion)).toEqual(['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa'])
    expect(detail.criteria[0].attestations[0]).toMatchObject({ state: 'valid', evidenceUrl: 'https://pruefung.example/friedhof-eins/oss_license.pdf' })
  })

  it('approves: issues a certificate valid until the earliest attestation expiry, and the app appears in the catalogue', async () => {
    const id = (await (await reviewer()).get('/api/v1/certification-requests')).json().find((q: { app: { slug: string } }) => q.app.slug === 'friedhof-eins').id
    const decided = await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'approved', criteria: allMet(), comment: 'Alle Nachweise gültig.' })
    expect(decided.statusCode, decided.body).toBe(200)
    expect(decided.json().decision).toMatchObject({ outcome: 'approved', certificate: { number: expect.stringMatching(/^LCIO-\d{4}-\d{4}$/), validUntil: inDays(90) } })
    const found = await searchApps(app.get(), { q: 'Friedhofsportal friedhof-eins' })
    expect(found.items.map(i => i.slug)).toContain('friedhof-eins')
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/apps/friedhof-eins' })).json().certification.releaseVersion).toBe('2.0.0')
    expect((await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'rejected', criteria: allMet(), comment: 'zu spät' })).statusCode).toBe(409)
  })

  it('lets exactly one of two concurrent decisions win', async () => {
    const id = (await (await reviewer()).get('/api/v1/certification-requests')).json().find((q: { app: { slug: string } }) => q.app.slug === 'friedhof-zwei').id
    const r = await reviewer()
    const results = await Promise.all([
      r.post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'approved', criteria: allMet(), comment: 'ok' }),
      r.post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'changes_requested', criteria: allMet(), comment: 'bitte ergänzen' }),
    ])
    expect(results.map(x => x.statusCode).sort()).toEqual([200, 409])
    const [{ n }] = (await context.database.db.execute(sql`SELECT count(*)::int AS n FROM certification_decisions d JOIN certification_requests q ON q.id = d.request_id WHERE q.id = ${id}`) as unknown as { rows: { n: number }[] }).rows
    expect(n).toBe(1)
  })

  it('sends changes back to the vendor with feedback per criterion', async () => {
    const id = await submitted(app.get(), 'friedhof-drei')
    const feedback = [...allMet().slice(0, 3), { criterion: 'dsgvo_dsfa', result: 'not_met', note: 'Löschkonzept fehlt in der DSFA.' }]
    expect((await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'approved', criteria: feedback, comment: 'x' })).statusCode).toBe(422)
    expect((await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'changes_requested', criteria: allMet().slice(0, 2), comment: 'x' })).statusCode).toBe(422)
    expect((await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'changes_requested', criteria: feedback, comment: 'Bitte DSFA ergänzen.' })).statusCode).toBe(200)
    const vendor = as(app.get(), await devToken(app.get(), { persona: 'vendor-publisher' }))
    const own = (await vendor.get('/api/v1/publisher/apps/friedhof-drei')).json()
    expect(own.status).toBe('draft')
    expect(own.certificationRequests[0].decision).toMatchObject({ outcome: 'changes_requested', comment: 'Bitte DSFA ergänzen.' })
    expect(own.certificationRequests[0].decision.criteria.find((c: { criterion: string }) => c.criterion === 'dsgvo_dsfa')).toMatchObject({ result: 'not_met', note: 'Löschkonzept fehlt in der DSFA.' })
  })

  it('never lets a reviewer decide on their own organization\'s app', async () => {
    await context.database.exec(`
      WITH cio AS (SELECT id FROM organizations WHERE slug = 'landes-cio-pruefstelle'),
      app AS (
        INSERT INTO apps (slug, name, summary, themenfelder, owner_organization_id, maintainer_type, repository_url, license, deployment_models)
        SELECT 'pruefstellen-werkzeug', 'Prüfstellen-Werkzeug', 'Internes Werkzeug der Prüfstelle.', ARRAY['internal_administration']::themenfeld[], id, 'public_body', 'https://git.example/p', 'MIT', ARRAY['self_hosted']::deployment_model[] FROM cio
        RETURNING id),
      rel AS (
        INSERT INTO releases (app_id, version, major, minor, patch, released_on, artifact_url, artifact_sha256)
        SELECT id, '1.0.0', 1, 0, 0, CURRENT_DATE, 'https://git.example/p/1.0.0', repeat('c', 64) FROM app RETURNING id, app_id)
      INSERT INTO certification_requests (app_id, release_id) SELECT app_id, id FROM rel`)
    const [{ id }] = (await context.database.db.execute(sql`SELECT q.id FROM certification_requests q JOIN apps a ON a.id = q.app_id WHERE a.slug = 'pruefstellen-werkzeug'`) as unknown as { rows: { id: string }[] }).rows
    expect((await (await reviewer()).post(`/api/v1/certification-requests/${id}/decision`, { outcome: 'approved', criteria: allMet(), comment: 'x' })).statusCode).toBe(403)
  })

  it('lets minor releases inherit the certificate while a new major needs its own', async () => {
    const vendor = as(app.get(), await devToken(app.get(), { persona: 'vendor-publisher' }))
    for (const version of ['2.1.0', '3.0.0'])
      expect((await vendor.post('/api/v1/apps/friedhof-eins/releases', { version, releasedOn: today, artifactUrl: `https://git.example/friedhof-eins/${version}`, artifactSha256: sha('d') })).statusCode).toBe(201)
    const detail = (await app.get().inject({ method: 'GET', url: '/api/v1/apps/friedhof-eins' })).json()
    expect(detail.certification).toMatchObject({ releaseVersion: '2.0.0', coversMajor: 2 })
    expect(Object.fromEntries(detail.releases.map((r: { version: string, coveredByCertificate: boolean }) => [r.version, r.coveredByCertificate])))
      .toEqual({ '3.0.0': false, '2.1.0': true, '2.0.0': true })
  })

  it('suspends, reinstates and revokes certificates; the app leaves and re-enters the catalogue', async () => {
    const r = await reviewer()
    const [certificate] = (await r.get('/api/v1/certifications?app=friedhof-eins')).json()
    expect(certificate).toMatchObject({ status: 'valid', releaseVersion: '2.0.0', coversMajor: 2 })
    const inCatalogue = async () => (await app.get().inject({ method: 'GET', url: '/api/v1/apps/friedhof-eins' })).statusCode
    expect((await r.post(`/api/v1/certifications/${certificate.id}/suspend`, { reason: 'Kritische Lücke im Login gemeldet.' })).json().status).toBe('suspended')
    expect(await inCatalogue()).toBe(404)
    expect((await r.post(`/api/v1/certifications/${certificate.id}/suspend`, { reason: 'Kritische Lücke im Login gemeldet.' })).statusCode).toBe(409)
    expect((await r.post(`/api/v1/certifications/${certificate.id}/reinstate`, { reason: 'Lücke mit Version 2.0.1 geschlossen.' })).json().status).toBe('valid')
    expect(await inCatalogue()).toBe(200)
    expect((await r.post(`/api/v1/certifications/${certificate.id}/revoke`, { reason: 'Hersteller hat die Pflege eingestellt.' })).json().status).toBe('revoked')
    expect(await inCatalogue()).toBe(404)
    const history = (await r.get('/api/v1/audit?app=friedhof-eins&limit=50')).json().items.map((e: { action: string }) => e.action)
    expect(history).toEqual(expect.arrayContaining(['certification.approved', 'certificate.issued', 'certificate.suspended', 'certificate.reinstated', 'certificate.revoked']))
  })

  it('lists certificates expiring within 60 days, soonest first', async () => {
    const expiring = (await (await reviewer()).get('/api/v1/certifications?expiringWithinDays=60')).json()
    expect(expiring.map((c: { app: { slug: string } }) => c.app.slug)).toEqual(expect.arrayContaining(['geburtsurkunde-online', 'marktstand']))
    const days = expiring.map((c: { daysLeft: number }) => c.daysLeft)
    expect(days).toEqual([...days].sort((a, b) => a - b))
    expect(days.every((d: number) => d >= 0 && d <= 60)).toBe(true)
  })

  it('keeps vendors and municipalities out of the review', async () => {
    const vendor = as(app.get(), await devToken(app.get(), { persona: 'vendor-publisher' }))
    expect((await vendor.get('/api/v1/certification-requests')).statusCode).toBe(403)
    expect((await vendor.get('/api/v1/certifications?expiringWithinDays=60')).statusCode).toBe(403)
  })
})
