import type { Database } from '../client.ts'
import type { AttestationKind } from '../schema/enums.ts'
import { createHash } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { addDays, todayUtc } from '../reference/dates.ts'
import { createRandom } from '../reference/random.ts'
import { slugify } from '../reference/municipalities.ts'
import { apps, attestations, certifications, consortiumMembers, costModels, lands, organizations, releases, subscriptions } from '../schema/index.ts'
import { appendAuditEvent } from '../audit/chain.ts'
import { requiredAttestationKinds } from '../rules/certification-rules.ts'
import type { DemoApp } from './demo-apps.ts'
import type { DemoOrganization } from './demo-vendors.ts'
import { demoApps, demoAttestationKinds } from './demo-apps.ts'
import { selectDemoMunicipalities } from './demo-public-bodies.ts'
import { demoVendors } from './demo-vendors.ts'

/** Organization that marks the demo data as loaded. */
const MARKER_SLUG = 'landes-cio-pruefstelle'

const attestationIssuers: Record<AttestationKind, string> = {
  oss_license: 'Lizenzprüfung der Prüfstelle des Landes-CIO',
  bsi_grundschutz: 'Auditteam ISO 27001 auf Basis von IT-Grundschutz',
  bsi_c5: 'Prüfgesellschaft Cloud-Compliance (C5 Typ 2)',
  pentest: 'Unabhängiges Prüflabor IT-Sicherheit',
  dsgvo_dsfa: 'Datenschutzbeauftragte des Herstellers',
  dsgvo_avv: 'Betreiber (Muster-AVV nach Art. 28 DSGVO)',
  bitv: 'Prüfstelle Barrierefreiheit (BITV-Test)',
  ozg_reifegrad: 'FITKO – OZG-Reifegradbewertung',
  xoev: 'XÖV-Konformitätsprüfung',
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex')

export interface SeedResult {
  seeded: boolean
  organizations: number
  apps: number
  subscriptions: number
}

/**
 * Loads the demo catalogue unless it is already there (idempotent). Dates are relative to `today`,
 * so certificates expiring soon are always near; everything else is deterministic.
 */
export async function seedDemoData(db: Database, options: { today?: string } = {}): Promise<SeedResult> {
  const today = options.today ?? todayUtc()
  const existing = await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.slug, MARKER_SLUG))
  if (existing.length > 0)
    return { seeded: false, organizations: 0, apps: 0, subscriptions: 0 }

  const random = createRandom(20221505)
  return db.transaction(async (tx) => {
    const landRows = await tx.select().from(lands)
    const landOrgs = await tx.insert(organizations).values(landRows.map(land => ({
      kind: 'land' as const,
      slug: `land-${slugify(land.name)}`,
      name: land.name,
      landCode: land.code,
      population: land.population,
    }))).returning({ id: organizations.id })

    const municipalities = selectDemoMunicipalities()
    const seenSlugs = new Set<string>()
    const municipalityRows = await tx.insert(organizations).values(municipalities.map((m) => {
      let slug = slugify(m.name)
      if (seenSlugs.has(slug))
        slug = `${slug}-${m.ags}`
      seenSlugs.add(slug)
      return { kind: 'municipality' as const, slug, name: m.name, ags: m.ags, ars: m.ars, landCode: m.landCode, population: m.population }
    })).returning({ id: organizations.id, ags: organizations.ags, landCode: organizations.landCode })
    const municipalityIdByAgs = new Map(municipalityRows.map(row => [row.ags!, row.id]))

    const vendorRows = await tx.insert(organizations).values(demoVendors.map(v => ({
      kind: v.kind,
      slug: v.slug,
      name: v.name,
      landCode: v.landCode,
      website: v.website,
    }))).returning({ id: organizations.id, slug: organizations.slug })
    const vendorIdBySlug = new Map(vendorRows.map(row => [row.slug, row.id]))

    const members = demoVendors.flatMap(v => (v.memberAgs ?? []).map((ags) => {
      const memberId = municipalityIdByAgs.get(ags)
      if (!memberId)
        throw new Error(`Consortium ${v.slug}: AGS ${ags} is not among the demo municipalities`)
      return { consortiumId: vendorIdBySlug.get(v.slug)!, memberId }
    }))
    await tx.insert(consortiumMembers).values(members)

    const cioId = vendorIdBySlug.get(MARKER_SLUG)!
    let certificateSerial = 0
    let subscriptionCount = 0
    for (const [index, demo] of demoApps.entries()) {
      const owner = demoVendors.find(v => v.slug === demo.owner)!
      const status = demo.status ?? 'certified'
      const [app] = await tx.insert(apps).values({
        slug: demo.slug,
        name: demo.name,
        summary: demo.summary,
        description: describe(demo),
        themenfelder: demo.themenfelder,
        tags: demo.tags,
        basisdienste: demo.basisdienste,
        ownerOrganizationId: vendorIdBySlug.get(demo.owner)!,
        providerOrganizationId: demo.provider ? vendorIdBySlug.get(demo.provider)! : null,
        maintainerType: owner.kind === 'consortium' ? 'consortium' : 'vendor',
        repositoryUrl: `${owner.website.replace('https://', 'https://git.')}/fachanwendungen/${demo.slug}`,
        homepageUrl: `${owner.website}/${demo.slug}`,
        license: demo.license,
        deploymentModels: demo.deployment,
        originLandCode: demo.land,
        ...softwareProfile(demo, owner, demo.provider ? demoVendors.find(v => v.slug === demo.provider)! : undefined, today),
        status,
        createdAt: new Date(`${addDays(today, -random.int(400, 1200))}T09:00:00Z`),
      }).returning({ id: apps.id })
      const ownerId = vendorIdBySlug.get(demo.owner)!
      // The demo's history goes into the audit trail like any real change would.
      await appendAuditEvent(tx, { actorOrganizationId: ownerId, action: 'app.created', entityType: 'app', entityId: app.id, appId: app.id, payload: { slug: demo.slug, name: demo.name, license: demo.license } })

      // Three releases of the current major version, the newest one to four months old.
      const major = 1 + (index % 4)
      const minor = 2 + (index % 5)
      let releasedOn = addDays(today, -random.int(20, 120))
      const releaseRows: { id: string, version: string, releasedOn: string }[] = []
      for (let step = 0; step < 3; step++) {
        const version = `${major}.${minor - step}.${step === 0 ? random.int(0, 3) : 0}`
        const [release] = await tx.insert(releases).values({
          appId: app.id,
          version,
          major,
          minor: minor - step,
          patch: Number(version.split('.')[2]),
          releasedOn,
          changelog: changelogFor(demo.name, step),
          artifactUrl: `${owner.website.replace('https://', 'https://git.')}/fachanwendungen/${demo.slug}/-/releases/v${version}`,
          artifactSha256: sha256(`${demo.slug}@${version}`),
        }).returning({ id: releases.id })
        releaseRows.push({ id: release.id, version, releasedOn })
        await appendAuditEvent(tx, { actorOrganizationId: ownerId, action: 'release.published', entityType: 'release', entityId: release.id, appId: app.id, payload: { version, releasedOn } })
        releasedOn = addDays(releasedOn, -random.int(90, 200))
      }
      const latest = releaseRows[0]

      if (status === 'draft')
        continue

      const validity: string[] = []
      for (const kind of demoAttestationKinds(demo)) {
        const issuedOn = addDays(today, -random.int(60, 500))
        let validUntil = addDays(issuedOn, random.int(700, 1100))
        if (kind === 'pentest' && demo.expiresInDays !== undefined)
          validUntil = addDays(today, demo.expiresInDays)
        if (requiredAttestationKinds({ deploymentModels: demo.deployment }).includes(kind))
          validity.push(validUntil)
        const [attestation] = await tx.insert(attestations).values({
          appId: app.id,
          releaseId: kind === 'pentest' ? latest.id : null,
          kind,
          issuer: attestationIssuers[kind],
          issuedOn,
          validUntil,
          evidenceUrl: `${owner.website}/nachweise/${demo.slug}/${kind}.pdf`,
          evidenceSha256: sha256(`${demo.slug}/${kind}/${issuedOn}`),
          details: kind === 'xoev' ? demo.xoev! : kind === 'ozg_reifegrad' ? { level: demo.ozgLevel! } : {},
        }).returning({ id: attestations.id })
        await appendAuditEvent(tx, { actorOrganizationId: ownerId, action: 'attestation.added', entityType: 'attestation', entityId: attestation.id, appId: app.id, payload: { kind, issuer: attestationIssuers[kind], issuedOn, validUntil } })
      }

      if (status === 'in_review')
        continue

      certificateSerial++
      const [certificate] = await tx.insert(certifications).values({
        appId: app.id,
        releaseId: latest.id,
        certificateNumber: `LCIO-${today.slice(0, 4)}-${String(certificateSerial).padStart(4, '0')}`,
        major,
        status: status === 'suspended' ? 'suspended' : 'valid',
        issuedAt: new Date(`${latest.releasedOn}T12:00:00Z`),
        validUntil: validity.sort()[0],
        statusReason: status === 'suspended' ? 'Penetrationstest des aktuellen Release steht aus; Befunde der Vorversion nicht behoben.' : null,
        statusChangedAt: status === 'suspended' ? new Date(`${addDays(today, -10)}T08:00:00Z`) : null,
      }).returning({ id: certifications.id, certificateNumber: certifications.certificateNumber, validUntil: certifications.validUntil })
      await appendAuditEvent(tx, { actorOrganizationId: cioId, action: 'certificate.issued', entityType: 'certificate', entityId: certificate.id, appId: app.id, payload: { certificateNumber: certificate.certificateNumber, releaseVersion: latest.version, validUntil: certificate.validUntil } })
      if (status === 'suspended')
        await appendAuditEvent(tx, { actorOrganizationId: cioId, action: 'certificate.suspended', entityType: 'certificate', entityId: certificate.id, appId: app.id, payload: { reason: 'Penetrationstest des aktuellen Release steht aus; Befunde der Vorversion nicht behoben.' } })

      // Adopters: about half from the app's own Land ("Einer für Alle" starts at home), the rest anywhere.
      const adopters = new Set<string>()
      const target = Math.round(demo.popularity * 1.6)
      const homeLand = municipalityRows.filter(m => m.landCode === demo.land)
      while (adopters.size < Math.min(target, municipalityRows.length)) {
        const pool = random.next() < 0.5 && homeLand.length > 0 ? homeLand : municipalityRows
        adopters.add(random.pick(pool).id)
      }
      const subscriptionRows = [...adopters].map(organizationId => ({
        appId: app.id,
        organizationId,
        operatingModel: random.pick(demo.deployment),
        startedOn: addDays(today, -random.int(1, 900)),
      }))
      await tx.insert(subscriptions).values(subscriptionRows)
      subscriptionCount += subscriptionRows.length

      if (demo.deployment.includes('efa_service')) {
        await tx.insert(costModels).values({
          appId: app.id,
          year: Number(today.slice(0, 4)),
          annualCostCents: random.int(40, 400) * 100_000,
          connectionFeeCents: random.int(5, 50) * 10_000,
          centralFundingPercent: random.pick([0, 0, 50]),
          sharingKey: random.pick(['population', 'population', 'koenigstein', 'equal'] as const),
        })
      }
    }

    return {
      seeded: true,
      organizations: landOrgs.length + municipalityRows.length + vendorRows.length,
      apps: demoApps.length,
      subscriptions: subscriptionCount,
    }
  })
}

