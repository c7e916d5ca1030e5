import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'

describeEachDb('feeds for readers and other catalogues', (context) => {
  const app = useApp(context)

  it('publishes newly certified apps as an Atom feed with absolute links, escaped', async () => {
    const response = await app.get().inject({ url: '/api/v1/feeds/certified.atom', headers: { host: 'store.example' } })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/atom+xml')
    const xml = response.body
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/)
    expect((xml.match(/<entry>/g) ?? []).length).toBeGreaterThan(10)
    expect(xml).toContain('<link rel="alternate" type="text/html" href="http://store.example/apps/')
    expect(xml).not.toMatch(/&(?!amp;|lt;|gt;|quot;|apos;)/)
  })

  it('publishes each app\'s releases, newest first, and 404 for apps that are not public', async () => {
    const xml = (await app.get().inject({ url: '/api/v1/apps/hundesteuer-fiffi/releases.atom' })).body
    const versions = [...xml.matchAll(/<title>Fiffi ([\d.]+)<\/title>/g)].map(m => m[1])
    expect(versions.length).toBeGreaterThan(0)
    expect(versions).toEqual([...versions].sort((a, b) => b.localeCompare(a, 'en', { numeric: true })))
    expect((await app.get().inject({ url: '/api/v1/apps/vergnuegungsteuer/releases.atom' })).statusCode).toBe(404)
  })

  it('exports changes since a point in time, page by page, including apps that left the catalogue', async () => {
    const all: { slug: string, public: boolean, updatedAt: string }[] = []
    let cursor: string | null = null
    do {
      const page: { items: typeof all, nextCursor: string | null } = (await app.get().inject({ url: `/api/v1/catalog/export?limit=20${cursor ? `&cursor=${cursor}` : ''}` })).json()
      all.push(...page.items)
      cursor = page.nextCursor
    } while (cursor)
    const [{ n }] = await selectRows<{ n: number }>(context.database.db, sql`SELECT count(*)::int AS n FROM apps WHERE status NOT IN ('draft', 'in_review')`)
    expect(all).toHaveLength(n)
    expect(new Set(all.map(a => a.slug)).size).toBe(n)
    expect(all.some(a => !a.public)).toBe(true)
    // Mirrors get each public app's publiccode.yml by link.
    const exported = all.find(a => a.public) as unknown as { slug: string, publiccodeUrl: string }
    expect(exported.publiccodeUrl).toBe(`http://localhost:80/api/v1/apps/${exported.slug}/publiccode.yml`)
    expect(all.filter(a => !a.public).every(a => (a as unknown as { publiccodeUrl: unknown }).publiccodeUrl === null)).toBe(true)

    // Every change to an app sets updated_at (publishing, certification); here one changes now.
    const since = new Date(Date.now() - 1000).toISOString()
    await context.database.db.execute(sql`UPDATE apps SET summary = summary || ' ', updated_at = now() WHERE slug = 'fundbuero'`)
    const changed = (await app.get().inject({ url: `/api/v1/catalog/export?since=${since}` })).json()
    expect(changed.items.map((a: { slug: string }) => a.slug)).toContain('fundbuero')
    expect(changed.items.length).toBeLessThan(5)
    expect((await app.get().inject({ url: '/api/v1/catalog/export?since=yesterday' })).statusCode).toBe(400)
    expect((await app.get().inject({ url: '/api/v1/catalog/export?cursor=abc' })).statusCode).toBe(400)
  })
})
