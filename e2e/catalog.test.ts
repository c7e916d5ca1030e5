import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

describeInBrowser('storefront: home → search → filter → detail', (browser) => {
  it('shows the home page with figures and Themenfelder, without accessibility violations', async () => {
    const { page } = browser
    await page.goto(`${browser.baseUrl}/`)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de')
    await page.getByRole('heading', { level: 1, name: 'Fachanwendungen finden, die andere Kommunen schon nutzen' }).waitFor()
    await page.getByRole('link', { name: /Steuern & Zoll/ }).waitFor()
    await expectNoAxeViolations(page, 'home')
  })

  it('searches from the home page and lands on the catalogue with the query in the URL', async () => {
    const { page } = browser
    await page.getByLabel('Was suchen Sie?').fill('hundesteur')
    await page.getByRole('button', { name: 'Suchen' }).click()
    await page.waitForURL(/\/apps\?q=hundesteur/)
    await page.getByRole('link', { name: 'Fiffi' }).waitFor()
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/1 Treffer/)
    await expectNoAxeViolations(page, 'catalogue with search')
  })

  it('searches as the user types and filters by facet, keeping all state in the URL', async () => {
    const { page } = browser
    const search = page.getByLabel('Katalog durchsuchen')
    await search.fill('')
    await search.pressSequentially('antrag', { delay: 30 })
    await page.waitForURL(/q=antrag/)
    const themenfeld = page.getByRole('group', { name: 'Themenfeld' })
    await themenfeld.getByRole('checkbox', { name: /Bauen & Wohnen/ }).check()
    await page.waitForURL(/themenfeld=building_housing/)
    await page.getByRole('link', { name: 'Bauantrag Online' }).waitFor()
    const names = await page.locator('article h3').allTextContents()
    expect(names.map(n => n.trim())).toContain('Bauantrag Online')
    expect(names.map(n => n.trim())).not.toContain('Fiffi')
    await expectNoAxeViolations(page, 'catalogue with filters open')

    // A shared link restores the same view.
    const url = page.url()
    await page.goto(url)
    await expect.poll(() => themenfeld.getByRole('checkbox', { name: /Bauen & Wohnen/ }).isChecked()).toBe(true)
    await expect.poll(() => search.inputValue()).toBe('antrag')
  })

  it('opens the detail page with certification, attestations and adoption by Land', async () => {
    const { page } = browser
    await page.getByRole('link', { name: 'Bauantrag Online' }).click()
    await page.waitForURL(/\/apps\/bauantrag-online$/)
    await page.getByRole('heading', { level: 1, name: 'Bauantrag Online' }).waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H1')
    await page.getByRole('heading', { name: 'Nachweise', exact: true }).waitFor()
    await page.getByRole('cell', { name: /Penetrationstest/ }).first().waitFor()
    await page.getByRole('table', { name: 'Nachnutzungen nach Land' }).waitFor()
    expect(await page.title()).toBe('Bauantrag Online – Kommunaler App-Store')
    await expectNoAxeViolations(page, 'app detail')

    await page.goBack()
    await page.waitForURL(/themenfeld=building_housing/)
    await page.getByRole('link', { name: 'Bauantrag Online' }).waitFor()
  })

  it('switches to English and back, updating the lang attribute', async () => {
    const { page } = browser
    await page.goto(`${browser.baseUrl}/apps?q=kita`)
    await page.getByRole('button', { name: 'Switch to English' }).click()
    try {
      await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('en')
      await page.getByRole('heading', { level: 1, name: 'Catalogue' }).waitFor()
      await page.getByRole('group', { name: 'Themenfeld' }).getByRole('checkbox', { name: /Family & children/ }).waitFor()
      await expectNoAxeViolations(page, 'catalogue in English')
    }
    finally {
      await page.getByRole('button', { name: 'Auf Deutsch wechseln' }).click()
    }
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('de')
    await page.getByRole('heading', { level: 1, name: 'Katalog' }).waitFor()
  })

  it('shows a not-found page for unknown addresses and apps', async () => {
    const { page } = browser
    await page.goto(`${browser.baseUrl}/gibt-es-nicht`)
    await page.getByRole('heading', { level: 1, name: 'Diese Seite gibt es nicht.' }).waitFor()
    await expectNoAxeViolations(page, 'not found')
    await page.goto(`${browser.baseUrl}/apps/gibt-es-nicht`)
    await page.getByRole('alert').getByText('Diese Anwendung gibt es nicht').waitFor()
    await expectNoAxeViolations(page, 'app not found')
  })
})

describeInBrowser('storefront on a phone-width screen', (browser) => {
  it('fits the catalogue into 375 px without horizontal scrolling', async () => {
    const { page } = browser
    await page.goto(`${browser.baseUrl}/apps?q=kita`)
    await page.getByRole('link', { name: 'Kita-Navigator Nord' }).waitFor()
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await expectNoAxeViolations(page, 'catalogue on a phone')
  })
}, { viewport: { width: 375, height: 800 } })
