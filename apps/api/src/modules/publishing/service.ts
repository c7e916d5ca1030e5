import type { Database } from '@kas/db'
import type { AttestationKind } from '@kas/db/schema'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { AttestationBodySchema, CreateAppBodySchema, PublisherAppSchema, ReleaseBodySchema, UpdateAppBodySchema } from './schemas.ts'
import { appendAuditEvent, requiredAttestationKinds, schema, selectRows, todayUtc } from '@kas/db'
import { attestationKindValues } from '@kas/db/schema'
import { and, eq, sql } from 'drizzle-orm'
import semver from 'semver'
import { sqlState, UNIQUE_VIOLATION } from '../../lib/database-errors.ts'
import { notFound, Problem } from '../../lib/problem.ts'
import { utcTimestamp } from '../../lib/sql.ts'
import { requireRole } from '../identity/principal.ts'
import { notifySubscribers } from '../notifications/outbox.ts'
import { checkLicenseExpression } from './license.ts'
import { sbomProblems } from './sbom.ts'

const { apps, attestations, certificationRequests, organizations, releases } = schema

type PublisherApp = Static<typeof PublisherAppSchema>
const unprocessable = (detail: string, errors?: { pointer: string, message: string }[]) => new Problem(422, 'Unprocessable Content', detail, errors)

function actor(principal: Principal) {
  return { actorUserId: principal.userId, actorOrganizationId: principal.organization.id }
}

/** The caller's own app (any status). Someone else's app is "not found": drafts must not be discoverable. */
async function ownApp(db: Database, principal: Principal, slug: string) {
  requireRole(principal, 'vendor_publisher')
  const [app] = await db.select().from(apps).where(and(eq(apps.slug, slug), eq(apps.ownerOrganizationId, principal.organization.id)))
  if (!app)
    throw notFound('App', slug)
  return app
}

async function providerId(db: Database, slug: string | null | undefined): Promise<string | null> {
  if (!slug)
    return null
  const [provider] = await db.select({ id: organizations.id, kind: organizations.kind }).from(organizations).where(eq(organizations.slug, slug))
  if (!provider || provider.kind !== 'provider')
    throw unprocessable(`"${slug}" is not a registered provider organization.`, [{ pointer: '/body/provider', message: 'is not a provider organization' }])
  return provider.id
}

function checkLicense(license: string): void {
  const check = checkLicenseExpression(license)
  if (!check.ok)
    throw unprocessable(check.problem!, [{ pointer: '/body/license', message: check.problem! }])
}

/** The publiccode.yml standard names contractors only for maintenance under contract. */
function checkMaintenance(maintenance: { type: string, contractors: unknown[] } | null | undefined): void {
  if (maintenance && maintenance.type !== 'contract' && maintenance.contractors.length > 0)
    throw unprocessable('Contractors belong to maintenance of type "contract".', [{ pointer: '/body/maintenance/contractors', message: 'only with type "contract"' }])
}

function checkProviderForEfa(deploymentModels: readonly string[], provider: string | null): void {
  if (deploymentModels.includes('efa_service') && !provider)
    throw unprocessable('An EfA service needs the provider organization that runs it for everyone.', [{ pointer: '/body/provider', message: 'is required for efa_service' }])
}

export async function listOwnApps(db: Database, principal: Principal) {
  requireRole(principal, 'vendor_publisher')
  return selectRows<{ slug: string, name: string, status: string, latestVersion: string | null, updatedAt: string }>(db, sql`
    SELECT a.slug, a.name, a.status::text AS status,
           (SELECT r.version FROM releases r WHERE r.app_id = a.id ORDER BY r.major DESC, r.minor DESC, r.patch DESC LIMIT 1) AS "latestVersion",
           ${utcTimestamp(sql`a.updated_at`)} AS "updatedAt"
    FROM apps a WHERE a.owner_organization_id = ${principal.organization.id}
    ORDER BY a.updated_at DESC, a.slug`)
}

