import type { App } from '../../../src/app.ts'
import type { AddressInfo } from 'node:net'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { readPubliccode } from '../../../src/modules/publiccode/read.ts'
import { writePubliccode } from '../../../src/modules/publiccode/write.ts'
import { devToken, useApp } from '../../support/app.ts'
import { describeEachDb } from '../../support/databases.ts'

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/publiccode/${name}`, import.meta.url), 'utf8')
/** 1-based line of the first line containing `needle`, to check reported positions against the file. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex(line => line.includes(needle)) + 1

interface Report {
  outcome: string
  app: { slug: string, name: string, status: string }
  fields: { field: string, source: string | null, line: number | null, value: unknown, change: string }[]
  release: { version: string, outcome: string } | null
  warnings: { path: string, line: number, message: string }[]
  ignored: { path: string, line: number, message: string }[]
}

function importFile(app: App, token: string, body: string, options: { dryRun?: boolean, contentType?: string } = {}) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/imports/publiccode${options.dryRun ? '?dryRun=true' : ''}`,
    headers: { 'authorization': `Bearer ${token}`, 'content-type': options.contentType ?? 'application/yaml' },
    payload: body,
  })
}

describe('reading publiccode.yml files from public projects of several versions and languages', () => {
  it.each([
    ['v0.2-portale-comunale.yml', { version: '0.2', name: 'Portale Comunale Aperto', release: '2.3.0', warning: 'description.ita' }],
    ['v0.3-case-management.yml', { version: '0.3', name: 'OpenCase', release: '4.1.2', warning: 'landingURL' }],
    ['v0.4-bauantrag-efa.yml', { version: '0.4', name: 'Bauportal Mittelland', release: '1.4.0', warning: null }],
    ['v0.4-afvalkalender.yml', { version: '0.4', name: 'Afvalkalender', release: null, warning: 'softwareVersion' }],
    ['v0-supports-ssh-url.yml', { version: '0', name: 'Terminvergabe Bürgeramt', release: null, warning: 'url' }],
  ])('%s is read without problems', (file, expected) => {
    const result = readPubliccode(fixture(file))
    expect(result.kind).toBe('publiccode')
    if (result.kind !== 'publiccode')
      return
    expect(result.problems).toEqual([])
    expect(result.version).toBe(expected.version)
    expect(result.app.name).toBe(expected.name)
    expect(result.release?.version ?? null).toBe(expected.release)
    if (expected.warning)
      expect(result.warnings.map(w => w.path)).toContain(expected.warning)
  })

  it('handles the quirks: unquoted version and dates, three-letter languages, Italian conformity as claims', () => {
    const text = fixture('v0.2-portale-comunale.yml')
    const result = readPubliccode(text)
    if (result.kind !== 'publiccode')
      throw new Error(result.kind)
    expect(result.warnings).toContainEqual(expect.objectContaining({ path: 'publiccodeYmlVersion', line: lineOf(text, 'publiccodeYmlVersion') }))
    expect(result.app.maintenance).toEqual({ type: 'contract', contacts: [], contractors: [{ name: 'Servizi Informatici Esempio S.r.l.', until: '2027-12-31', website: 'https://servizi-informatici.example' }] })
    expect(result.release).toEqual({ version: '2.3.0', releasedOn: '2024-03-18' })
    expect(result.app.summary).toMatch(/^Sito istituzionale per comuni/)
    // sicuro: false is no claim.
    expect(result.app.complianceClaims).toEqual(['accessibility', 'interoperability', 'gdpr'])
    expect(result.ignored.map(i => i.path)).toEqual(expect.arrayContaining(['logo', 'it.riuso', 'dependsOn.open[0]', 'legal.mainCopyrightOwner']))
  })

  it('prefers German, then English, else the first language, and says so', () => {
    const bau = readPubliccode(fixture('v0.4-bauantrag-efa.yml'))
    const dutch = readPubliccode(fixture('v0.4-afvalkalender.yml'))
    const english = readPubliccode(fixture('v0.3-case-management.yml'))
    if (bau.kind !== 'publiccode' || dutch.kind !== 'publiccode' || english.kind !== 'publiccode')
      throw new Error('not read')
    expect(bau.app.summary).toMatch(/^Digitaler Bauantrag/)
    expect(bau.ignored).toContainEqual(expect.objectContaining({ path: 'description.en' }))
    expect(dutch.app.summary).toMatch(/^Ophaaldagen/)
    expect(english.app.summary).toMatch(/^Case management/)
    expect(english.warnings.find(w => w.path === 'description.en')?.message).toMatch(/no German description/)
  })

  it('reports every mistake at once, each with its path and line', () => {
    const text = fixture('mistakes.yml')
    const result = readPubliccode(text)
    if (result.kind !== 'publiccode')
      throw new Error(result.kind)
    const at = (path: string) => result.problems.find(p => p.path === path)
    expect(result.problems.map(p => p.path)).toEqual([
      'url',
      'releaseDate',
      'developmentStatus',
      'description.de.shortDescription',
      'legal.license',
      'maintenance.contractors[0].until',
      'de.themenfelder[0]',
      'de.leika[0]',
    ])
    expect(at('legal.license')).toEqual({ path: 'legal.license', line: lineOf(text, 'license: GPL'), column: 3, code: 'licenseInvalid', params: { value: 'GPL' }, message: expect.stringMatching(/^"GPL" is not a valid SPDX expression/) })
    expect(at('maintenance.contractors[0].until')?.line).toBe(lineOf(text, 'until: end of 2026'))
    expect(at('url')?.message).toMatch(/https/)
  })
})

