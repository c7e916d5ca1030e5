import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

describeEachDb('search that understands how municipal staff write', (context) => {
  const app = useApp(context)
  const search = async (q: string, extra = '') => (await app.get().inject({ url: `/api/v1/apps?q=${encodeURIComponent(q)}${extra}` })).json()
  const slugs = async (q: string) => (await search(q)).items.map((item: { slug: string }) => item.slug)
  const asAdmin = async () => {
    const token = await devToken(app.get(), { persona: 'platform-admin' })
    return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => app.get().inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } })
  }

  it('comes with a curated synonym table of the municipal domain', async () => {
    const [{ groups, pairs }] = await selectRows<{ groups: number, pairs: number }>(context.database.db, sql`
      SELECT count(*)::int AS groups, sum(cardinality(terms) * (cardinality(terms) - 1) / 2)::int AS pairs FROM search_synonyms`)
    expect(groups).toBeGreaterThanOrEqual(200)
    expect(pairs).toBeGreaterThanOrEqual(300)
    for (const [a, b] of [['angelschein', 'fischereischein'], ['gewerbeschein', 'gewerbeanmeldung'], ['sitzungsdienst', 'ratsinformationssystem'], ['mullabfuhr', 'abfallkalender']]) {
      const together = await selectRows<{ id: string }>(context.database.db, sql`SELECT id FROM search_synonyms WHERE ${a} = ANY(terms) AND ${b} = ANY(terms)`)
      expect(together, `${a} ↔ ${b}`).toHaveLength(1)
    }
  })

  it('finds apps by colloquial words through the synonym table, and says which it used', async () => {
    const result = await search('knöllchen')
    expect(result.items[0].slug).toBe('owi-verwarngeld')
    expect(result.expansions).toContain('verwarngeld')
    expect((await slugs('ehe anmelden'))[0]).toBe('eheschliessung-termin')
  })

  it('matches compounds by their parts in both directions, hyphens, gender forms and transliterated umlauts', async () => {
    expect((await slugs('steuer für hunde'))[0]).toBe('hundesteuer-fiffi')
    expect((await slugs('hundesteuerbescheid'))[0]).toBe('hundesteuer-fiffi')
    expect((await slugs('parkausweis für anwohner'))[0]).toBe('anwohnerparken')
    expect((await slugs('eakte'))[0]).toBe('e-akte')
    expect((await slugs('wahlhelfer:innen'))[0]).toBe('wahlhelfer-verwaltung')
    expect((await slugs('WahlhelferInnen'))[0]).toBe('wahlhelfer-verwaltung')
    expect((await slugs('muellabfuhr'))[0]).toBe('abfallkalender')
  })

  it('offers "Meinten Sie …?" for typos, and the closest apps and Themenfelder instead of an empty page', async () => {
    const typo = await search('wohngled')
    expect(typo.didYouMean).toBe('wohngeld')
    expect(typo.items[0].slug).toBe('wohngeld-digital')
    const nothing = await search('raumfahrtbehörde')
    expect(nothing.total).toBe(0)
    expect(nothing.fallback).not.toBeNull()
    expect(nothing.fallback.apps.length + nothing.fallback.themenfelder.length).toBeGreaterThan(0)
    expect((await search('kita')).fallback).toBeNull()
  })

  it('ranks an exact name first and explains the ranking only to reviewers and platform admins', async () => {
    expect((await app.get().inject({ url: '/api/v1/apps?q=fiffi&explain=true' })).statusCode).toBe(401)
    const member = await devToken(app.get(), { persona: 'municipality-admin' })
    expect((await app.get().inject({ url: '/api/v1/apps?q=fiffi&explain=true', headers: { authorization: `Bearer ${member}` } })).statusCode).toBe(403)
    const reviewer = await devToken(app.get(), { persona: 'reviewer' })
    const explained = (await app.get().inject({ url: '/api/v1/apps?q=fiffi&explain=true', headers: { authorization: `Bearer ${reviewer}` } })).json()
    expect(explained.items[0]).toMatchObject({ slug: 'hundesteuer-fiffi', explain: { exactName: 100, matched: ['fiffi'] } })
    expect(explained.items[0].explain.score).toBeGreaterThan(100)
    expect((await search('fiffi')).items[0].explain).toBeUndefined()
  })

  it('ranks name over search terms and tags over summary over description, and the more adopted first among equals', async () => {
    // One word put into a different field of each app: name, tags, the summary of two, the description.
    const fields = [['fundbuero', 'name'], ['abfallkalender', 'tags'], ['e-akte', 'summary'], ['wohngeld-digital', 'summary'], ['anwohnerparken', 'description']] as const
    const before = await selectRows<{ slug: string, name: string, summary: string, description: string, adoption_count: number }>(context.database.db, sql`
      SELECT slug, name, summary, description, adoption_count FROM apps WHERE slug IN ('fundbuero', 'abfallkalender', 'e-akte', 'wohngeld-digital', 'anwohnerparken')`)
    const update = (slug: string, field: string) => field === 'tags'
      ? sql`UPDATE apps SET tags = tags || ARRAY['Zettelkasten'] WHERE slug = ${slug}`
      : sql`UPDATE apps SET ${sql.identifier(field)} = ${sql.identifier(field)} || ' Zettelkasten' WHERE slug = ${slug}`
    try {
      for (const [slug, field] of fields)
        await context.database.db.execute(update(slug, field))
      const reviewer = await devToken(app.get(), { persona: 'reviewer' })
      const result = (await app.get().inject({ url: '/api/v1/apps?q=zettelkasten&explain=true', headers: { authorization: `Bearer ${reviewer}` } })).json()
      const adoption = (slug: string) => before.find(app_ => app_.slug === slug)!.adoption_count
      const bySummary = ['e-akte', 'wohngeld-digital'].sort((a, b) => adoption(b) - adoption(a))
      expect(adoption(bySummary[0])).toBeGreaterThan(adoption(bySummary[1]))
      expect(result.items.map((item: { slug: string }) => item.slug)).toEqual(['fundbuero', 'abfallkalender', ...bySummary, 'anwohnerparken'])
      // Each app scores for its own field, and the fields weigh in that order.
      const fieldPoints = (slug: string, part: string) => result.items.find((item: { slug: string }) => item.slug === slug).explain[part]
      const points = [fieldPoints('fundbuero', 'name'), fieldPoints('abfallkalender', 'termsAndTags'), fieldPoints('e-akte', 'summary'), fieldPoints('anwohnerparken', 'description')]
      expect(points.every((value, i) => value > (points[i + 1] ?? 0))).toBe(true)
      const [first, second] = bySummary.map(slug => result.items.find((item: { slug: string }) => item.slug === slug).explain)
      // Equally relevant: only adoption tells them apart (both are certified and maintained).
      expect({ ...first, adoption: 0, score: 0 }).toEqual({ ...second, adoption: 0, score: 0 })
      expect(first.adoption).toBeGreaterThan(second.adoption)
      expect(first.maintained).toBeGreaterThan(0)
    }
    finally {
      for (const row of before) {
        await context.database.db.execute(sql`
          UPDATE apps SET name = ${row.name}, tags = array_remove(tags, 'Zettelkasten'), summary = ${row.summary}, description = ${row.description} WHERE slug = ${row.slug}`)
      }
    }
    expect((await search('zettelkasten')).total).toBe(0)
  })

  it('suggests app names, terms and Themenfelder while typing', async () => {
    const response = await app.get().inject({ url: '/api/v1/search/suggest?q=hund' })
    expect(response.statusCode).toBe(200)
    const suggestions = response.json() as { kind: string, text: string, slug?: string }[]
    expect(suggestions.some(s => s.kind === 'term' && s.text.toLowerCase().startsWith('hund'))).toBe(true)
    expect((await app.get().inject({ url: '/api/v1/search/suggest?q=fif' })).json()[0]).toMatchObject({ kind: 'app', text: 'Fiffi', slug: 'hundesteuer-fiffi' })
    expect((await app.get().inject({ url: '/api/v1/search/suggest?q=' })).statusCode).toBe(400)
  })

  it('logs searches anonymously, counts clicks, and shows zero-result searches to platform admins', async () => {
    const first = await app.get().inject({ url: '/api/v1/apps?q=schwebebahn' })
    const searchId = first.headers['search-id'] as string
    expect(searchId).toMatch(/^[0-9a-f-]{36}$/)
    const hit = await app.get().inject({ url: '/api/v1/apps?q=fundbüro' })
    const click = await app.get().inject({ method: 'POST', url: '/api/v1/search/clicks', payload: { searchId: hit.headers['search-id'], app: 'fundbuero', position: 1 } })
    expect(click.statusCode).toBe(204)
    expect((await app.get().inject({ method: 'POST', url: '/api/v1/search/clicks', payload: { searchId: '00000000-0000-4000-8000-000000000000', app: 'fundbuero', position: 1 } })).statusCode).toBe(404)

    await app.get().inject({ url: '/api/v1/apps?q=elterngeld' })

    const admin = await asAdmin()
    const analytics = (await admin('GET', '/api/v1/search/analytics?days=7')).json()
    expect(analytics.zeroResults.map((q: { query: string }) => q.query)).toContain('schwebebahn')
    expect(analytics.top.find((q: { query: string }) => q.query === 'fundburo')).toMatchObject({ clickRate: 1 })
    // Results that nobody opened are a gap too; a clicked search is not one.
    const unclicked = analytics.noClicks.map((q: { query: string }) => q.query)
    expect(unclicked).toContain('elterngeld')
    expect(unclicked).not.toContain('fundburo')
    const columns = await selectRows<{ column_name: string }>(context.database.db, sql`SELECT column_name FROM information_schema.columns WHERE table_name = 'search_queries'`)
    expect(columns.map(c => c.column_name).sort()).toEqual(['created_at', 'id', 'query', 'results'])
  })

  it('turns a zero-result search into a synonym that works at once, and audits it', async () => {
    expect((await search('schwebebahn')).total).toBe(0)
    const admin = await asAdmin()
    expect((await admin('POST', '/api/v1/search/synonyms', { terms: ['Schwebebahn', 'schwebebahn'] })).statusCode).toBe(422)
    const created = await admin('POST', '/api/v1/search/synonyms', { terms: ['Schwebebahn', 'Schülerticket', 'Fahrkarte'] })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json().terms).toEqual(['schwebebahn', 'schulerticket', 'fahrkarte'])
    const updated = await admin('PUT', `/api/v1/search/synonyms/${created.json().id}`, { terms: ['Schwebebahn', 'Fundsache'] })
    expect(updated.statusCode).toBe(200)
    expect((await slugs('schwebebahn'))[0]).toBe('fundbuero')
    const audit = await selectRows<{ action: string }>(context.database.db, sql`SELECT action FROM audit_events WHERE entity_id = ${created.json().id} ORDER BY id`)
    expect(audit.map(a => a.action)).toEqual(['synonym.created', 'synonym.updated'])
    expect((await admin('DELETE', `/api/v1/search/synonyms/${created.json().id}`)).statusCode).toBe(204)
    expect((await search('schwebebahn')).total).toBe(0)
  })

  it('lets a vendor give an app search terms that the text lacks', async () => {
    const [app_] = await selectRows<{ slug: string, owner: string, revision: number }>(context.database.db, sql`
      SELECT a.slug, o.slug AS owner, a.revision FROM apps a JOIN organizations o ON o.id = a.owner_organization_id WHERE a.slug = 'fundbuero'`)
    const token = await devToken(app.get(), { organization: app_.owner, role: 'vendor_publisher' })
    const response = await app.get().inject({ method: 'PATCH', url: `/api/v1/apps/${app_.slug}`, payload: { searchTerms: ['Lost and found', 'Verlorenes'] }, headers: { 'authorization': `Bearer ${token}`, 'if-match': `"r${app_.revision}"` } })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().searchTerms).toEqual(['Lost and found', 'Verlorenes'])
    expect((await slugs('verlorenes'))[0]).toBe('fundbuero')
  })
})
