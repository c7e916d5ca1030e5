import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

describeInBrowser('adoption (Nachnutzung): a municipality admin adopts an app, the count goes up, the dashboard shows its cost share', (browser) => {
  it('adopts after confirming; the detail page counts the new adopter; the dashboard shows the app and its share', async () => {
    const { page, baseUrl } = browser
    // An app Kiel does not use yet, found through the API as the same user.
    const { accessToken } = await (await fetch(`${baseUrl}/api/v1/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'municipality-admin' }) })).json() as { accessToken: string }
    const own = await (await fetch(`${baseUrl}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } })).json() as { app: { slug: string } }[]
    const catalogue = await (await fetch(`${baseUrl}/api/v1/apps?limit=100`)).json() as { items: { slug: string, name: string, adoptionCount: number }[] }
    // An EfA service with a price sheet this year, so that the dashboard has a cost share to show.
    const year = new Date().getUTCFullYear()
    const candidates = catalogue.items.filter(item => !own.some(s => s.app.slug === item.slug))
    let target: (typeof candidates)[number] | undefined
    for (const item of candidates) {
      const models = await (await fetch(`${baseUrl}/api/v1/apps/${item.slug}/cost-models`)).json() as { year: number }[]
      if (models.some(model => model.year === year)) {
        target = item
        break
      }
    }
    if (!target)
      throw new Error('the demo data has no EfA service with a price sheet that Kiel does not use yet')

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
    // The cost calculator now answers for Kiel as a subscriber.
    await page.getByTestId('cost-estimate').getByText('Kiel nutzt die Anwendung bereits.').waitFor()

    // As an adopter Kiel can now write an experience report; HTML in it stays text.
    await page.getByRole('heading', { level: 3, name: 'Ihren Erfahrungsbericht schreiben' }).waitFor()
    await page.getByRole('radio', { name: '4 Sterne' }).check()
    await page.getByLabel(/Ihre Erfahrungen/).fill('Einführung in zwei Wochen, die **Schulung** war gut. <img src=x onerror=alert(1)>')
    await page.getByRole('button', { name: 'Bericht veröffentlichen' }).click()
    await page.getByRole('status').filter({ hasText: 'Ihr Bericht ist veröffentlicht.' }).waitFor()
    await page.getByText('Durchschnitt 4 von 5 Sternen aus einem Bericht').waitFor()
    expect(await page.locator('.reports img').count()).toBe(0)
    await page.locator('.reports strong', { hasText: 'Schulung' }).waitFor()
    await expectNoAxeViolations(page, 'detail page with figures, costs and reports')

    await page.getByRole('link', { name: 'Meine Kommune' }).click()
    await page.getByRole('heading', { level: 1, name: 'Meine Kommune' }).waitFor()
    const row = page.getByTestId('my-apps').getByRole('row', { name: new RegExp(target.name) })
    await row.waitFor()
    expect(await row.textContent()).toMatch(/\d+,\d{2}\s€/)
    await page.getByText(`Ihr Anteil ${year} an allen Anwendungen:`).waitFor()
    await expectNoAxeViolations(page, 'municipality dashboard')
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })
})
