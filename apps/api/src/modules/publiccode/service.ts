import type { Database } from '@kas/db'
import type { FieldSource, Finding, PubliccodeApp, PubliccodeField } from './read.ts'
import type { AppFields, ExportableApp } from './write.ts'
import { appendAuditEvent, canonicalJson, schema, selectRows, slugify } from '@kas/db'
import { eq, sql } from 'drizzle-orm'
import semver from 'semver'
import { sqlState, UNIQUE_VIOLATION } from '../../lib/database-errors.ts'
import { notFound, Problem } from '../../lib/problem.ts'
import { insertRelease } from '../publishing/service.ts'
import { readPubliccode } from './read.ts'
import { publiccodeCategories } from './vocabulary.ts'
import { writePubliccode } from './write.ts'

const { apps } = schema

/** Who imports: the owning organization, and the user when the import came through the API. */
export interface ImportActor {
  organizationId: string
  organizationKind: string
  userId: string | null
}

type StoredFields = AppFields
type StoredField = keyof StoredFields

export interface FieldChange {
  field: StoredField | 'deploymentModels'
  /** The key in the file the value came from; null when the store chose it. */
  source: string | null
  line: number | null
  value: unknown
  change: 'new' | 'changed' | 'unchanged'
}

export interface ImportReport {
  dryRun: boolean
  outcome: 'created' | 'updated' | 'unchanged'
  publiccodeYmlVersion: string
  app: { slug: string, name: string, status: string }
  fields: FieldChange[]
  release: { version: string, releasedOn: string, outcome: 'created' | 'unchanged' | 'skipped', reason: string | null } | null
  warnings: Finding[]
  ignored: Finding[]
}

/** Size limit of an uploaded publiccode.yml; real files are a few kilobytes. */
export const PUBLICCODE_MAX_BYTES = 256 * 1024

/** Fields compared as sets: their order carries no meaning, so a reordered file changes nothing. */
const setFields = new Set<StoredField>(['tags', 'platforms', 'basisdienste', 'themenfelder', 'leikaIds', 'declaredUsers', 'complianceClaims', 'availableLanguages'])
/** Where each field comes from in the file, for fields derived from another key. */
const sourceField: Partial<Record<StoredField, PubliccodeField>> = { tags: 'categories', declaredUsers: 'usedBy' }

const sameValue = (field: StoredField, a: unknown, b: unknown) => setFields.has(field)
  ? canonicalJson([...(a as string[])].sort()) === canonicalJson([...(b as string[])].sort())
  : canonicalJson(a ?? null) === canonicalJson(b ?? null)

/** Repository addresses compared without scheme, case, trailing slash or ".git" (the same in SQL below). */
export function repositoryKey(url: string): string {
  return url.trim().toLowerCase().replace(/^https?:\/\//, '').replace(/\/+$/, '').replace(/\.git$/, '').replace(/\/+$/, '')
}

/** Organization names compared without case, accents or extra spaces (usedBy entries, owners named in files). */
export const foldOrganizationName = (name: string) => name.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036F]/g, '').replace(/\s+/g, ' ').trim()

export function importProblem(detail: string, findings: Finding[], warnings: Finding[] = []): Problem {
  return new Problem(422, 'Unprocessable Content', detail, findings.map(finding => ({
    pointer: `/${finding.path.replace(/\[(\d+)\]/g, '.$1').split('.').filter(Boolean).join('/')}`,
    path: finding.path,
    line: finding.line,
    column: finding.column,
    code: finding.code,
    params: finding.params,
    message: finding.message,
  })), { warnings })
}

const describeFinding = (finding: Finding) => `${finding.path || 'file'} (line ${finding.line}): ${finding.message}`

interface CurrentApp extends StoredFields {
  id: string
  slug: string
  status: string
  revision: number
  ownerOrganizationId: string
}

/**
 * Creates or updates the caller's app from a publiccode.yml. Matched by repository address; nothing
 * is written unless the whole file is valid, and a dry run writes nothing at all. Keys the file leaves
 * out keep their stored value.
 */
