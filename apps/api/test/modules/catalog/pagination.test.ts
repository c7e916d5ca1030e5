import type { AppList } from '../../../src/modules/catalog/schemas.ts'
import { expect, it } from 'vitest'
import { sortValues } from '../../../src/modules/catalog/schemas.ts'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'
import { searchApps } from './helpers.ts'

describeEachDb('catalog pagination', (context) => {
  const app = useApp(context)

  async function walk(query: Record<string, string | number>): Promise<{ slugs: string[], total: number, pages: number }> {
    const slugs: string[] = []
    let cursor: string | null = null
    let pages = 0
    let total = 0
    do {
      const page: AppList = await searchApps(app.get(), { ...query, ...(cursor ? { cursor } : {}) })
      slugs.push(...page.items.map(item => item.slug))
      total = page.total
      cursor = page.nextCursor
      pages++
    } while (cursor && pages < 100)
    return { slugs, total, pages }
  }

  for (const sort of sortValues) {
    it(`walking all pages sorted by ${sort} returns every match exactly once`, async () => {
      const { slugs, total, pages } = await walk({ sort, limit: 7 })
      expect(total).toBeGreaterThan(50)
      expect(pages).toBe(Math.ceil(total / 7))
      expect(new Set(slugs).size).toBe(slugs.length)
      expect(slugs.length).toBe(total)
    })
  }

  it('pages through search results by relevance without gaps or repeats', async () => {
    const all = await searchApps(app.get(), { q: 'online', limit: 100 })
    const { slugs } = await walk({ q: 'online', limit: 2 })
    expect(slugs).toEqual(all.items.map(item => item.slug))
  })

  for (const sort of sortValues) {
    it(`pages through a text search sorted by ${sort} in the order of one long page`, async () => {
      const all = await searchApps(app.get(), { q: 'online', sort, limit: 100 })
      expect(all.total).toBeGreaterThan(5)
      const { slugs } = await walk({ q: 'online', sort, limit: 2 })
      expect(slugs).toEqual(all.items.map(item => item.slug))
      if (sort === 'adoptions') {
        const counts = all.items.map(item => item.adoptionCount)
        expect(counts).toEqual([...counts].sort((a, b) => b - a))
      }
    })
  }

  it('orders by name case- and accent-insensitively', async () => {
    const { slugs } = await walk({ sort: 'name', limit: 100 })
    const all = await searchApps(app.get(), { sort: 'name', limit: 100 })
    expect(slugs).toEqual(all.items.map(i => i.slug))
    const fold = (s: string) => s.normalize('NFKD').replace(/[\u0300-\u036F]/g, '').toLowerCase()
    const folded = all.items.map(i => fold(i.name))
    expect(folded).toEqual([...folded].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
  })

  it('returns no cursor on the last page', async () => {
    const page = await searchApps(app.get(), { limit: 100 })
    expect(page.nextCursor).toBeNull()
    expect(page.items.length).toBe(page.total)
  })
})
