import type { App } from '../../../src/app.ts'
import { verifyAuditChain } from '@kas/db'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

const sha = (c: string) => c.repeat(64)
const today = new Date().toISOString().slice(0, 10)
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

const newApp = {
  slug: 'wahlkreis-planer',
  name: 'Wahlkreis-Planer',
  summary: 'Einteilung der Stimmbezirke und Wahllokale für Kommunalwahlen.',
  description: '## Funktionen\n- Stimmbezirke auf der Karte',
  themenfelder: ['law_order'],
  tags: ['Wahlen', 'Stimmbezirk'],
  license: 'EUPL-1.2',
  deploymentModels: ['self_hosted'],
  repositoryUrl: 'https://git.offene-verwaltung.example/fachanwendungen/wahlkreis-planer',
}

function client(app: App, token: string) {
  const headers = (extra: Record<string, string> = {}) => ({ authorization: `Bearer ${token}`, ...extra })
  return {
    get: (url: string) => app.inject({ method: 'GET', url, headers: headers() }),
    post: (url: string, payload: object, extra?: Record<string, string>) => app.inject({ method: 'POST', url, payload, headers: headers(extra) }),
    patch: (url: string, payload: object, extra?: Record<string, string>) => app.inject({ method: 'PATCH', url, payload, headers: headers(extra) }),
  }
}

