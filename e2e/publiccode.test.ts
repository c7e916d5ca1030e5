import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations, signInAs } from './support/browser.ts'

const fixture = (name: string) => fileURLToPath(new URL(`../apps/api/test/fixtures/publiccode/${name}`, import.meta.url))
const lineOf = (file: string, needle: string) => readFileSync(fixture(file), 'utf8').split('\n').findIndex(line => line.includes(needle)) + 1

describeInBrowser('publiccode.yml: a vendor imports instead of typing, everyone can download', (browser) => {
  it('shows every problem with its line, then previews and imports a correct file', async () => {
    const { page, baseUrl } = browser
    await signInAs(page, baseUrl, 'Murat Demir')
    await page.getByRole('link', { name: 'Hersteller-Bereich' }).click()
    await page.getByRole('link', { name: 'Aus publiccode.yml importieren' }).click()
    await page.getByRole('heading', { level: 1, name: 'Aus publiccode.yml importieren' }).waitFor()
    await expectNoAxeViolations(page, 'import page')

    await page.getByLabel('Inhalt der publiccode.yml').fill(readFileSync(fixture('mistakes.yml'), 'utf8'))
    await page.getByRole('button', { name: 'Prüfen', exact: true }).click()
    const problems = page.getByRole('region', { name: /Die Datei hat 8 Fehler/ })
    await problems.waitFor()
    expect(await problems.getByRole('list').first().getByRole('listitem').count()).toBe(8)
    await problems.getByText(`legal.license (Zeile ${lineOf('mistakes.yml', 'license: GPL')}):`).waitFor()
    // In plain German, from the problem's code and parameters.
    await problems.getByText('„GPL“ ist kein gültiger SPDX-Lizenzausdruck', { exact: false }).waitFor()
    // Focus goes to the problems, so a screen reader user hears them first.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('import-problems')
    await expectNoAxeViolations(page, 'import problems')

    await page.getByLabel('Datei auswählen').setInputFiles(fixture('v0.4-bauantrag-efa.yml'))
    await expect.poll(() => page.getByLabel('Inhalt der publiccode.yml').inputValue()).toContain('Bauportal Mittelland')
    await page.getByRole('button', { name: 'Prüfen', exact: true }).click()
    await page.getByRole('heading', { level: 2, name: 'Vorschau: das würde übernommen' }).waitFor()
    await page.getByText('„Bauportal Mittelland“ wird als neuer Entwurf angelegt.').waitFor()
    const licence = page.getByRole('row', { name: /^Lizenz/ })
    expect(await licence.textContent()).toContain(`legal.license (Zeile ${lineOf('v0.4-bauantrag-efa.yml', 'license: EUPL-1.2')})`)
    await page.getByRole('row', { name: /^Vom Hersteller genannte Nutzer/ }).getByText('Stadt Beispielstadt, Landkreis Musterland').waitFor()
    await expectNoAxeViolations(page, 'import preview')

    await page.getByRole('button', { name: 'Jetzt importieren' }).click()
    await page.getByRole('heading', { level: 2, name: 'Import abgeschlossen' }).waitFor()
    await page.getByRole('link', { name: '„Bauportal Mittelland“ im Hersteller-Bereich öffnen' }).click()
    await page.getByRole('heading', { level: 1, name: 'Bauportal Mittelland' }).waitFor()
    await page.getByRole('listitem').filter({ hasText: '1.4.0' }).first().waitFor()

    // The imported details are editable in the console, and say what a complete file still needs.
    const profile = page.getByRole('region', { name: 'Angaben für publiccode.yml' })
    expect(await profile.getByRole('checkbox', { name: 'Web (Browser)' }).isChecked()).toBe(true)
    expect(await profile.getByLabel('LeiKa-Leistungsschlüssel').inputValue()).toBe('99089002000000, 99089001000000')
    expect(await profile.getByText(/fehlt noch/).count()).toBe(0)
    await profile.getByLabel('Entwicklungsstand').selectOption({ label: 'Beta' })
    await profile.getByRole('button', { name: 'Angaben speichern' }).click()
    await page.getByText('Gespeichert.', { exact: true }).first().waitFor()
    await expectNoAxeViolations(page, 'vendor app page with publiccode.yml details')
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })

  it('offers the publiccode.yml of a public app on its page, beside the vendor\'s unverified details', async () => {
    const { page, baseUrl } = browser
    await page.goto(`${baseUrl}/apps/bauantrag-online`)
    const profile = page.getByRole('region', { name: 'Angaben des Herstellers' })
    await profile.waitFor()
    await profile.getByText('Landesbetrieb IT Mitte (Vertrag bis').waitFor()
    // Codes from publiccode.yml in words: platform, software type and language.
    await profile.getByText('Web (Browser)').waitFor()
    await profile.getByText('Web-Anwendung').waitFor()
    await profile.getByText('Deutsch', { exact: true }).waitFor()
    const link = profile.getByRole('link', { name: 'publiccode.yml herunterladen' })
    const href = await link.getAttribute('href')
    const response = await page.request.get(`${baseUrl}${href}`)
    expect(response.status()).toBe(200)
    expect(response.headers()['content-type']).toBe('application/yaml; charset=utf-8')
    expect(await response.text()).toMatch(/^publiccodeYmlVersion: "0\.5"$/m)
    await expectNoAxeViolations(page, 'detail page with vendor details')
  })
})
