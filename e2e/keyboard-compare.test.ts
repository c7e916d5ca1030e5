import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

/** Presses Tab until the focused element's text or label contains `name` (keyboard-only use). */
async function tabTo(page: Page, name: string | RegExp, maxPresses = 120): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab')
    const focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      // The page itself (focus lost or on the body) is no control; its text would match anything.
      if (!element || element === document.body || element.tagName === 'MAIN' || element.tagName === 'H1')
        return ''
      const label = element.id ? document.querySelector(`label[for="${element.id}"]`)?.textContent ?? '' : ''
      return `${element.textContent ?? ''} ${element.getAttribute('aria-label') ?? ''} ${label}`.replace(/\s+/g, ' ').trim()
    })
    if (typeof name === 'string' ? focused.includes(name) : name.test(focused))
      return
  }
  throw new Error(`could not reach "${name}" with the Tab key`)
}

const focusedIsHeading = (page: Page) => page.evaluate(() => document.activeElement?.tagName === 'H1')

describeInBrowser('keyboard only: search → detail → compare → adopt', (browser) => {
  it('does the whole task with the keyboard, with focus moved to each new page and visible', async () => {
    const { page, baseUrl } = browser
    const { accessToken } = await (await fetch(`${baseUrl}/api/v1/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'municipality-admin' }) })).json() as { accessToken: string }
    const own = await (await fetch(`${baseUrl}/api/v1/subscriptions`, { headers: { authorization: `Bearer ${accessToken}` } })).json() as { app: { slug: string } }[]
    const catalogue = await (await fetch(`${baseUrl}/api/v1/apps?themenfeld=taxes_customs&limit=20`)).json() as { items: { slug: string, name: string }[] }
    const [first, second] = catalogue.items.filter(item => !own.some(s => s.app.slug === item.slug))

    await page.goto(`${baseUrl}/anmelden`)
    await tabTo(page, 'Als Jana Petersen anmelden')
    await page.keyboard.press('Enter')
    await page.waitForURL(`${baseUrl}/`)

    // On a freshly loaded page the skip link is the first stop.
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Zum Inhalt springen')

    await tabTo(page, 'Was suchen Sie?')
    await page.keyboard.type(first.name)
    // The search button rather than Enter in the field, where the browser's suggestion list may be open.
    await tabTo(page, /^Suchen$/)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/apps\?q=/)
    await tabTo(page, `Vergleichen: ${first.name}`)
    // Visible focus (WCAG 2.4.7): the focused control has an outline.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe('solid')
    await page.keyboard.press('Enter')
    await page.getByRole('region', { name: 'Vergleich' }).or(page.getByRole('complementary', { name: 'Vergleich' })).waitFor()

    await tabTo(page, 'Katalog durchsuchen')
    await page.keyboard.press('Control+A')
    await page.keyboard.type(second.name)
    await page.keyboard.press('Enter')
    await page.getByRole('link', { name: second.name, exact: true }).waitFor()
    await tabTo(page, `Vergleichen: ${second.name}`)
    await page.keyboard.press('Enter')
    await page.getByText('2 von 4 zum Vergleich gewählt').waitFor()
    await tabTo(page, 'Jetzt vergleichen')
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toMatch(/^\/vergleich\?apps=/)
    await page.keyboard.press('Enter')
    await page.waitForURL(/\/vergleich\?apps=/)
    await expect.poll(() => focusedIsHeading(page)).toBe(true)
    await page.getByRole('columnheader', { name: first.name }).waitFor()
    await page.getByRole('columnheader', { name: second.name }).waitFor()
    await page.getByText('Aus Sicht von Kiel').waitFor()
    // Rows that differ say so in words, not only in colour.
    expect(await page.locator('.compare__differs').count()).toBeGreaterThan(0)
    expect(await page.locator('.compare__differs').first().textContent()).toContain('unterschiedlich')
    await expectNoAxeViolations(page, 'compare page')

    await tabTo(page, new RegExp(`^${first.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`))
    await page.keyboard.press('Enter')
    await page.waitForURL(`${baseUrl}/apps/${first.slug}`)
    await expect.poll(() => focusedIsHeading(page)).toBe(true)
    await tabTo(page, /^Nachnutzen$/)
    await page.keyboard.press('Enter')
    await tabTo(page, 'Verbindlich nachnutzen')
    await page.keyboard.press('Enter')
    await page.getByRole('status').filter({ hasText: 'nutzt diese Anwendung' }).waitFor()
  })

  it('shows the accessibility statement and the Leichte Sprache page without violations', async () => {
    const { page, baseUrl } = browser
    await page.goto(`${baseUrl}/barrierefreiheit`)
    await page.getByRole('heading', { level: 1, name: 'Erklärung zur Barrierefreiheit' }).waitFor()
    await page.getByRole('heading', { level: 2, name: 'Nicht barrierefreie Inhalte' }).waitFor()
    await expectNoAxeViolations(page, 'accessibility statement')
    await page.getByRole('link', { name: 'Leichte Sprache' }).click()
    await page.getByRole('heading', { level: 1, name: 'Leichte Sprache' }).waitFor()
    await expectNoAxeViolations(page, 'Leichte Sprache')
  })
})
