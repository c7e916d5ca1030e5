import { describe, expect, it } from 'vitest'
import { activeFilterCount, parseCatalogQuery, toApiQuery, toLocationQuery } from './catalog-query.ts'

describe('catalog query in the URL', () => {
  it('round-trips search, repeated filters, sort and paging through the URL', () => {
    const location = { q: 'kita', themenfeld: ['family_children', 'education'], land: '03', sort: 'name', cursor: 'abc', page: '3' }
    const query = parseCatalogQuery(location)
    expect(query).toMatchObject({ q: 'kita', sort: 'name', cursor: 'abc', page: 3 })
    expect(query.filters.themenfeld).toEqual(['family_children', 'education'])
    expect(query.filters.land).toEqual(['03'])
    expect(activeFilterCount(query)).toBe(3)
    expect(toLocationQuery(query)).toEqual({ q: 'kita', themenfeld: ['family_children', 'education'], land: ['03'], sort: 'name', cursor: 'abc', page: '3' })
  })

  it('ignores unknown sorts and bad page numbers instead of breaking the page', () => {
    const query = parseCatalogQuery({ sort: 'zufall', page: '-2' })
    expect(query.sort).toBeUndefined()
    expect(query.page).toBe(1)
    expect(toLocationQuery(query)).toEqual({})
  })

  it('sends only what is set to the API, with the page size', () => {
    const query = parseCatalogQuery({ q: '  bauantrag  ', deployment: ['saas'] })
    expect(toApiQuery(query)).toEqual({ limit: 20, q: 'bauantrag', deployment: ['saas'] })
  })
})
