import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

describeInBrowser('search: no dead ends, and platform admins close the gaps', (browser) => {
  it('offers "Meinten Sie" for a typo and the closest apps when nothing matches', async () => {
    const { page, baseUrl } = browser
    await page.goto(`${baseUrl}/apps?q=wohngled`)
    await page.getByText('Meinten Sie:').waitFor()
    await page.getByRole('link', { name: 'wohngeld', exact: true }).click()
    await page.waitForURL(/q=wohngeld/)
    await page.getByRole('link', { name: 'Wohngeld Digital' }).waitFor()

    await page.goto(`${baseUrl}/apps?q=raumfahrtbeh%C3%B6rde`)
    await page.getByText('Keine Anwendung passt zu Ihrer Suche.', { exact: false }).waitFor()
    expect(await page.getByText('Diese Anwendungen kommen Ihrer Suche am nächsten:').count() + await page.getByText('Vielleicht passt eines dieser Themenfelder:').count()).toBeGreaterThan(0)
    await expectNoAxeViolations(page, 'catalogue without results')
  })

  it('turns a search without results into a synonym in the admin console, and the search finds it at once', async () => {
    const { page, baseUrl } = browser
    await page.goto(`${baseUrl}/apps?q=schwebebahn`)
    await page.getByText('Keine Anwendung passt zu Ihrer Suche.', { exact: false }).waitFor()
    await page.goto(`${baseUrl}/anmelden?next=/plattform/suche`)
    await page.getByRole('button', { name: 'Als Stefan Richter anmelden' }).click()
    await page.waitForURL(`${baseUrl}/plattform/suche`)
    const zero = page.getByRole('region', { name: 'Suchen ohne Treffer' })
    await zero.getByRole('row', { name: /schwebebahn/ }).waitFor()
    await expectNoAxeViolations(page, 'search analytics')
    await zero.getByRole('row', { name: /schwebebahn/ }).getByRole('button', { name: /Als Synonym anlegen/ }).click()
    await expect.poll(() => page.getByLabel(/Begriffe, die dasselbe meinen/).inputValue()).toBe('schwebebahn, ')
    await page.getByLabel(/Begriffe, die dasselbe meinen/).pressSequentially('Fundsache')
    await page.getByRole('button', { name: 'Synonymgruppe speichern' }).click()
    await page.getByRole('status').filter({ hasText: 'Die Suche verwendet sie ab sofort.' }).waitFor()
    // Another spelling, so that the browser's cached answer from before (max-age 60 s) is not reused.
    await page.goto(`${baseUrl}/apps?q=Schwebebahn`)
    await page.getByRole('link', { name: 'Fundsache' }).waitFor()
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })
})
