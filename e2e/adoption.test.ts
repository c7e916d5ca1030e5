import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

describeInBrowser('adoption (Nachnutzung): a municipality admin adopts an app and the count goes up', (browser) => {
  it('adopts after confirming, and the detail page counts the new adopter', async () => {
    const { page, baseUrl } = browser
    // An app Kiel does not use yet, found through the API as the same user.
    const { accessToken } = await (await fetch(`${baseUrl}/api/v1/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'municipality-admin' }) })).json() as { accessToken: string }
    const own = await (await fetch(`${baseUrl}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } })).json() as { app: { slug: string } }[]
    const catalogue = await (await fetch(`${baseUrl}/api/v1/apps?limit=100`)).json() as { items: { slug: string, name: string, adoptionCount: number }[] }
    const target = catalogue.items.find(item => !own.some(s => s.app.slug === item.slug))!

    await page.goto(`${baseUrl}/anmelden?next=/apps/${target.slug}`)
    await page.getByRole('button', { name: 'Als Jana Petersen anmelden' }).click()
    await page.waitForURL(`${baseUrl}/apps/${target.slug}`)
    await page.getByRole('heading', { level: 2, name: 'Nachnutzen' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Wer nutzt die Anwendung?' }).waitFor()
    await page.getByText(`${target.adoptionCount} Kommunen nutzen diese Anwendung.`).waitFor()
    await page.getByRole('button', { name: 'Nachnutzen' }).click()
    await page.getByRole('group', { name: 'Nachnutzung bestätigen' }).waitFor()
    await expectNoAxeViolations(page, 'adoption confirmation')
    await page.getByRole('button', { name: 'Verbindlich nachnutzen' }).click()
    await page.getByRole('status').filter({ hasText: 'nutzt diese Anwendung' }).waitFor()
    await page.getByText(`${target.adoptionCount + 1} Kommunen nutzen diese Anwendung.`).waitFor()
    const table = page.getByRole('table', { name: 'Nachnutzungen nach Land' })
    expect(await table.getByRole('row', { name: /Schleswig-Holstein/ }).count()).toBe(1)
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })
})
