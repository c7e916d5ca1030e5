import type { Basisdienst, developmentStatusValues, Maintenance, softwareTypeValues, Themenfeld } from '@kas/db/schema'
import { Document, isScalar, Scalar, visit } from 'yaml'
import { basisdienstExportNames, EXPORT_VERSION, publiccodeCategories } from './vocabulary.ts'

/** The app columns publiccode.yml describes: what an import sets and an export writes. */
export interface AppFields {
  name: string
  summary: string
  description: string
  features: string[]
  repositoryUrl: string
  homepageUrl: string | null
  license: string
  tags: string[]
  platforms: string[]
  developmentStatus: (typeof developmentStatusValues)[number] | null
  softwareType: (typeof softwareTypeValues)[number] | null
  maintenance: Maintenance | null
  availableLanguages: string[]
  localisationReady: boolean | null
  basisdienste: Basisdienst[]
  themenfelder: Themenfeld[]
  leikaIds: string[]
  /** `usedBy` entries naming no organization that uses the app: unverified. */
  declaredUsers: string[]
  complianceClaims: string[]
}

/** An app as the exporter needs it. */
export interface ExportableApp extends AppFields {
  /** The publishing organization (publiccode.yml `organisation`). */
  owner: { name: string, website: string | null }
  latestRelease: { version: string, releasedOn: string } | null
  /** Organizations that use the app and agreed to be named, then the publisher's declared users. */
  usedBy: string[]
}

const HEADER = [
  '# publiccode.yml exported by the Kommunaler App-Store.',
  '# The "de" section is the store\'s German extension: OZG Themenfelder, LeiKa-Leistungsschlüssel',
  '# and compliance the publisher declares itself (claims, not attestations).',
  '',
].join('\n')

const present = <T>(list: T[]) => list.length > 0 ? list : undefined

/** Drops undefined entries, so that absent data is left out rather than written as null. */
function compact<T extends Record<string, unknown>>(record: T): Partial<T> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as Partial<T>
}

/**
 * A publiccode.yml (the current version, 0.5) that reads back into the same app: every field the importer maps is
 * written, in the order of the standard. Tags that are not standard categories stay in the store only.
 */
export function writePubliccode(app: ExportableApp): string {
  const maintenance = app.maintenance
  const document = compact({
    publiccodeYmlVersion: EXPORT_VERSION,
    name: app.name,
    url: app.repositoryUrl,
    landingURL: app.homepageUrl ?? undefined,
    softwareVersion: app.latestRelease?.version,
    releaseDate: app.latestRelease?.releasedOn,
    organisation: compact({ name: app.owner.name, uri: app.owner.website ?? undefined }),
    platforms: present(app.platforms),
    categories: present(app.tags.filter(tag => publiccodeCategories.has(tag))),
    usedBy: present(app.usedBy),
    developmentStatus: app.developmentStatus ?? undefined,
    softwareType: app.softwareType ?? undefined,
    description: {
      de: compact({
        localisedName: app.name,
        shortDescription: app.summary,
        longDescription: app.description || undefined,
        features: present(app.features),
      }),
    },
    legal: { license: app.license },
    maintenance: maintenance
      ? compact({
          type: maintenance.type,
          contractors: present(maintenance.contractors.map(contractor => compact({ ...contractor }))),
          contacts: present(maintenance.contacts.map(contact => compact({ ...contact }))),
        })
      : undefined,
    localisation: app.localisationReady !== null || app.availableLanguages.length > 0
      ? compact({ localisationReady: app.localisationReady ?? false, availableLanguages: present(app.availableLanguages) })
      : undefined,
    dependsOn: app.basisdienste.length > 0
      ? { proprietary: app.basisdienste.map(basisdienst => ({ name: basisdienstExportNames[basisdienst] })) }
      : undefined,
    de: compact({
      themenfelder: app.themenfelder,
      leika: present(app.leikaIds),
      claims: present(app.complianceClaims),
    }),
  })
  const yaml = new Document(document)
  // Dates in quotes: YAML 1.1 readers would otherwise take them for timestamps rather than text.
  visit(yaml, {
    Scalar(_key, node) {
      if (isScalar(node) && typeof node.value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(node.value))
        node.type = Scalar.QUOTE_DOUBLE
    },
  })
  return HEADER + yaml.toString({ lineWidth: 0 })
}
