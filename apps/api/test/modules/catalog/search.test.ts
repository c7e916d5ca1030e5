import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'
import { searchApps } from './helpers.ts'

describeEachDb('catalog search', (context) => {
  const app = useApp(context)
  const names = async (q: string) => (await searchApps(app.get(), { q, limit: 10 })).items.map(item => item.name)

  it('folds umlauts: "gebuhren" finds apps mentioning Gebühren', async () => {
    const result = await searchApps(app.get(), { q: 'gebuhren' })
    expect(result.total).toBeGreaterThan(0)
    expect(result.items.map(i => i.slug)).toContain('sondernutzung-strasse')
  })

  it('folds ß: "strasse" finds "Straßenraum-Genehmigung"', async () => {
    expect(await names('strasse')).toContain('Straßenraum-Genehmigung')
  })

  it('tolerates typos: "hundesteur" finds the Hundesteuer app', async () => {
    expect((await names('hundesteur'))[0]).toBe('Fiffi')
  })

  it('matches parts of compounds: "steuer" finds Hundesteuer, Gewerbesteuer and Grundsteuer apps', async () => {
    expect(await names('steuer')).toEqual(expect.arrayContaining(['Fiffi', 'Gewerbesteuer-Portal', 'Grundsteuer Kommunal']))
  })

  it('matches the last word as a prefix while typing: "bauan" finds "Bauantrag Online"', async () => {
    expect(await names('bauan')).toContain('Bauantrag Online')
  })

  it('stems German: "kitaplätze" and "Kitaplatz" find the Kita app', async () => {
    expect(await names('Kitaplatz')).toContain('Kita-Navigator Nord')
    expect(await names('kitaplätze')).toContain('Kita-Navigator Nord')
  })

  it('ranks an exact name match first', async () => {
    expect((await names('Termino'))[0]).toBe('Termino')
    expect((await names('fundsache'))[0]).toBe('Fundsache')
  })

  it('requires every word to match: "bauantrag hundesteuer" finds nothing', async () => {
    const result = await searchApps(app.get(), { q: 'bauantrag hundesteuer' })
    expect(result.total).toBe(0)
    expect(result.items).toEqual([])
  })

  it('treats search syntax as plain text instead of failing', async () => {
    for (const q of ['!!!', 'a & b | c', '"kita', 'bau:*', '\'; DROP TABLE apps; --', '(((']) {
      const response = await app.get().inject({ method: 'GET', url: `/api/v1/apps?q=${encodeURIComponent(q)}` })
      expect(response.statusCode, q).toBe(200)
    }
  })

  it('sorts by adoptions when there is no search text', async () => {
    const browsing = await searchApps(app.get(), { limit: 100 })
    const counts = browsing.items.map(i => i.adoptionCount)
    expect(counts).toEqual([...counts].sort((a, b) => b - a))
  })
})