export async function getOwnApp(db: Database, principal: Principal, slug: string): Promise<PublisherApp> {
  const app = await ownApp(db, principal, slug)
  const [owner] = await db.select({ slug: organizations.slug, name: organizations.name }).from(organizations).where(eq(organizations.id, app.ownerOrganizationId))
  const provider = app.providerOrganizationId
    ? (await db.select({ slug: organizations.slug }).from(organizations).where(eq(organizations.id, app.providerOrganizationId)))[0]?.slug ?? null
    : null
  const releaseRows = await selectRows<{ id: string, version: string, releasedOn: string, artifactUrl: string, artifactSha256: string, hasSbom: boolean }>(db, sql`
    SELECT id, version, released_on::text AS "releasedOn", artifact_url AS "artifactUrl", artifact_sha256 AS "artifactSha256", sbom IS NOT NULL AS "hasSbom"
    FROM releases WHERE app_id = ${app.id} ORDER BY major DESC, minor DESC, patch DESC`)
  const attestationRows = await selectRows<PublisherApp['attestations'][number]>(db, sql`
    SELECT t.id, t.kind::text AS kind, t.issuer, t.issued_on::text AS "issuedOn", t.valid_until::text AS "validUntil", t.evidence_url AS "evidenceUrl", r.version AS "releaseVersion"
    FROM attestations t LEFT JOIN releases r ON r.id = t.release_id WHERE t.app_id = ${app.id} ORDER BY t.kind, t.valid_until DESC`)
  const requestRows = await selectRows<PublisherApp['certificationRequests'][number]>(db, sql`
    SELECT q.id, r.version AS "releaseVersion", q.status::text AS status,
           ${utcTimestamp(sql`q.submitted_at`)} AS "submittedAt",
           CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object(
             'outcome', d.outcome, 'criteria', d.criteria, 'comment', d.comment,
             'decidedAt', ${utcTimestamp(sql`d.decided_at`)}) END AS decision
    FROM certification_requests q JOIN releases r ON r.id = q.release_id
    LEFT JOIN certification_decisions d ON d.request_id = q.id
    WHERE q.app_id = ${app.id} ORDER BY q.submitted_at DESC`)
  return {
    slug: app.slug,
    status: app.status,
    revision: app.revision,
    name: app.name,
    summary: app.summary,
    description: app.description,
    themenfelder: app.themenfelder,
    tags: app.tags,
    searchTerms: app.searchTerms,
    basisdienste: app.basisdienste,
    license: app.license,
    deploymentModels: app.deploymentModels,
    repositoryUrl: app.repositoryUrl,
    homepageUrl: app.homepageUrl,
    originLandCode: app.originLandCode,
    provider,
    features: app.features,
    platforms: app.platforms,
    developmentStatus: app.developmentStatus,
    softwareType: app.softwareType,
    maintenance: app.maintenance,
    availableLanguages: app.availableLanguages,
    localisationReady: app.localisationReady,
    leikaIds: app.leikaIds,
    declaredUsers: app.declaredUsers,
    complianceClaims: app.complianceClaims,
    owner: owner!,
    releases: releaseRows.map(({ id: _id, ...release }) => release),
    attestations: attestationRows,
    certificationRequests: requestRows,
    updatedAt: app.updatedAt.toISOString(),
  }
}

