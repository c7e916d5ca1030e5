import type { Browser, BrowserContext, Page } from 'playwright-core'
import AxeBuilder from '@axe-core/playwright'
import { chromium } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject } from 'vitest'

/** Flags for Debian's Chromium on a machine without network or GPU (see README, "Tests"). */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

export interface BrowserContextHandle {
  readonly page: Page
  readonly baseUrl: string
}

/** A describe block with one Chromium page against the running store; skipped (with the reason) when there is no browser. */
export function describeInBrowser(name: string, suite: (handle: BrowserContextHandle) => void, options: { viewport?: { width: number, height: number } } = {}): void {
  const browserInfo = inject('browser')
  const title = browserInfo.available ? name : `${name} (skipped: ${browserInfo.reason})`
  describe.skipIf(!browserInfo.available)(title, () => {
    let browser: Browser | undefined
    let context: BrowserContext | undefined
    let page: Page | undefined
    beforeAll(async () => {
      browser = await chromium.launch({ executablePath: browserInfo.executablePath, args: CHROMIUM_ARGS })
      context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, locale: 'de-DE' })
      page = await context.newPage()
    })
    afterAll(async () => {
      await context?.close()
      await browser?.close()
    })
    suite({
      get page() {
        if (!page)
          throw new Error('page is only available inside tests')
        return page
      },
      baseUrl: browserInfo.baseUrl ?? '',
    })
  })
}

/** Runs axe-core against WCAG 2.1 A/AA and fails with a readable list of violations. */
export async function expectNoAxeViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze()
  const summary = results.violations.map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map(node => node.target.join(' ')).slice(0, 3).join(', ')}`)
  expect(summary, `axe violations on ${label}`).toEqual([])
}

/** Signs in through the development sign-in as one of the demo personas, e.g. "Murat Demir". */
export async function signInAs(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}/anmelden`)
  await page.getByRole('button', { name: `Als ${name} anmelden` }).click()
  await page.getByRole('button', { name: 'Abmelden' }).waitFor()
}
