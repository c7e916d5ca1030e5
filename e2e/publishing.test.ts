import { expect, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations, signInAs } from './support/browser.ts'

const today = new Date().toISOString().slice(0, 10)
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describeInBrowser('publishing and certification: vendor submits, reviewer approves, the app is in the catalogue', (browser) => {
  it('lets the vendor create a draft app with a release and attestations, and submit it', async () => {
    const { page, baseUrl } = browser
    await signInAs(page, baseUrl, 'Murat Demir')
    await page.getByRole('link', { name: 'Hersteller-Bereich' }).click()
    await page.getByRole('heading', { level: 1, name: 'Hersteller-Bereich' }).waitFor()
    await expectNoAxeViolations(page, 'vendor console')

    await page.getByLabel('Name', { exact: true }).fill('Grabstellen-Finder')
    await page.getByLabel('Kurzname für die Adresse').fill('grabstellen-finder')
    await page.getByLabel('Kurzbeschreibung').fill('Grabstellen auf Friedhöfen der Kommune online finden.')
    await page.getByRole('checkbox', { name: 'Familie & Kind' }).check()
    await page.getByLabel('Quellcode').fill('https://git.offene-verwaltung.example/fachanwendungen/grabstellen-finder')
    await page.getByRole('button', { name: 'Als Entwurf anlegen' }).click()
    await page.waitForURL(/\/hersteller\/apps\/grabstellen-finder$/)
    await page.getByRole('heading', { level: 1, name: 'Grabstellen-Finder' }).waitFor()

    // Words municipalities search with that the text lacks.
    await page.getByLabel('Suchbegriffe').fill('Grabpflege, Grabstätte')
    await page.getByRole('button', { name: 'Speichern', exact: true }).click()
    await page.locator('p.notice', { hasText: 'Gespeichert.' }).waitFor()

    await page.getByLabel('Versionsnummer').fill('1.0.0')
    await page.getByLabel('Adresse des Pakets').fill('https://git.offene-verwaltung.example/grabstellen-finder/1.0.0.tar.gz')
    await page.locator('#release-sha').fill('a'.repeat(64))
    await page.getByRole('button', { name: 'Version veröffentlichen' }).click()
    await page.getByRole('listitem').filter({ hasText: `1.0.0 (${today})` }).waitFor()

    // Submitting too early explains each missing criterion.
    await page.getByRole('button', { name: 'Zur Zertifizierung einreichen' }).click()
    const alert = page.getByRole('alert').filter({ hasText: 'pentest' })
    await alert.waitFor()
    expect(await alert.textContent()).toContain('oss_license')

    for (const [label, kind] of [['Open-Source-Lizenz', 'oss_license'], ['Penetrationstest', 'pentest'], ['Barrierefreiheit (BITV 2.0)', 'bitv'], ['Datenschutz-Folgenabschätzung', 'dsgvo_dsfa']]) {
      await page.getByLabel('Nachweis', { exact: true }).selectOption({ label })
      await page.getByLabel('Ausgestellt von').fill('Prüfstelle Nord')
      await page.getByLabel('Gültig bis').fill(inDays(400))
      await page.getByLabel('Adresse des Belegs').fill(`https://pruefung.example/grabstellen-finder/${kind}.pdf`)
      await page.locator('#attestation-sha').fill('b'.repeat(64))
      await page.getByRole('button', { name: 'Nachweis erfassen' }).click()
      await page.getByRole('listitem').filter({ hasText: label }).first().waitFor()
    }
    await page.getByRole('button', { name: 'Zur Zertifizierung einreichen' }).click()
    await page.getByText('wartet auf Prüfung').waitFor()
    await expectNoAxeViolations(page, 'vendor app page')
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })

  it('lets the reviewer approve it from the queue, and the app appears in the public search', async () => {
    const { page, baseUrl } = browser
    await signInAs(page, baseUrl, 'Dr. Katrin Vogel')
    await page.getByRole('link', { name: 'Prüfung' }).click()
    await page.getByRole('heading', { level: 1, name: 'Prüfung' }).waitFor()
    await expectNoAxeViolations(page, 'review queue')
    await page.getByRole('link', { name: 'Grabstellen-Finder' }).click()
    await page.getByRole('heading', { level: 1, name: 'Antrag: Grabstellen-Finder 1.0.0' }).waitFor()
    // The app's history is shown beside the request, in words.
    await page.getByRole('region', { name: 'Verlauf der Anwendung' }).getByText('Zertifizierung beantragt').waitFor()
    await expectNoAxeViolations(page, 'review page')
    await page.getByLabel('Kommentar an den Hersteller').fill('Alle Nachweise liegen vor.')
    await page.getByRole('button', { name: 'Genehmigen' }).click()
    await page.getByRole('status').filter({ hasText: 'genehmigt' }).waitFor()
    expect(await page.getByRole('status').filter({ hasText: 'genehmigt' }).textContent()).toMatch(/Zertifikat LCIO-\d{4}-\d{4}/)

    // Found by the vendor's search term, which is not in its text.
    await page.goto(`${baseUrl}/apps?q=grabpflege`)
    await page.getByRole('link', { name: 'Grabstellen-Finder' }).waitFor()
    // A hit, not one of the closest apps offered when nothing matched.
    await expect.poll(() => page.getByRole('status').first().textContent()).toMatch(/1 Treffer/)
    await page.getByRole('link', { name: 'Grabstellen-Finder' }).click()
    await page.getByRole('heading', { level: 1, name: 'Grabstellen-Finder' }).waitFor()
    await page.getByRole('button', { name: 'Abmelden' }).click()
  })
})
