import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { describeInBrowser } from './support/browser.ts'

/**
 * Screenshots of the main pages for the README. Every run takes them (so a page that stops rendering
 * fails here); with UPDATE_SCREENSHOTS=1 they replace the ones in docs/screenshots.
 */
const target = process.env.UPDATE_SCREENSHOTS === '1'
  ? fileURLToPath(new URL('../docs/screenshots/', import.meta.url))
  : mkdtempSync(join(tmpdir(), 'kas-screenshots-'))
mkdirSync(target, { recursive: true })

describeInBrowser('screenshots of the main pages', (browser) => {
  it('captures home, catalogue, detail, compare, dashboard, the review queue and the publiccode.yml import', async () => {
    const { page, baseUrl } = browser
    const shoot = async (name: string) => {
      const path = join(target, `${name}.png`)
      await page.screenshot({ path, fullPage: false })
      expect(statSync(path).size).toBeGreaterThan(10_000)
    }
    await page.goto(`${baseUrl}/`)
    await page.getByRole('heading', { level: 1 }).waitFor()
    await page.getByRole('link', { name: /Steuern & Zoll/ }).waitFor()
    await shoot('home')
    await page.goto(`${baseUrl}/apps?q=hundesteuer`)
    await page.getByRole('link', { name: 'Fiffi' }).waitFor()
    await shoot('catalogue')
    await page.goto(`${baseUrl}/apps/hundesteuer-fiffi`)
    await page.getByRole('heading', { level: 2, name: 'Wer nutzt die Anwendung?' }).waitFor()
    await shoot('detail')
    await page.goto(`${baseUrl}/anmelden?next=/vergleich?apps=hundesteuer-fiffi,gewerbesteuer,grundsteuer-kommunal`)
    await page.getByRole('button', { name: 'Als Jana Petersen anmelden' }).click()
    await page.getByRole('columnheader', { name: 'Fiffi' }).waitFor()
    await shoot('compare')
    await page.goto(`${baseUrl}/meine-kommune`)
    await page.getByRole('heading', { level: 2, name: 'Unsere Anwendungen' }).waitFor()
    await shoot('dashboard')
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.goto(`${baseUrl}/anmelden?next=/pruefung`)
    await page.getByRole('button', { name: 'Als Dr. Katrin Vogel anmelden' }).click()
    await page.getByRole('heading', { level: 1 }).filter({ hasText: /Prüf/ }).waitFor()
    await shoot('review-queue')
    await page.getByRole('button', { name: 'Abmelden' }).click()
    await page.goto(`${baseUrl}/anmelden?next=/hersteller/import`)
    await page.getByRole('button', { name: 'Als Murat Demir anmelden' }).click()
    await page.getByLabel('Inhalt der publiccode.yml').fill(readFileSync(fileURLToPath(new URL('../apps/api/test/fixtures/publiccode/v0.4-bauantrag-efa.yml', import.meta.url)), 'utf8'))
    await page.getByRole('button', { name: 'Prüfen', exact: true }).click()
    await page.getByRole('heading', { level: 2, name: 'Vorschau: das würde übernommen' }).waitFor()
    await shoot('publiccode-import')
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })
})
