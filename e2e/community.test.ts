import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

describeInBrowser('directory and the operator\'s price sheet', (browser) => {
  it('filters the directory by kind, keeps the filter in the URL, and opens a consortium\'s profile', async () => {
    const { page, baseUrl } = browser
    await page.goto(`${baseUrl}/verzeichnis`)
    await page.getByRole('heading', { level: 1, name: 'Verzeichnis' }).waitFor()
    await page.getByLabel('Art der Organisation').selectOption('consortium')
    await page.getByRole('button', { name: 'Anzeigen' }).click()
    await page.waitForURL(/kind=consortium/)
    await page.getByRole('link', { name: 'Viele-für-Alle-Verbund Ratsarbeit' }).waitFor()
    expect(await page.getByRole('list').last().getByRole('listitem').count()).toBe(3)
    await expectNoAxeViolations(page, 'directory filtered')
    await page.getByRole('link', { name: 'Viele-für-Alle-Verbund Ratsarbeit' }).click()
    await page.getByRole('heading', { level: 2, name: 'Mitglieder des Verbunds' }).waitFor()
    expect(await page.getByRole('region', { name: 'Mitglieder des Verbunds' }).getByRole('listitem').count()).toBe(4)
    await expectNoAxeViolations(page, 'organization profile')
  })

  it('lets the organization running an EfA service set next year\'s price sheet, in euros', async () => {
    const { page, baseUrl } = browser
    const catalogue = await (await fetch(`${baseUrl}/api/v1/apps?deployment=efa_service&limit=1`)).json() as { items: { slug: string }[] }
    const app = await (await fetch(`${baseUrl}/api/v1/apps/${catalogue.items[0].slug}`)).json() as { slug: string, provider: { slug: string, name: string } }
    const nextYear = new Date().getUTCFullYear() + 1
    await page.goto(`${baseUrl}/anmelden?next=/apps/${app.slug}`)
    // The development sign-in can act for any organization: here the EfA provider's publisher.
    const { accessToken } = await (await fetch(`${baseUrl}/api/v1/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ organization: app.provider.slug, role: 'vendor_publisher' }) })).json() as { accessToken: string }
    await page.evaluate(token => sessionStorage.setItem('kas.accessToken', token), accessToken)
    await page.goto(`${baseUrl}/apps/${app.slug}`)
    await page.getByRole('heading', { level: 3, name: 'Preisblatt festlegen' }).waitFor()
    await page.getByRole('heading', { level: 3, name: `Preisblatt ${nextYear - 1}` }).waitFor()
    await page.getByLabel('Jahr').fill(String(nextYear))
    await page.getByLabel('Jährliche Betriebskosten in Euro').fill('123456.78')
    await page.getByLabel('Einmaliges Anschlussentgelt in Euro').fill('500')
    await page.getByLabel('Zentral finanzierter Anteil in Prozent').fill('50')
    await page.getByLabel('Verteilschlüssel').last().selectOption('equal')
    await page.getByRole('button', { name: 'Preisblatt speichern' }).click()
    await page.getByRole('status').filter({ hasText: 'Die Nachnutzer werden benachrichtigt.' }).waitFor()
    const models = await (await fetch(`${baseUrl}/api/v1/apps/${app.slug}/cost-models`)).json() as { year: number, annualCostCents: number, connectionFeeCents: number, sharingKey: string }[]
    expect(models.find(model => model.year === nextYear)).toMatchObject({ annualCostCents: 12_345_678, connectionFeeCents: 50_000, sharingKey: 'equal' })
  })
})