describeEachDb('publiccode.yml from an address in production: https to public hosts only', (context) => {
  const app = useApp(context, { notifications: { workerIntervalMs: false, allowHttpWebhooks: false } })

  it('refuses http and addresses in the store\'s own network (SSRF)', async () => {
    const token = await devToken(app.get(), { organization: 'elbe-digital', role: 'vendor_publisher' })
    for (const url of ['http://git.example/publiccode.yml', 'https://127.0.0.1/publiccode.yml', 'https://[::1]/publiccode.yml', 'https://10.1.2.3/publiccode.yml']) {
      const response = await importFile(app.get(), token, JSON.stringify({ url }), { dryRun: true, contentType: 'application/json' })
      expect({ url, status: response.statusCode }).toEqual({ url, status: 422 })
      expect(response.json().errors[0].pointer).toBe('/body/url')
    }
  })
})

describeEachDb('publiccode.yml import and export', (context) => {
  const app = useApp(context)
  const tokens = new Map<string, string>()
  const vendorToken = async (organization: string) => {
    if (!tokens.has(organization))
      tokens.set(organization, await devToken(app.get(), { organization, role: 'vendor_publisher' }))
    return tokens.get(organization)!
  }
  const appCount = async () => (await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM apps`))[0]!.n

  it('previews a dry run field by field and writes nothing', async () => {
    const before = await appCount()
    const text = fixture('v0.4-bauantrag-efa.yml')
    const response = await importFile(app.get(), await vendorToken('amtsgruen-software'), text, { dryRun: true })
    expect(response.statusCode).toBe(200)
    const report = response.json<Report>()
    expect(report).toMatchObject({ dryRun: true, outcome: 'created', publiccodeYmlVersion: '0.4', app: { slug: 'bauportal-mittelland', status: 'draft' }, release: { version: '1.4.0', outcome: 'created' } })
    expect(report.fields.find(f => f.field === 'license')).toEqual({ field: 'license', source: 'legal.license', line: lineOf(text, 'license: EUPL-1.2'), value: 'EUPL-1.2', change: 'new' })
    expect(report.fields.find(f => f.field === 'declaredUsers')?.value).toEqual(['Stadt Beispielstadt', 'Landkreis Musterland'])
    expect(report.fields.find(f => f.field === 'deploymentModels')).toMatchObject({ source: null, value: ['self_hosted'] })
    expect(await appCount()).toBe(before)
  })

  it('creates a draft with its release; usedBy stays unverified and claims never become attestations', async () => {
    const token = await vendorToken('amtsgruen-software')
    const response = await importFile(app.get(), token, fixture('v0.4-bauantrag-efa.yml'))
    expect(response.statusCode).toBe(201)
    expect(response.headers.location).toBe('/api/v1/publisher/apps/bauportal-mittelland')
    const [row] = await selectRows<Record<string, unknown>>(context.database.db, sql`
      SELECT a.status::text AS status, o.slug AS owner, a.adoption_count, a.declared_users, a.basisdienste::text[] AS basisdienste,
             a.themenfelder::text[] AS themenfelder, a.leika_ids, a.maintenance, a.features, a.tags,
             (SELECT count(*)::int FROM attestations t WHERE t.app_id = a.id) AS attestations,
             (SELECT json_agg(json_build_object('version', r.version, 'artifact', r.artifact_url)) FROM releases r WHERE r.app_id = a.id) AS releases
      FROM apps a JOIN organizations o ON o.id = a.owner_organization_id WHERE a.slug = 'bauportal-mittelland'`)
    expect(row).toMatchObject({
      status: 'draft',
      owner: 'amtsgruen-software',
      adoption_count: 0,
      declared_users: ['Stadt Beispielstadt', 'Landkreis Musterland'],
      basisdienste: ['bund_id', 'fit_connect', 'epaybl'],
      themenfelder: ['building_housing'],
      leika_ids: ['99089002000000', '99089001000000'],
      tags: ['workflow-management', 'document-management'],
      attestations: 0,
      releases: [{ version: '1.4.0', artifact: null }],
    })
    const [audit] = await selectRows<{ payload: { outcome: string } }>(context.database.db, sql`
      SELECT payload FROM audit_events WHERE action = 'app.imported' ORDER BY id DESC LIMIT 1`)
    expect(audit!.payload.outcome).toBe('created')

    // The same file again changes nothing; a changed summary changes exactly that.
    const again = (await importFile(app.get(), token, fixture('v0.4-bauantrag-efa.yml'))).json<Report>()
    expect(again).toMatchObject({ outcome: 'unchanged', release: { outcome: 'unchanged' } })
    const changed = fixture('v0.4-bauantrag-efa.yml').replace('Digitaler Bauantrag mit', 'Digitaler Bauantrag samt')
    const update = await importFile(app.get(), token, JSON.stringify({ text: changed }), { contentType: 'application/json' })
    expect(update.statusCode).toBe(200)
    const updated = update.json<Report>()
    expect(updated.outcome).toBe('updated')
    expect(updated.fields.filter(f => f.change === 'changed').map(f => f.field)).toEqual(['summary'])
  })

  it('keeps the publisher\'s own tags and stored values the file does not mention', async () => {
    const token = await vendorToken('rathaus-opensource')
    await importFile(app.get(), token, fixture('v0.3-case-management.yml'))
    await context.database.db.execute(sql`UPDATE apps SET tags = tags || ARRAY['Aktenführung'], search_terms = ARRAY['E-Akte'] WHERE slug = 'opencase'`)
    const withoutCategories = fixture('v0.3-case-management.yml').replace(/categories:\n(?: {2}- .*\n)+/, '')
    const report = (await importFile(app.get(), token, withoutCategories)).json<Report>()
    expect(report.outcome).toBe('unchanged')
    const fewer = fixture('v0.3-case-management.yml').replace('  - workflow-management\n', '')
    expect((await importFile(app.get(), token, fewer)).json<Report>().outcome).toBe('updated')
    const [row] = await selectRows<{ tags: string[], search_terms: string[] }>(context.database.db, sql`SELECT tags, search_terms FROM apps WHERE slug = 'opencase'`)
    expect([...row!.tags].sort()).toEqual(['Aktenführung', 'case-management', 'document-management'])
    expect(row!.search_terms).toEqual(['E-Akte'])
  })

  it('answers 422 with every problem and its line, and writes nothing', async () => {
    const before = await appCount()
    const text = fixture('mistakes.yml')
    const response = await importFile(app.get(), await vendorToken('civitas-code'), text)
    expect(response.statusCode).toBe(422)
    expect(response.headers['content-type']).toContain('application/problem+json')
    const problem = response.json()
    expect(problem.errors).toHaveLength(8)
    expect(problem.errors).toContainEqual({ pointer: '/legal/license', path: 'legal.license', line: lineOf(text, 'license: GPL'), column: 3, code: 'licenseInvalid', params: { value: 'GPL' }, message: expect.stringMatching(/"GPL" is not a valid SPDX expression/) })
    expect(problem.errors).toContainEqual(expect.objectContaining({ pointer: '/maintenance/contractors/0/until', line: lineOf(text, 'until: end of 2026') }))
    expect(problem.detail).toContain(`legal.license (line ${lineOf(text, 'license: GPL')}): "GPL" is not a valid SPDX expression`)
    const misspelled = await importFile(app.get(), await vendorToken('civitas-code'), fixture('misspelled-keys.yml'))
    expect(misspelled.statusCode).toBe(422)
    expect(misspelled.json().warnings.map((w: { path: string }) => w.path)).toEqual(expect.arrayContaining(['plattforms', 'legal.licence']))
    expect(await appCount()).toBe(before)
  })

  it('answers a clear 4xx, never a 5xx, for files that are not YAML, not publiccode.yml, too large or of another type', async () => {
    const token = await vendorToken('civitas-code')
    const notYaml = await importFile(app.get(), token, fixture('not-yaml.yml'))
    expect(notYaml.statusCode).toBe(422)
    expect(notYaml.json().detail).toMatch(/^The file is not valid YAML: file \(line \d+\)/)
    const compose = await importFile(app.get(), token, fixture('docker-compose.yml'))
    expect(compose.statusCode).toBe(422)
    expect(compose.json().detail).toMatch(/not a publiccode\.yml/)
    const huge = `${fixture('v0.4-afvalkalender.yml')}\n# ${'x'.repeat(300 * 1024)}\n`
    const tooLarge = await importFile(app.get(), token, huge)
    expect(tooLarge.statusCode).toBe(413)
    expect(tooLarge.json().detail).toMatch(/limit of 2\d\d KiB/)
    const jsonTooLarge = await importFile(app.get(), token, JSON.stringify({ text: huge }), { contentType: 'application/json' })
    expect(jsonTooLarge.statusCode).toBe(413)
    expect((await importFile(app.get(), token, '<xml/>', { contentType: 'application/xml' })).statusCode).toBe(415)
    expect((await importFile(app.get(), token, '', {})).statusCode).toBe(400)
    expect((await importFile(app.get(), token, '[1, 2]', {})).statusCode).toBe(422)
    expect((await importFile(app.get(), token, 'a: &a [*a, *a]\nb: *a', {})).statusCode).toBe(422)
    // Nesting deep enough to exhaust the parser's stack is a syntax problem, reported briefly.
    const deep = await importFile(app.get(), token, '['.repeat(100_000), {})
    expect(deep.statusCode).toBe(422)
    expect(deep.json().errors.length).toBeLessThanOrEqual(20)
  })

  it('imports only for the caller\'s organization: another organization\'s repository is a 409', async () => {
    const [other] = await selectRows<{ repository_url: string, summary: string, owner: string }>(context.database.db, sql`
      SELECT a.repository_url, a.summary, o.slug AS owner FROM apps a JOIN organizations o ON o.id = a.owner_organization_id WHERE a.slug = 'hundesteuer-fiffi'`)
    expect(other!.owner).not.toBe('elbe-digital')
    // The same repository written differently: upper case, ".git", trailing slash.
    const hijack = fixture('v0.4-afvalkalender.yml').replace('https://gitlab.gemeente.example/afvalkalender', `${other!.repository_url.toUpperCase().replace('HTTPS', 'https')}.git/`)
    const response = await importFile(app.get(), await vendorToken('elbe-digital'), hijack)
    expect(response.statusCode).toBe(409)
    const [after] = await selectRows<{ summary: string }>(context.database.db, sql`SELECT summary FROM apps WHERE slug = 'hundesteuer-fiffi'`)
    expect(after!.summary).toBe(other!.summary)
    const municipality = await devToken(app.get(), { organization: '05315000', role: 'municipality_admin' })
    expect((await importFile(app.get(), municipality, fixture('v0.4-afvalkalender.yml'))).statusCode).toBe(403)
    expect((await app.get().inject({ method: 'POST', url: '/api/v1/imports/publiccode', headers: { 'content-type': 'application/yaml' }, payload: 'name: x' })).statusCode).toBe(401)
  })

  it('downloads a file the publisher points at, following redirects, and refuses what it cannot use', async () => {
    const server = createServer((request, response) => {
      if (request.url === '/raw/publiccode.yml')
        return response.writeHead(200, { 'content-type': 'text/plain' }).end(fixture('v0.4-afvalkalender.yml'))
      if (request.url === '/blob/publiccode.yml')
        return response.writeHead(302, { location: '/raw/publiccode.yml' }).end()
      if (request.url === '/huge')
        return response.writeHead(200).end('#'.repeat(300 * 1024))
      response.writeHead(404).end()
    })
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      const token = await vendorToken('elbe-digital')
      const pointAt = (url: string) => importFile(app.get(), token, JSON.stringify({ url }), { dryRun: true, contentType: 'application/json' })
      const report = await pointAt(`${base}/blob/publiccode.yml`)
      expect(report.statusCode).toBe(200)
      expect(report.json<Report>().app.name).toBe('Afvalkalender')
      const missing = await pointAt(`${base}/nothing`)
      expect(missing.statusCode).toBe(422)
      expect(missing.json().detail).toMatch(/answered with HTTP 404/)
      expect((await pointAt(`${base}/huge`)).statusCode).toBe(413)
      expect((await pointAt('not a url')).statusCode).toBe(400)
    }
    finally {
      server.close()
    }
  })

  it('lets the console set what publiccode.yml describes, so apps made there export as a complete file', async () => {
    const token = await vendorToken('offene-verwaltung-eg')
    const headers = { authorization: `Bearer ${token}` }
    const profile = {
      features: ['Grabstellen suchen', 'Nutzungsrechte verlängern'],
      platforms: ['web'],
      developmentStatus: 'stable',
      softwareType: 'standalone/web',
      maintenance: { type: 'internal', contacts: [{ name: 'Team Friedhof', email: 'friedhof@offene-verwaltung.example' }], contractors: [] },
      availableLanguages: ['de'],
      localisationReady: false,
      leikaIds: ['99107005000000'],
    }
    const created = await app.get().inject({ method: 'POST', url: '/api/v1/apps', headers, payload: {
      slug: 'friedhofsportal', name: 'Friedhofsportal', summary: 'Grabstellen und Nutzungsrechte online verwalten.', themenfelder: ['cross_cutting'],
      license: 'EUPL-1.2', deploymentModels: ['self_hosted'], repositoryUrl: 'https://git.offene-verwaltung.example/friedhofsportal', ...profile,
    } })
    expect(created.statusCode).toBe(201)
    expect(created.json()).toMatchObject(profile)
    const contractorsWithoutContract = await app.get().inject({ method: 'PATCH', url: '/api/v1/apps/friedhofsportal', headers: { ...headers, 'if-match': created.headers.etag as string }, payload: {
      maintenance: { type: 'internal', contacts: [], contractors: [{ name: 'Wartung GmbH', until: '2030-12-31' }] },
    } })
    expect(contractorsWithoutContract.statusCode).toBe(422)
    const badLeika = await app.get().inject({ method: 'PATCH', url: '/api/v1/apps/friedhofsportal', headers: { ...headers, 'if-match': created.headers.etag as string }, payload: { leikaIds: ['123'] } })
    expect(badLeika.statusCode).toBe(400)

    const stored = created.json()
    const text = writePubliccode({ ...stored, description: 'Das Friedhofsportal verwaltet Grabstellen, Nutzungsrechte, Bestattungen und Gebühren einer Kommune. Angehörige verlängern Nutzungsrechte online; die Verwaltung plant Bestattungen im Kalender.', tags: [], basisdienste: [], themenfelder: ['cross_cutting'], declaredUsers: [], complianceClaims: [], owner: { name: 'Offene Verwaltung eG', website: null }, latestRelease: null, usedBy: [] })
    const read = readPubliccode(text)
    expect(read.kind === 'publiccode' && [read.problems, read.warnings]).toEqual([[], []])
  })

  it('exports every public demo app as a valid publiccode.yml that imports back without any change', async () => {
    const publicApps = await selectRows<{ slug: string, owner: string, revision: number, updated_at: string }>(context.database.db, sql`
      SELECT a.slug, o.slug AS owner, a.revision, a.updated_at::text AS updated_at FROM apps a JOIN organizations o ON o.id = a.owner_organization_id
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE ORDER BY a.slug`)
    expect(publicApps.length).toBeGreaterThan(40)
    for (const row of publicApps) {
      const exported = await app.get().inject({ url: `/api/v1/apps/${row.slug}/publiccode.yml` })
      expect(exported.statusCode).toBe(200)
      expect(exported.headers['content-type']).toBe('application/yaml; charset=utf-8')
      const read = readPubliccode(exported.body)
      expect(read.kind === 'publiccode' && [read.problems, read.warnings]).toEqual([[], []])
      const report = (await importFile(app.get(), await vendorToken(row.owner), exported.body)).json<Report>()
      expect({ slug: row.slug, outcome: report.outcome, release: report.release?.outcome, changed: report.fields.filter(f => f.change !== 'unchanged') })
        .toEqual({ slug: row.slug, outcome: 'unchanged', release: 'unchanged', changed: [] })
    }
    const after = await selectRows<{ slug: string, revision: number, updated_at: string }>(context.database.db, sql`
      SELECT slug, revision, updated_at::text AS updated_at FROM apps WHERE status = 'certified' AND certified_until >= CURRENT_DATE ORDER BY slug`)
    expect(after).toEqual(publicApps.map(({ owner: _owner, ...rest }) => rest))
  })

  it('exports consented adopters as usedBy, with the German section and maintenance', async () => {
    const [hidden] = await selectRows<{ name: string }>(context.database.db, sql`
      UPDATE organizations SET listed_publicly = false WHERE id = (
        SELECT s.organization_id FROM subscriptions s JOIN apps a ON a.id = s.app_id WHERE a.slug = 'bauantrag-online' AND s.status = 'active' ORDER BY s.organization_id LIMIT 1)
      RETURNING name`)
    const body = (await app.get().inject({ url: '/api/v1/apps/bauantrag-online/publiccode.yml' })).body
    const read = readPubliccode(body)
    if (read.kind !== 'publiccode')
      throw new Error(read.kind)
    const [{ n }] = await selectRows<{ n: number }>(context.database.db, sql`
      SELECT count(*)::int AS n FROM subscriptions s JOIN apps a ON a.id = s.app_id JOIN organizations o ON o.id = s.organization_id
      WHERE a.slug = 'bauantrag-online' AND s.status = 'active' AND o.listed_publicly`)
    expect(read.app.usedBy).toHaveLength(n)
    expect(read.app.usedBy).not.toContain(hidden!.name)
    expect(read.app.themenfelder).toEqual(['building_housing'])
    expect(read.app.basisdienste).toEqual(['bund_id', 'epaybl', 'fit_connect'])
    expect(read.app.maintenance?.contractors[0]?.name).toBe('Landesbetrieb IT Mitte')
    expect(body).toMatch(/^publiccodeYmlVersion: "0\.5"$/m)
    expect(body).toMatch(/^organisation:\n {2}name: Amtsgrün Software GmbH\n {2}uri: https:\/\/amtsgruen\.example$/m)
    expect((await app.get().inject({ url: '/api/v1/apps/bauportal-mittelland/publiccode.yml' })).statusCode).toBe(404)
  })
})
