import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

describeEachDb('organization directory and profiles', (context) => {
  const app = useApp(context)
  const get = (url: string) => app.get().inject({ method: 'GET', url })

  it('filters by kind and Land and pages with a cursor, without overlap', async () => {
    const first = (await get('/api/v1/organizations?kind=municipality&land=01&limit=3')).json()
    expect(first.items).toHaveLength(3)
    expect(first.items.every((o: { kind: string, landCode: string }) => o.kind === 'municipality' && o.landCode === '01')).toBe(true)
    const second = (await get(`/api/v1/organizations?kind=municipality&land=01&limit=3&cursor=${first.nextCursor}`)).json()
    const names = [...first.items, ...second.items].map((o: { slug: string }) => o.slug)
    expect(new Set(names).size).toBe(names.length)
    expect([...names].sort((a, b) => a.localeCompare(b))).toHaveLength(6)
    expect((await get('/api/v1/organizations?cursor=bm9wZQ')).statusCode).toBe(400)
    expect((await get('/api/v1/organizations?kind=king')).statusCode).toBe(400)
  })

  it('finds by part of the name, ignoring case and accents, with wildcards taken literally', async () => {
    const found = (await get('/api/v1/organizations?q=MUNCHEN')).json().items.map((o: { name: string }) => o.name)
    expect(found.some((name: string) => name.includes('München'))).toBe(true)
    expect((await get('/api/v1/organizations?q=%25')).json().items).toHaveLength(0)
  })

  it('shows a consortium with its members and the apps it offers', async () => {
    const profile = (await get('/api/v1/organizations/vfa-ratsarbeit')).json()
    expect(profile.kind).toBe('consortium')
    expect(profile.members.length).toBe(4)
    expect((await get('/api/v1/organizations/does-not-exist')).statusCode).toBe(404)
  })

  it('lets a municipality stop being named as an adopter; counts still include it', async () => {
    const [used] = await selectRows<{ slug: string, org: string, ags: string }>(context.database.db, sql`
      SELECT a.slug, o.slug AS org, o.ags FROM subscriptions s JOIN apps a ON a.id = s.app_id JOIN organizations o ON o.id = s.organization_id
      WHERE s.status = 'active' AND a.status = 'certified' AND a.certified_until >= CURRENT_DATE AND o.kind = 'municipality' AND o.listed_publicly
      ORDER BY o.ags, a.slug LIMIT 1`)
    const before = (await get(`/api/v1/apps/${used.slug}/adoption`)).json()
    expect((await get(`/api/v1/organizations/${used.org}`)).json().appsUsed.map((a: { slug: string }) => a.slug)).toContain(used.slug)

    const token = await devToken(app.get(), { organization: used.ags, role: 'municipality_admin' })
    const patch = (payload: object, bearer = token) => app.get().inject({ method: 'PATCH', url: '/api/v1/organizations/me', payload, headers: { authorization: `Bearer ${bearer}` } })
    expect((await patch({ listedPublicly: 'no' })).statusCode).toBe(400)
    const response = await patch({ listedPublicly: false })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ listedPublicly: false, appsUsed: [] })

    const after = (await get(`/api/v1/apps/${used.slug}/adoption`)).json()
    expect(after.total).toBe(before.total)
    expect(after.adopters.length).toBe(before.adopters.length - 1)
    const vendor = await devToken(app.get(), { persona: 'vendor-publisher' })
    expect((await patch({ listedPublicly: true }, vendor)).statusCode).toBe(403)
    expect((await app.get().inject({ method: 'PATCH', url: '/api/v1/organizations/me', payload: { listedPublicly: true } })).statusCode).toBe(401)
    expect((await patch({ listedPublicly: true })).json().listedPublicly).toBe(true)
  })
})
