import { sql } from 'drizzle-orm'
import { boolean, char, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, unique, uuid } from 'drizzle-orm/pg-core'
import { appStatusEnum, basisdienstEnum, deploymentModelEnum, maintainerTypeEnum, themenfeldEnum } from './enums.ts'
import { organizations } from './organizations.ts'
import { lands } from './reference.ts'

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' })

/** Who maintains the software, as publiccode.yml describes it (`maintenance`). */
export interface Maintenance {
  type: 'internal' | 'contract' | 'community' | 'none'
  contacts: { name: string, email?: string, phone?: string, affiliation?: string }[]
  /** Organizations under contract to maintain the software, each until a date. */
  contractors: { name: string, until: string, email?: string, website?: string }[]
}

export const developmentStatusValues = ['concept', 'development', 'beta', 'stable', 'obsolete'] as const
export const softwareTypeValues = ['standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles'] as const

export const apps = pgTable('apps', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  summary: text('summary').notNull(),
  /** Markdown; rendered safely by the storefront. */
  description: text('description').notNull().default(''),
  themenfelder: themenfeldEnum('themenfelder').array().notNull(),
  tags: text('tags').array().notNull().default(sql`'{}'`),
  /** Words people search by that the text may lack: colloquial and official names, abbreviations (set by the vendor). */
  searchTerms: text('search_terms').array().notNull().default(sql`'{}'`),
  basisdienste: basisdienstEnum('basisdienste').array().notNull().default(sql`'{}'`),
  ownerOrganizationId: uuid('owner_organization_id').notNull().references(() => organizations.id),
  /** Organization running the EfA service for everyone, when there is one. */
  providerOrganizationId: uuid('provider_organization_id').references(() => organizations.id),
  maintainerType: maintainerTypeEnum('maintainer_type').notNull(),
  repositoryUrl: text('repository_url').notNull(),
  homepageUrl: text('homepage_url'),
  /** SPDX licence expression, e.g. "EUPL-1.2" or "AGPL-3.0-or-later OR MIT". */
  license: text('license').notNull(),
  deploymentModels: deploymentModelEnum('deployment_models').array().notNull(),
  originLandCode: char('origin_land_code', { length: 2 }).references(() => lands.code),
  /** What the software does, one line each (publiccode.yml `features`). */
  features: text('features').array().notNull().default(sql`'{}'`),
  /** Where people use it: web, windows, mac, linux, android, ios (publiccode.yml `platforms`). */
  platforms: text('platforms').array().notNull().default(sql`'{}'`),
  developmentStatus: text('development_status').$type<(typeof developmentStatusValues)[number]>(),
  softwareType: text('software_type').$type<(typeof softwareTypeValues)[number]>(),
  maintenance: jsonb('maintenance').$type<Maintenance>(),
  /** Languages of the user interface (BCP 47) and whether it can be translated (publiccode.yml `localisation`). */
  availableLanguages: text('available_languages').array().notNull().default(sql`'{}'`),
  localisationReady: boolean('localisation_ready'),
  /** LeiKa-Leistungsschlüssel (14 digits) of the administrative services the app covers. */
  leikaIds: text('leika_ids').array().notNull().default(sql`'{}'`),
  /** Bodies the publisher names as users (publiccode.yml `usedBy`): unverified, never counted as adoption. */
  declaredUsers: text('declared_users').array().notNull().default(sql`'{}'`),
  /** Compliance the publisher declares itself ("gdpr", "accessibility" …): claims, never attestations. */
  complianceClaims: text('compliance_claims').array().notNull().default(sql`'{}'`),
  status: appStatusEnum('status').notNull().default('draft'),
  /**
   * Validity end of the app's best valid certificate (NULL: none). Maintained by a trigger on
   * certifications (migration 0004) so the catalogue filters "certified today" without a join.
   */
  certifiedUntil: date('certified_until'),
  /** `{ kind: latest valid_until }` of the app's attestations, maintained by a trigger on attestations (migration 0004). */
  attestationValidUntil: jsonb('attestation_valid_until').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
  /** Maintained by a trigger on subscriptions in the same transaction, so it always equals the active subscriptions. */
  adoptionCount: integer('adoption_count').notNull().default(0),
  /** Weighted German full-text document, maintained by the apps_search trigger (migration 0002). */
  searchVector: tsvector('search_vector'),
  /** Lower-case name without diacritics, for exact-name ranking and name order. */
  nameFolded: text('name_folded').generatedAlwaysAs(sql`lower(f_unaccent(name))`),
  /** Folded (lower case, no diacritics) name, tags and summary for trigram matching. */
  searchText: text('search_text'),
  /** Incremented on every change; the ETag of the app. */
  revision: integer('revision').notNull().default(1),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  check('apps_slug_format', sql`${t.slug} ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(${t.slug}) <= 80`),
  check('apps_has_themenfeld', sql`cardinality(${t.themenfelder}) >= 1`),
  check('apps_has_deployment_model', sql`cardinality(${t.deploymentModels}) >= 1`),
  check('apps_adoption_count_non_negative', sql`${t.adoptionCount} >= 0`),
  check('apps_development_status', sql`${t.developmentStatus} IN ('concept', 'development', 'beta', 'stable', 'obsolete')`),
  check('apps_software_type', sql`${t.softwareType} IN ('standalone/mobile', 'standalone/iot', 'standalone/desktop', 'standalone/web', 'standalone/backend', 'standalone/other', 'addon', 'library', 'configurationFiles')`),
  check('apps_efa_needs_provider', sql`NOT ('efa_service' = ANY(${t.deploymentModels})) OR ${t.providerOrganizationId} IS NOT NULL`),
  index('apps_status_idx').on(t.status),
  // The public catalogue: certified apps, browsed by adoption count most of the time.
  index('apps_public_adoptions_idx').on(t.adoptionCount.desc(), t.id).where(sql`${t.status} = 'certified'`),
  index('apps_owner_idx').on(t.ownerOrganizationId),
  index('apps_search_vector_idx').using('gin', t.searchVector),
  index('apps_search_text_trgm_idx').using('gin', sql`${t.searchText} gin_trgm_ops`),
])