export async function importPubliccode(db: Database, actor: ImportActor, text: string, options: { dryRun: boolean }): Promise<ImportReport> {
  const result = readPubliccode(text)
  if (result.kind === 'not-yaml')
    throw importProblem(`The file is not valid YAML: ${result.problems.map(describeFinding).join('; ')}`, result.problems)
  if (result.kind === 'not-publiccode')
    throw importProblem(result.problems[0]!.message, result.problems)
  if (result.problems.length > 0) {
    const count = result.problems.length
    throw importProblem(`The publiccode.yml has ${count} ${count === 1 ? 'problem' : 'problems'}; nothing was imported. ${result.problems.map(describeFinding).join('; ')}`, result.problems, result.warnings)
  }
  const file = result.app
  const current = await findByRepository(db, file.repositoryUrl)
  if (current && current.ownerOrganizationId !== actor.organizationId)
    throw new Problem(409, 'Conflict', `The repository ${file.repositoryUrl} is already published in the store by another organization.`, [{ pointer: '/url', message: 'belongs to an app of another organization' }])
  if (current?.status === 'retired')
    throw new Problem(409, 'Conflict', `The app "${current.slug}" for this repository is retired and cannot be changed.`)

  const verifiedUsers = current ? await verifiedUserNames(db, current.id) : new Set<string>()
  const next = nextFields(file, current, result.fallbackThemenfelder, verifiedUsers)
  const fields = fieldChanges(next, current, result.sources)
  const changed = fields.filter(field => field.change === 'changed' && field.field !== 'deploymentModels').map(field => field.field as StoredField)
  const release = await plannedRelease(db, current, result.release)
  const outcome = !current ? 'created' : changed.length > 0 ? 'updated' : 'unchanged'
  const slug = current?.slug ?? await freeSlug(db, file.name)
  const report: ImportReport = {
    dryRun: options.dryRun,
    outcome,
    publiccodeYmlVersion: result.version,
    app: { slug, name: next.name, status: current?.status ?? 'draft' },
    fields,
    release,
    warnings: result.warnings,
    ignored: result.ignored,
  }
  if (options.dryRun || (outcome === 'unchanged' && release?.outcome !== 'created'))
    return report

  try {
    await db.transaction(async (tx) => {
      const audit = { actorUserId: actor.userId, actorOrganizationId: actor.organizationId }
      let appId = current?.id
      if (!current) {
        const [created] = await tx.insert(apps).values({
          slug,
          ...next,
          ownerOrganizationId: actor.organizationId,
          maintainerType: maintainerTypeOf(actor.organizationKind),
          deploymentModels: ['self_hosted'],
          status: 'draft',
        }).returning({ id: apps.id })
        appId = created.id
      }
      else if (changed.length > 0) {
        const updated = await tx.update(apps)
          .set({ ...Object.fromEntries(changed.map(field => [field, next[field]])), revision: sql`${apps.revision} + 1`, updatedAt: new Date() })
          .where(sql`${apps.id} = ${current.id} AND ${apps.revision} = ${current.revision}`)
          .returning({ id: apps.id })
        if (updated.length === 0)
          throw new Problem(412, 'Precondition Failed', 'The app was changed while the file was imported. Import it again.')
      }
      await appendAuditEvent(tx, { ...audit, action: 'app.imported', entityType: 'app', entityId: appId!, appId, payload: { source: 'publiccode.yml', publiccodeYmlVersion: result.version, outcome, fields: current ? changed.sort() : Object.keys(next).sort(), release: release?.outcome === 'created' ? release.version : null } })
      if (release?.outcome === 'created')
        await insertRelease(tx, { appId: appId!, ...audit }, { version: release.version, releasedOn: release.releasedOn, changelog: '' })
    })
  }
  catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new Problem(409, 'Conflict', 'Another import of this app ran at the same time. Import the file again.')
    throw error
  }
  return report
}

async function findByRepository(db: Database, url: string): Promise<CurrentApp | undefined> {
  const [row] = await db.select().from(apps)
    .where(sql`regexp_replace(regexp_replace(lower(${apps.repositoryUrl}), '^https?://', ''), '/*(\\.git)?/*$', '') = ${repositoryKey(url)}`)
    .orderBy(sql`${apps.status} = 'retired'`, apps.createdAt)
    .limit(1)
  return row as CurrentApp | undefined
}

/** Names of organizations that really use the app: `usedBy` entries naming them are no "declared users". */
async function verifiedUserNames(db: Database, appId: string): Promise<Set<string>> {
  const rows = await selectRows<{ name: string }>(db, sql`
    SELECT o.name FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
    WHERE s.app_id = ${appId} AND s.status = 'active'`)
  return new Set(rows.map(row => foldOrganizationName(row.name)))
}

function nextFields(file: PubliccodeApp, current: CurrentApp | undefined, fallbackThemenfelder: StoredFields['themenfelder'], verifiedUsers: Set<string>): StoredFields {
  const currentTags = current?.tags ?? []
  return {
    name: file.name,
    summary: file.summary,
    description: file.description ?? current?.description ?? '',
    features: file.features ?? current?.features ?? [],
    repositoryUrl: current && repositoryKey(current.repositoryUrl) === repositoryKey(file.repositoryUrl) ? current.repositoryUrl : file.repositoryUrl,
    homepageUrl: file.homepageUrl ?? current?.homepageUrl ?? null,
    license: file.license,
    // Categories replace the category tags only; the publisher's own German tags stay.
    tags: file.categories ? [...new Set([...currentTags.filter(tag => !publiccodeCategories.has(tag)), ...file.categories])].slice(0, 30) : currentTags,
    platforms: file.platforms ?? current?.platforms ?? [],
    developmentStatus: file.developmentStatus ?? current?.developmentStatus ?? null,
    softwareType: file.softwareType ?? current?.softwareType ?? null,
    maintenance: file.maintenance ?? current?.maintenance ?? null,
    availableLanguages: file.availableLanguages ?? current?.availableLanguages ?? [],
    localisationReady: file.localisationReady ?? current?.localisationReady ?? null,
    basisdienste: file.basisdienste ?? current?.basisdienste ?? [],
    themenfelder: file.themenfelder ?? current?.themenfelder ?? fallbackThemenfelder,
    leikaIds: file.leikaIds ?? current?.leikaIds ?? [],
    declaredUsers: file.usedBy ? file.usedBy.filter(name => !verifiedUsers.has(foldOrganizationName(name))) : current?.declaredUsers ?? [],
    complianceClaims: file.complianceClaims ?? current?.complianceClaims ?? [],
  }
}

