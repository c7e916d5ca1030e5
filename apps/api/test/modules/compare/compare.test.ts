import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'

describeEachDb('compare apps', (context) => {
  const app = useApp(context)
  const compare = (query: string) => app.get().inject({ url: `/api/v1/compare?${query}` })

  it('puts 2 to 4 apps side by side with every attestation kind and the differences', async () => {
    const response = await compare('apps=hundesteuer-fiffi,gewerbesteuer,grundsteuer-kommunal')
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body.apps.map((a: { slug: string }) => a.slug)).toEqual(['hundesteuer-fiffi', 'gewerbesteuer', 'grundsteuer-kommunal'])
    expect(body.apps[0].attestations).toHaveLength(9)
    expect(body.apps[0].attestations.find((a: { kind: string }) => a.kind === 'oss_license')).toMatchObject({ required: true })
    expect(body.differences).toContain('adoption.total')
    expect(body.viewer).toBeNull()
    expect(body.apps[0].adoption.inLand).toBeNull()
  })

  it('answers from the viewpoint of a public body: its Land, size class and cost share', async () => {
    const body = (await compare('apps=geburtsurkunde-online,eheschliessung-termin&organization=kiel')).json()
    expect(body.viewer).toMatchObject({ slug: 'kiel', landCode: '01', sizeClass: { label: '100.000 und mehr' } })
    for (const compared of body.apps) {
      expect(compared.adoption.inLand).toBeGreaterThanOrEqual(0)
      expect(compared.adoption.inLand).toBeLessThanOrEqual(compared.adoption.total)
      expect(compared.adoption.inSizeClass).toBeLessThanOrEqual(compared.adoption.total)
    }
    expect(body.apps.some((a: { estimatedAnnualShareCents: number | null }) => a.estimatedAnnualShareCents !== null)).toBe(true)
  })

  it('refuses fewer than 2 or more than 4 apps, duplicates, unknown apps and unknown viewers', async () => {
    expect((await compare('apps=hundesteuer-fiffi')).statusCode).toBe(400)
    expect((await compare('apps=a,b,c,d,e')).statusCode).toBe(400)
    expect((await compare('apps=fundbuero,fundbuero')).statusCode).toBe(400)
    expect((await compare('apps=fundbuero,vergnuegungsteuer')).statusCode).toBe(404)
    expect((await compare('apps=fundbuero,e-akte&organization=nirgendwo')).statusCode).toBe(404)
    expect((await compare('apps=fundbuero,e-akte;drop')).statusCode).toBe(400)
  })
})
