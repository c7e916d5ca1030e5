import type { FacetName } from '../../../src/modules/catalog/schemas.ts'
import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { facetNames } from '../../../src/modules/catalog/schemas.ts'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'
import { searchApps } from './helpers.ts'

describeEachDb('catalog facets', (context) => {
  const app = useApp(context)

  it('every facet count equals the total of the search filtered by that value', async () => {
    const unfiltered = await searchApps(app.get(), {})
    for (const facet of facetNames) {
      expect(unfiltered.facets[facet].length, facet).toBeGreaterThan(0)
      for (const { value, count } of unfiltered.facets[facet]) {
        const filtered = await searchApps(app.get(), { [facet]: value })
        expect(filtered.total, `${facet}=${value}`).toBe(count)
      }
    }
  })

  it('counts on the search result: facet counts after q equal the filtered totals', async () => {
    const result = await searchApps(app.get(), { q: 'antrag' })
    expect(result.total).toBeGreaterThan(1)
    for (const { value, count } of result.facets.themenfeld) {
      const filtered = await searchApps(app.get(), { q: 'antrag', themenfeld: value })
      expect(filtered.total, value).toBe(count)
    }
  })

  it('leaves a facet\'s own filter out of its counts (drill-down) but applies the others', async () => {
    const all = await searchApps(app.get(), {})
    const filtered = await searchApps(app.get(), { themenfeld: 'taxes_customs', deployment: 'saas' })
    // Themenfeld counts ignore the Themenfeld filter, so other Themenfelder stay selectable …
    expect(filtered.facets.themenfeld.length).toBeGreaterThan(1)
    const saasOnly = await searchApps(app.get(), { deployment: 'saas' })
    expect(filtered.facets.themenfeld).toEqual(saasOnly.facets.themenfeld)
    // … while the deployment counts are those of the Themenfeld-filtered set.
    const taxesOnly = await searchApps(app.get(), { themenfeld: 'taxes_customs' })
    expect(filtered.facets.deployment).toEqual(taxesOnly.facets.deployment)
    expect(filtered.total).toBeLessThan(all.total)
  })

  it('ORs values within a facet and ANDs across facets', async () => {
    const tax = await searchApps(app.get(), { themenfeld: 'taxes_customs', limit: 100 })
    const environment = await searchApps(app.get(), { themenfeld: 'environment', limit: 100 })
    const either = await searchApps(app.get(), { themenfeld: ['taxes_customs', 'environment'], limit: 100 })
    const union = new Set([...tax.items, ...environment.items].map(i => i.slug))
    expect(either.total).toBe(union.size)

    const both = await searchApps(app.get(), { themenfeld: 'taxes_customs', basisdienst: 'epaybl', limit: 100 })
    expect(both.total).toBeGreaterThan(0)
    expect(both.total).toBeLessThan(tax.total)
    for (const item of both.items)
      expect(item.themenfelder).toContain('taxes_customs')
  })

  it('reflects a change in the database at once, although facet counts are cached', async () => {
    const before = await searchApps(app.get(), { license: 'MIT' })
    await searchApps(app.get(), { license: 'MIT' })
    await context.database.db.execute(sql`UPDATE apps SET license = 'MIT' WHERE slug = 'bauantrag-online'`)
    const after = await searchApps(app.get(), { license: 'MIT' })
    expect(after.total).toBe(before.total + 1)
    expect(after.facets.themenfeld.find(f => f.value === 'building_housing')?.count)
      .toBe((before.facets.themenfeld.find(f => f.value === 'building_housing')?.count ?? 0) + 1)
  })

  it('labels facet values in German', async () => {
    const result = await searchApps(app.get(), {})
    const label = (facet: FacetName, value: string) => result.facets[facet].find(f => f.value === value)?.label
    expect(label('themenfeld', 'taxes_customs')).toBe('Steuern & Zoll')
    expect(label('land', '09')).toBe('Bayern')
    expect(label('deployment', 'efa_service')).toBe('EfA-Dienst (Betrieb für alle)')
    expect(label('basisdienst', 'fit_connect')).toBe('FIT-Connect')
  })
})