/** Every field the file sets or the store chooses, with what it will change. Unchanged values keep their stored order. */
function fieldChanges(next: StoredFields, current: CurrentApp | undefined, sources: Partial<Record<PubliccodeField, FieldSource>>): FieldChange[] {
  const changes: FieldChange[] = []
  for (const field of Object.keys(next) as StoredField[]) {
    const source = sources[sourceField[field] ?? field as PubliccodeField]
    const storeChoice = !current && field === 'themenfelder' && !source
    if (!source && !storeChoice)
      continue
    const same = current !== undefined && sameValue(field, next[field], current[field])
    if (same)
      (next as unknown as Record<string, unknown>)[field] = current[field]
    changes.push({ field, source: source?.path ?? null, line: source?.line ?? null, value: next[field], change: !current ? 'new' : same ? 'unchanged' : 'changed' })
  }
  if (!current)
    changes.push({ field: 'deploymentModels', source: null, line: null, value: ['self_hosted'], change: 'new' })
  return changes
}

async function plannedRelease(db: Database, current: CurrentApp | undefined, release: { version: string, releasedOn: string } | null): Promise<ImportReport['release']> {
  if (!release)
    return null
  if (!current)
    return { ...release, outcome: 'created', reason: null }
  const versions = await selectRows<{ version: string, released_on: string }>(db, sql`SELECT version, released_on::text AS released_on FROM releases WHERE app_id = ${current.id}`)
  const same = versions.find(row => row.version === release.version)
  if (same) {
    return same.released_on === release.releasedOn
      ? { ...release, outcome: 'unchanged', reason: null }
      : { ...release, outcome: 'skipped', reason: `Release ${release.version} exists with the date ${same.released_on}; releases are not changed.` }
  }
  const highest = versions.map(row => row.version).sort(semver.rcompare)[0]
  if (highest && !semver.gt(release.version, highest))
    return { ...release, outcome: 'skipped', reason: `Version ${release.version} is older than the latest release ${highest}.` }
  return { ...release, outcome: 'created', reason: null }
}

function maintainerTypeOf(kind: string): 'public_body' | 'vendor' | 'consortium' {
  if (kind === 'consortium')
    return 'consortium'
  return ['municipality', 'county', 'land', 'state_cio'].includes(kind) ? 'public_body' : 'vendor'
}

/** A slug from the name that no app has yet: "fiffi", then "fiffi-2" … */
async function freeSlug(db: Database, name: string): Promise<string> {
  const base = (slugify(name).slice(0, 70).replace(/-+$/, '') || 'app')
  const taken = new Set((await selectRows<{ slug: string }>(db, sql`SELECT slug FROM apps WHERE slug = ${base} OR slug LIKE ${`${base}-%`}`)).map(row => row.slug))
  if (!taken.has(base))
    return base
  let counter = 2
  while (taken.has(`${base}-${counter}`))
    counter++
  return `${base}-${counter}`
}

/** A public app (certified, certificate valid today) as publiccode.yml. */
export async function exportPubliccode(db: Database, slug: string): Promise<string> {
  const [app] = await db.select().from(apps).where(eq(apps.slug, slug))
  if (!app || app.status !== 'certified' || !app.certifiedUntil || app.certifiedUntil < new Date().toISOString().slice(0, 10))
    throw notFound('App', slug)
  const [latest] = await selectRows<{ version: string, released_on: string }>(db, sql`
    SELECT version, released_on::text AS released_on FROM releases WHERE app_id = ${app.id}
    ORDER BY major DESC, minor DESC, patch DESC LIMIT 1`)
  const adopters = await selectRows<{ name: string }>(db, sql`
    SELECT o.name FROM subscriptions s JOIN organizations o ON o.id = s.organization_id
    WHERE s.app_id = ${app.id} AND s.status = 'active' AND o.listed_publicly
    ORDER BY o.name`)
  const [owner] = await selectRows<{ name: string, website: string | null }>(db, sql`SELECT name, website FROM organizations WHERE id = ${app.ownerOrganizationId}`)
  const named = new Set(adopters.map(adopter => foldOrganizationName(adopter.name)))
  const exportable: ExportableApp = {
    ...app,
    owner: owner!,
    latestRelease: latest ? { version: latest.version, releasedOn: latest.released_on } : null,
    usedBy: [...adopters.map(adopter => adopter.name), ...app.declaredUsers.filter(name => !named.has(foldOrganizationName(name)))],
  }
  return writePubliccode(exportable)
}
