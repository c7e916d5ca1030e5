import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'

describeEachDb('taxonomy and stats', (context) => {
  const app = useApp(context)
  const get = async (url: string) => {
    const response = await app.get().inject({ method: 'GET', url })
    expect(response.statusCode, url).toBe(200)
    return response.json()
  }

  it('lists the 14 OZG Themenfelder plus internal services in order', async () => {
    const themenfelder = await get('/api/v1/themenfelder')
    expect(themenfelder).toHaveLength(15)
    expect(themenfelder[0]).toEqual({ id: 'work_retirement', nameDe: 'Arbeit & Ruhestand', nameEn: 'Work & retirement' })
    expect(themenfelder.at(-1).nameDe).toBe('Verwaltungsinterne Dienste')
  })

  it('lists the 16 Länder whose populations add up to the Zensus 2022 total', async () => {
    const lands = await get('/api/v1/lands')
    expect(lands).toHaveLength(16)
    expect(lands.find((l: { code: string }) => l.code === '05')).toEqual({ code: '05', name: 'Nordrhein-Westfalen', population: 17_890_489 })
    expect(lands.reduce((sum: number, l: { population: number }) => sum + l.population, 0)).toBe(82_711_282)
  })

  it('lists attestation kinds, deployment models and Basisdienste with German labels', async () => {
    expect((await get('/api/v1/attestation-kinds')).map((k: { id: string }) => k.id)).toEqual(
      ['oss_license', 'bsi_grundschutz', 'bsi_c5', 'pentest', 'dsgvo_dsfa', 'dsgvo_avv', 'bitv', 'ozg_reifegrad', 'xoev'],
    )
    expect(await get('/api/v1/deployment-models')).toContainEqual({ id: 'efa_service', label: 'EfA-Dienst (Betrieb für alle)' })
    expect(await get('/api/v1/basisdienste')).toContainEqual({ id: 'bund_id', label: 'BundID / Nutzerkonto Bund' })
  })

  it('gives home-page figures consistent with the catalogue', async () => {
    const stats = await get('/api/v1/stats')
    const catalogue = await get('/api/v1/apps?limit=100')
    expect(stats.apps).toBe(catalogue.total)
    expect(stats.adoptions).toBe(catalogue.items.reduce((sum: number, i: { adoptionCount: number }) => sum + i.adoptionCount, 0))
    expect(stats.landsWithAdopters).toBe(16)
    expect(stats.themenfelder).toHaveLength(15)
    for (const { value, count } of stats.themenfelder)
      expect(count, value).toBe(catalogue.facets.themenfeld.find((f: { value: string }) => f.value === value)?.count ?? 0)
  })
})