export const releases = pgTable('releases', {
  id: uuid('id').primaryKey().defaultRandom(),
  appId: uuid('app_id').notNull().references(() => apps.id, { onDelete: 'cascade' }),
  version: text('version').notNull(),
  /** Numeric parts of the semantic version, so that ordering is done by the database. */
  major: integer('major').notNull(),
  minor: integer('minor').notNull(),
  patch: integer('patch').notNull(),
  releasedOn: date('released_on').notNull(),
  changelog: text('changelog').notNull().default(''),
  /** Download of the release; absent when the release was only declared (publiccode.yml import). */
  artifactUrl: text('artifact_url'),
  artifactSha256: char('artifact_sha256', { length: 64 }),
  /** CycloneDX SBOM (JSON), validated on upload. */
  sbom: jsonb('sbom'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
}, t => [
  unique('releases_app_version_key').on(t.appId, t.version),
  check('releases_version_semver', sql`${t.version} ~ '^(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)\\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\\+[0-9A-Za-z.-]+)?$'`),
  check('releases_version_parts_non_negative', sql`${t.major} >= 0 AND ${t.minor} >= 0 AND ${t.patch} >= 0`),
  check('releases_sha256_format', sql`${t.artifactSha256} ~ '^[0-9a-f]{64}$'`),
  check('releases_artifact_https', sql`${t.artifactUrl} ~ '^https://'`),
  check('releases_artifact_with_checksum', sql`(${t.artifactUrl} IS NULL) = (${t.artifactSha256} IS NULL)`),
  index('releases_app_order_idx').on(t.appId, t.major.desc(), t.minor.desc(), t.patch.desc()),
])