/** A new draft app of the caller's organization. */
export async function createApp(db: Database, principal: Principal, body: Static<typeof CreateAppBodySchema>): Promise<PublisherApp> {
  requireRole(principal, 'vendor_publisher')
  checkLicense(body.license)
  checkMaintenance(body.maintenance)
  const provider = await providerId(db, body.provider)
  checkProviderForEfa(body.deploymentModels, provider)
  try {
    await db.transaction(async (tx) => {
      const [app] = await tx.insert(apps).values({
        slug: body.slug,
        name: body.name,
        summary: body.summary,
        description: body.description ?? '',
        themenfelder: body.themenfelder,
        tags: body.tags ?? [],
        searchTerms: body.searchTerms ?? [],
        basisdienste: body.basisdienste ?? [],
        ownerOrganizationId: principal.organization.id,
        providerOrganizationId: provider,
        maintainerType: principal.organization.kind === 'consortium' ? 'consortium' : 'vendor',
        repositoryUrl: body.repositoryUrl,
        homepageUrl: body.homepageUrl ?? null,
        license: body.license,
        deploymentModels: body.deploymentModels,
        originLandCode: body.originLandCode ?? null,
        features: body.features ?? [],
        platforms: body.platforms ?? [],
        developmentStatus: body.developmentStatus ?? null,
        softwareType: body.softwareType ?? null,
        maintenance: body.maintenance ?? null,
        availableLanguages: body.availableLanguages ?? [],
        localisationReady: body.localisationReady ?? null,
        leikaIds: body.leikaIds ?? [],
        status: 'draft',
      }).returning({ id: apps.id })
      await appendAuditEvent(tx, { ...actor(principal), action: 'app.created', entityType: 'app', entityId: app.id, appId: app.id, payload: { slug: body.slug, name: body.name, license: body.license } })
    })
  }
  catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new Problem(409, 'Conflict', `The slug "${body.slug}" is taken; choose another.`, [{ pointer: '/body/slug', message: 'is already used' }])
    throw error
  }
  return getOwnApp(db, principal, body.slug)
}

/** Changes an own app, but only if nobody changed it since the caller read `revision` (optimistic locking). */
export async function updateApp(db: Database, principal: Principal, slug: string, revision: number, body: Static<typeof UpdateAppBodySchema>): Promise<PublisherApp> {
  const app = await ownApp(db, principal, slug)
  if (app.status === 'retired')
    throw new Problem(409, 'Conflict', 'A retired app cannot be changed.')
  if (body.license !== undefined)
    checkLicense(body.license)
  checkMaintenance(body.maintenance)
  const provider = body.provider !== undefined ? await providerId(db, body.provider) : app.providerOrganizationId
  checkProviderForEfa(body.deploymentModels ?? app.deploymentModels, provider)
  const { provider: _provider, ...fields } = body
  await db.transaction(async (tx) => {
    const updated = await tx.update(apps)
      .set({ ...fields, providerOrganizationId: provider, revision: sql`${apps.revision} + 1`, updatedAt: new Date() })
      .where(and(eq(apps.id, app.id), eq(apps.revision, revision)))
      .returning({ revision: apps.revision })
    if (updated.length === 0)
      throw new Problem(412, 'Precondition Failed', 'The app was changed since you read it. Load it again, check the changes and retry.')
    await appendAuditEvent(tx, { ...actor(principal), action: 'app.updated', entityType: 'app', entityId: app.id, appId: app.id, payload: { fields: Object.keys(body).sort(), revision: updated[0].revision } })
  })
  return getOwnApp(db, principal, slug)
}

export async function retireApp(db: Database, principal: Principal, slug: string, revision: number): Promise<PublisherApp> {
  const app = await ownApp(db, principal, slug)
  await db.transaction(async (tx) => {
    const updated = await tx.update(apps)
      .set({ status: 'retired', revision: sql`${apps.revision} + 1`, updatedAt: new Date() })
      .where(and(eq(apps.id, app.id), eq(apps.revision, revision)))
      .returning({ id: apps.id })
    if (updated.length === 0)
      throw new Problem(412, 'Precondition Failed', 'The app was changed since you read it. Load it again and retry.')
    await appendAuditEvent(tx, { ...actor(principal), action: 'app.retired', entityType: 'app', entityId: app.id, appId: app.id, payload: { previousStatus: app.status } })
    await notifySubscribers(tx, { type: 'app.retired', appId: app.id, payload: {}, dedupeKey: null })
  })
  return getOwnApp(db, principal, slug)
}