/** What publiccode.yml says about the software besides texts: features, platforms, maturity, maintenance, languages. */
function softwareProfile(demo: DemoApp, owner: DemoOrganization, provider: DemoOrganization | undefined, today: string) {
  const domain = new URL(owner.website).hostname
  return {
    features: demo.features,
    platforms: ['web'],
    developmentStatus: demo.status === 'draft' ? 'beta' as const : 'stable' as const,
    softwareType: 'standalone/web' as const,
    // publiccode.yml: contractors only with maintenance under contract, which is how an EfA operator runs the service.
    maintenance: {
      type: provider ? 'contract' as const : owner.kind === 'consortium' ? 'community' as const : 'internal' as const,
      contacts: [{ name: `Produktteam ${demo.name}`, email: `${demo.slug}@${domain}`, affiliation: owner.name }],
      contractors: provider ? [{ name: provider.name, until: `${Number(today.slice(0, 4)) + 2}-12-31`, website: provider.website }] : [],
    },
    availableLanguages: demo.features.some(feature => feature.startsWith('Mehrsprachig')) ? ['de', 'en'] : ['de'],
    localisationReady: demo.features.some(feature => feature.startsWith('Mehrsprachig')),
  }
}

function describe(demo: (typeof demoApps)[number]): string {
  const operation = demo.deployment.map(model => ({
    self_hosted: 'im eigenen Rechenzentrum oder beim kommunalen IT-Dienstleister',
    efa_service: 'als EfA-Dienst eines Betreibers für alle nachnutzenden Kommunen',
    saas: 'als Cloud-Dienst (SaaS)',
  })[model])
  return [
    demo.summary,
    '',
    '## Funktionen',
    ...demo.features.map(feature => `- ${feature}`),
    '',
    '## Betrieb',
    `Betrieb ${operation.join(', ')}.`,
  ].join('\n')
}

function changelogFor(name: string, step: number): string {
  return [
    `- Fehlerbehebungen und Sicherheitsupdates für ${name}`,
    '- Aktualisierte Abhängigkeiten (SBOM aktualisiert)',
    '- Verbesserte Barrierefreiheit der Formulare (Fokusreihenfolge, Fehlermeldungen)',
    '- Neue Exportfunktion für Statistiken',
  ].slice(0, 2 + (step % 3)).join('\n')
}