describeEachDb('publishing', (context) => {
  const app = useApp(context)
  const vendor = async () => client(app.get(), await devToken(app.get(), { persona: 'vendor-publisher' }))
  const otherVendor = async () => client(app.get(), await devToken(app.get(), { organization: 'amtsgruen-software', role: 'vendor_publisher' }))

  it('creates a draft that only its organization can see', async () => {
    const me = await vendor()
    const created = await me.post('/api/v1/apps', newApp)
    expect(created.statusCode, created.body).toBe(201)
    expect(created.headers.etag).toBe('"r1"')
    expect(created.json()).toMatchObject({ slug: 'wahlkreis-planer', status: 'draft', owner: { slug: 'offene-verwaltung-eg' } })
    expect((await me.get('/api/v1/publisher/apps')).json().map((a: { slug: string }) => a.slug)).toContain('wahlkreis-planer')

    const other = await otherVendor()
    expect((await other.get('/api/v1/publisher/apps/wahlkreis-planer')).statusCode).toBe(404)
    expect((await other.patch('/api/v1/apps/wahlkreis-planer', { name: 'Gekapert' }, { 'if-match': '"r1"' })).statusCode).toBe(404)
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/apps/wahlkreis-planer' })).statusCode).toBe(404)
  })

  it('refuses a taken slug with 409 and non-open-source licences with 422', async () => {
    const me = await vendor()
    expect((await me.post('/api/v1/apps', newApp)).statusCode).toBe(409)
    for (const license of ['GPL', 'CC-BY-NC-4.0', 'Proprietary', 'MIT AND CC-BY-NC-4.0', 'LicenseRef-Hausintern']) {
      const response = await me.post('/api/v1/apps', { ...newApp, slug: `lizenz-${license.length}`, license })
      expect(response.statusCode, license).toBe(422)
      expect(response.json().errors[0].pointer).toBe('/body/license')
    }
    expect((await me.post('/api/v1/apps', { ...newApp, slug: 'lizenz-ok', license: 'AGPL-3.0-or-later OR MIT' })).statusCode).toBe(201)
    // FSF-free without OSI approval counts as well.
    expect((await me.post('/api/v1/apps', { ...newApp, slug: 'lizenz-fsf', license: 'CC-BY-4.0' })).statusCode).toBe(201)
    expect((await me.post('/api/v1/apps', { ...newApp, slug: 'efa-ohne-betreiber', deploymentModels: ['efa_service'] })).statusCode).toBe(422)
  })

  it('edits with If-Match: 428 without, 412 when stale, exactly one of two concurrent edits wins', async () => {
    const me = await vendor()
    const url = '/api/v1/apps/wahlkreis-planer'
    expect((await me.patch(url, { name: 'Ohne ETag' })).statusCode).toBe(428)
    const current = (await me.get(`/api/v1/publisher/apps/wahlkreis-planer`)).headers.etag as string
    const results = await Promise.all([
      me.patch(url, { summary: 'Erste gleichzeitige Änderung der Zusammenfassung.' }, { 'if-match': current }),
      me.patch(url, { summary: 'Zweite gleichzeitige Änderung der Zusammenfassung.' }, { 'if-match': current }),
    ])
    expect(results.map(r => r.statusCode).sort()).toEqual([200, 412])
    expect((await me.patch(url, { name: 'Veraltet' }, { 'if-match': current })).statusCode).toBe(412)
    const fresh = (await me.get('/api/v1/publisher/apps/wahlkreis-planer')).headers.etag as string
    const renamed = await me.patch(url, { name: 'Stimmbezirks-Planer' }, { 'if-match': fresh })
    expect(renamed.statusCode).toBe(200)
    expect(renamed.json().name).toBe('Stimmbezirks-Planer')
    expect(renamed.headers.etag).not.toBe(fresh)
  })

  it('accepts releases only with strictly increasing semantic versions and valid SBOMs', async () => {
    const me = await vendor()
    const release = (version: string, extra: object = {}) => me.post('/api/v1/apps/wahlkreis-planer/releases', {
      version, releasedOn: today, artifactUrl: `https://git.offene-verwaltung.example/wahlkreis-planer/v${version}.tar.gz`, artifactSha256: sha('a'), ...extra,
    })
    expect((await release('1.0.0')).statusCode).toBe(201)
    expect((await release('1.0.0')).statusCode).toBe(422)
    expect((await release('0.9.0')).statusCode).toBe(422)
    expect((await release('v1.1')).statusCode).toBe(422)
    expect((await release('1.1.0', { sbom: { bomFormat: 'SPDX' } })).statusCode).toBe(422)
    const ok = await release('1.1.0', { sbom: { bomFormat: 'CycloneDX', specVersion: '1.5', version: 1, components: [{ type: 'library', name: 'vue', version: '3.5.0' }] } })
    expect(ok.statusCode, ok.body).toBe(201)
    expect(ok.json().releases[0]).toMatchObject({ version: '1.1.0', hasSbom: true })
  })

  it('refuses nonsense attestations with 422 naming each problem', async () => {
    const me = await vendor()
    const response = await me.post('/api/v1/apps/wahlkreis-planer/attestations', {
      kind: 'astrology', issuer: 'Niemand', issuedOn: inDays(30), validUntil: inDays(10), evidenceUrl: 'https://pruefung.example/a.pdf', evidenceSha256: sha('b'),
    })
    expect(response.statusCode).toBe(422)
    expect(response.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/body/kind', '/body/issuedOn', '/body/validUntil'])
    expect((await me.post('/api/v1/apps/wahlkreis-planer/attestations', {
      kind: 'pentest', issuer: 'Prüflabor', issuedOn: today, validUntil: inDays(365), evidenceUrl: 'http://unsicher.example/a.pdf', evidenceSha256: sha('b'),
    })).statusCode).toBe(400)
  })

  it('refuses a certification request per missing criterion, then accepts it once all are attested', async () => {
    const me = await vendor()
    const url = '/api/v1/apps/wahlkreis-planer/certification-requests'
    const refused = await me.post(url, { release: '1.1.0' })
    expect(refused.statusCode).toBe(422)
    expect(refused.json().errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual(['/criteria/bitv', '/criteria/dsgvo_dsfa', '/criteria/oss_license', '/criteria/pentest'])

    for (const kind of ['oss_license', 'bitv', 'dsgvo_dsfa'])
      expect((await me.post('/api/v1/apps/wahlkreis-planer/attestations', { kind, issuer: 'Prüfstelle', issuedOn: today, validUntil: inDays(700), evidenceUrl: `https://pruefung.example/${kind}.pdf`, evidenceSha256: sha('c') })).statusCode).toBe(201)
    // A penetration test of an older release does not count for this one.
    await me.post('/api/v1/apps/wahlkreis-planer/attestations', { kind: 'pentest', issuer: 'Prüflabor', issuedOn: today, validUntil: inDays(365), evidenceUrl: 'https://pruefung.example/pentest-1.0.pdf', evidenceSha256: sha('d'), releaseVersion: '1.0.0' })
    const stillMissing = await me.post(url, { release: '1.1.0' })
    expect(stillMissing.json().errors.map((e: { pointer: string }) => e.pointer)).toEqual(['/criteria/pentest'])

    await me.post('/api/v1/apps/wahlkreis-planer/attestations', { kind: 'pentest', issuer: 'Prüflabor', issuedOn: today, validUntil: inDays(365), evidenceUrl: 'https://pruefung.example/pentest-1.1.pdf', evidenceSha256: sha('e'), releaseVersion: '1.1.0' })
    const accepted = await me.post(url, { release: '1.1.0' })
    expect(accepted.statusCode, accepted.body).toBe(201)
    expect(accepted.json()).toMatchObject({ status: 'pending', releaseVersion: '1.1.0' })
    expect((await me.get('/api/v1/publisher/apps/wahlkreis-planer')).json().status).toBe('in_review')
    expect((await me.post(url, { release: '1.1.0' })).statusCode).toBe(409)
  })

  it('retires an app and records every step in a chain that still verifies', async () => {
    const me = await vendor()
    const etag = (await me.get('/api/v1/publisher/apps/lizenz-ok')).headers.etag as string
    const retired = await me.post('/api/v1/apps/lizenz-ok/retire', {}, { 'if-match': etag })
    expect(retired.json().status).toBe('retired')
    expect((await me.post('/api/v1/apps/lizenz-ok/releases', { version: '1.0.0', releasedOn: today, artifactUrl: 'https://x.example/a', artifactSha256: sha('f') })).statusCode).toBe(409)
    const reviewer = client(app.get(), await devToken(app.get(), { persona: 'reviewer' }))
    const actions = (await reviewer.get('/api/v1/audit?app=wahlkreis-planer&limit=200')).json().items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['app.created', 'app.updated', 'release.published', 'attestation.added', 'certification.requested']))
    expect(await verifyAuditChain(context.database.db)).toMatchObject({ ok: true })
  })

  it('lets only vendor publishers publish', async () => {
    const municipality = client(app.get(), await devToken(app.get(), { persona: 'municipality-admin' }))
    expect((await municipality.post('/api/v1/apps', { ...newApp, slug: 'kommune-app' })).statusCode).toBe(403)
    expect((await app.get().inject({ method: 'POST', url: '/api/v1/apps', payload: newApp })).statusCode).toBe(401)
  })
})