/** A release with a version higher than all earlier ones, optionally with a CycloneDX SBOM. */
export async function addRelease(db: Database, principal: Principal, slug: string, body: Static<typeof ReleaseBodySchema>): Promise<PublisherApp> {
  const app = await ownApp(db, principal, slug)
  if (app.status === 'retired')
    throw new Problem(409, 'Conflict', 'A retired app gets no new releases.')
  const version = semver.valid(body.version)
  if (!version || version !== body.version)
    throw unprocessable(`"${body.version}" is not a semantic version such as 2.4.1.`, [{ pointer: '/body/version', message: 'is not a semantic version' }])
  if (body.sbom) {
    const problems = sbomProblems(body.sbom)
    if (problems.length > 0)
      throw unprocessable('The SBOM is not a valid CycloneDX document.', problems.map(message => ({ pointer: '/body/sbom', message })))
  }
  try {
    await db.transaction(tx => insertRelease(tx, { appId: app.id, ...actor(principal) }, { ...body, version }))
  }
  catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new Problem(409, 'Conflict', `Version ${version} exists already.`)
    throw error
  }
  return getOwnApp(db, principal, slug)
}

export interface NewRelease {
  version: string
  releasedOn: string
  changelog?: string
  artifactUrl?: string
  artifactSha256?: string
  sbom?: Record<string, unknown>
}

/**
 * Records a release inside the caller's transaction: it must be higher than every earlier one. Audited,
 * and subscribers are told. `version` must already be a valid semantic version.
 */
export async function insertRelease(tx: Database, context: { appId: string, actorUserId: string | null, actorOrganizationId: string }, release: NewRelease): Promise<void> {
  const { appId, ...actorIds } = context
  // Lock the app row so that two releases submitted at once are compared with each other.
  await tx.execute(sql`SELECT id FROM apps WHERE id = ${appId} FOR UPDATE`)
  const existing = await tx.select({ version: releases.version }).from(releases).where(eq(releases.appId, appId))
  const highest = existing.map(r => r.version).sort(semver.rcompare)[0]
  if (highest && !semver.gt(release.version, highest))
    throw unprocessable(`Version ${release.version} must be higher than the latest release ${highest}.`, [{ pointer: '/body/version', message: `must be higher than ${highest}` }])
  const parsed = semver.parse(release.version)!
  const [row] = await tx.insert(releases).values({
    appId,
    version: release.version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    releasedOn: release.releasedOn,
    changelog: release.changelog ?? '',
    artifactUrl: release.artifactUrl ?? null,
    artifactSha256: release.artifactSha256 ?? null,
    sbom: release.sbom ?? null,
  }).returning({ id: releases.id })
  await appendAuditEvent(tx, { ...actorIds, action: 'release.published', entityType: 'release', entityId: row.id, appId, payload: { version: release.version, releasedOn: release.releasedOn, artifactSha256: release.artifactSha256 ?? null } })
  await notifySubscribers(tx, { type: 'release.published', appId, payload: { version: release.version, releasedOn: release.releasedOn }, dedupeKey: null })
}

export async function addAttestation(db: Database, principal: Principal, slug: string, body: Static<typeof AttestationBodySchema>): Promise<PublisherApp> {
  const app = await ownApp(db, principal, slug)
  const errors: { pointer: string, message: string }[] = []
  if (!attestationKindValues.includes(body.kind as AttestationKind))
    errors.push({ pointer: '/body/kind', message: `must be one of ${attestationKindValues.join(', ')}` })
  if (body.issuedOn > todayUtc())
    errors.push({ pointer: '/body/issuedOn', message: 'lies in the future' })
  if (body.validUntil <= body.issuedOn)
    errors.push({ pointer: '/body/validUntil', message: 'must be after issuedOn' })
  if (Number(body.validUntil.slice(0, 4)) - Number(body.issuedOn.slice(0, 4)) > 10)
    errors.push({ pointer: '/body/validUntil', message: 'lies more than ten years after issuedOn' })
  let releaseId: string | null = null
  if (body.releaseVersion) {
    const [release] = await db.select({ id: releases.id }).from(releases).where(and(eq(releases.appId, app.id), eq(releases.version, body.releaseVersion)))
    if (!release)
      errors.push({ pointer: '/body/releaseVersion', message: `names no release of ${slug}` })
    releaseId = release?.id ?? null
  }
  if (errors.length > 0)
    throw unprocessable('The attestation cannot be recorded.', errors)
  await db.transaction(async (tx) => {
    const [attestation] = await tx.insert(attestations).values({
      appId: app.id,
      releaseId,
      kind: body.kind as AttestationKind,
      issuer: body.issuer,
      issuedOn: body.issuedOn,
      validUntil: body.validUntil,
      evidenceUrl: body.evidenceUrl,
      evidenceSha256: body.evidenceSha256,
      details: body.details ?? {},
    }).returning({ id: attestations.id })
    await appendAuditEvent(tx, { ...actor(principal), action: 'attestation.added', entityType: 'attestation', entityId: attestation.id, appId: app.id, payload: { kind: body.kind, issuer: body.issuer, issuedOn: body.issuedOn, validUntil: body.validUntil, releaseVersion: body.releaseVersion ?? null } })
  })
  return getOwnApp(db, principal, slug)
}

/**
 * Submits a release for certification. Refused with one entry per unmet criterion when a required
 * attestation (certification-rules.ts) is missing or no longer valid.
 */
export async function requestCertification(db: Database, principal: Principal, slug: string, releaseVersion: string) {
  const app = await ownApp(db, principal, slug)
  if (app.status === 'retired')
    throw new Problem(409, 'Conflict', 'A retired app cannot be certified.')
  const [release] = await db.select({ id: releases.id }).from(releases).where(and(eq(releases.appId, app.id), eq(releases.version, releaseVersion)))
  if (!release)
    throw unprocessable(`${slug} has no release ${releaseVersion}.`, [{ pointer: '/body/release', message: 'names no release of this app' }])
  const valid = await selectRows<{ kind: string, until: string }>(db, sql`
    SELECT kind::text AS kind, max(valid_until)::text AS until FROM attestations
    WHERE app_id = ${app.id} AND valid_until >= CURRENT_DATE AND (release_id IS NULL OR release_id = ${release.id})
    GROUP BY kind`)
  const criteria = requiredAttestationKinds({ deploymentModels: app.deploymentModels }).map((kind) => {
    const found = valid.find(v => v.kind === kind)
    return { criterion: kind, met: Boolean(found), detail: found ? `valid until ${found.until}` : 'missing or expired' }
  })
  const unmet = criteria.filter(c => !c.met)
  if (unmet.length > 0)
    throw unprocessable(`Certification needs valid attestations for every criterion; missing or expired: ${unmet.map(c => c.criterion).join(', ')}.`, unmet.map(c => ({ pointer: `/criteria/${c.criterion}`, message: c.detail })))
  try {
    return await db.transaction(async (tx) => {
      const [request] = await tx.insert(certificationRequests).values({ appId: app.id, releaseId: release.id, submittedBy: principal.userId }).returning({ id: certificationRequests.id, submittedAt: certificationRequests.submittedAt })
      if (app.status === 'draft')
        await tx.update(apps).set({ status: 'in_review', updatedAt: new Date() }).where(eq(apps.id, app.id))
      await appendAuditEvent(tx, { ...actor(principal), action: 'certification.requested', entityType: 'certification_request', entityId: request.id, appId: app.id, payload: { releaseVersion, criteria } })
      return { id: request.id, status: 'pending' as const, releaseVersion, submittedAt: request.submittedAt.toISOString(), criteria }
    })
  }
  catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new Problem(409, 'Conflict', 'A certification request for this app is already waiting for review.')
    throw error
  }
}
