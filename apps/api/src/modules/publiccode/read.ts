import type { Basisdienst, Maintenance, Themenfeld } from '@kas/db/schema'
import type { FindingCode, FindingParams } from './findings.ts'
import type { SourcePosition, YamlPath, YamlSource } from './yaml-source.ts'
import { developmentStatusValues, softwareTypeValues } from '@kas/db/schema'
import semver from 'semver'
import { checkLicenseExpression } from '../publishing/license.ts'
import {
  basisdienstFromDependency,
  claimByItalianConformity,
  claimFromSupportId,
  FALLBACK_THEMENFELD,
  publiccodeCategories,
  SUPPORTED_VERSIONS,
  themenfeldByCategory,
  themenfeldFromName,
  unusedTopLevelKeys,
} from './vocabulary.ts'
import { findingTexts } from './findings.ts'
import { formatPath, parseYamlSource } from './yaml-source.ts'

export interface Finding extends SourcePosition {
  /** Where in the file: `legal.license`, `maintenance.contractors[0].until`. */
  path: string
  /** What, as a code with parameters (for translations) and in English. */
  code: FindingCode
  params: Record<string, string | number>
  message: string
}

/** Where a field was read from. */
export interface FieldSource extends SourcePosition {
  path: string
}

function describe<C extends FindingCode>(code: C, params?: FindingParams<C>): Pick<Finding, 'code' | 'params' | 'message'> {
  const values = (params ?? {}) as Record<string, string | number>
  return { code, params: values, message: (findingTexts[code] as (p: Record<string, string | number>) => string)(values) }
}

/** What a publiccode.yml says, in the store's terms. Optional fields are absent when the file does not say. */
export interface PubliccodeApp {
  name: string
  summary: string
  repositoryUrl: string
  license: string
  description?: string
  features?: string[]
  homepageUrl?: string
  /** Tags taken from `categories`. */
  categories?: string[]
  platforms?: string[]
  developmentStatus?: (typeof developmentStatusValues)[number]
  softwareType?: (typeof softwareTypeValues)[number]
  maintenance?: Maintenance
  availableLanguages?: string[]
  localisationReady?: boolean
  basisdienste?: Basisdienst[]
  themenfelder?: Themenfeld[]
  leikaIds?: string[]
  /** `usedBy`: names the publisher gives; unverified. */
  usedBy?: string[]
  complianceClaims?: string[]
}

export type PubliccodeField = keyof PubliccodeApp

export type ReadResult =
  | { kind: 'not-yaml', problems: Finding[] }
  | { kind: 'not-publiccode', problems: Finding[] }
  | {
    kind: 'publiccode'
    version: string
    /** Complete only when `problems` is empty. */
    app: PubliccodeApp
    /** Themenfelder to use when creating an app and the file names none. */
    fallbackThemenfelder: Themenfeld[]
    release: { version: string, releasedOn: string } | null
    /** The key each field was read from, with its position. */
    sources: Partial<Record<PubliccodeField, FieldSource>>
    problems: Finding[]
    warnings: Finding[]
    ignored: Finding[]
  }

const MAX_TEXT = 20_000
// Version 0.2 used three-letter language codes ("ita", "deu"); later versions BCP 47 ("de", "de-DE").
const GERMAN = /^(?:de|deu|ger)(?:[-_]|$)/i
const ENGLISH = /^(?:en|eng)(?:[-_]|$)/i
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date)
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim()
const byPosition = (findings: Finding[]) => findings.sort((a, b) => a.line - b.line || a.column - b.column)

/** Reads publiccode.yml text without touching the database: every problem at once, with its line. */
export function readPubliccode(text: string): ReadResult {
  const parsed = parseYamlSource(text)
  if (!parsed.source)
    return { kind: 'not-yaml', problems: parsed.errors.map(({ message, ...position }) => ({ path: '', ...position, ...describe('yamlSyntax', { detail: message }) })) }
  const root = parsed.source.value
  if (!isRecord(root) || !['publiccodeYmlVersion', 'name', 'url', 'legal', 'description'].some(key => key in root)) {
    return {
      kind: 'not-publiccode',
      problems: [{ path: '', line: 1, column: 1, ...describe('notPubliccode') }],
    }
  }
  return new PubliccodeReader(parsed.source, root).read()
}

class PubliccodeReader {
  private readonly problems: Finding[] = []
  private readonly warnings: Finding[] = []
  private readonly ignored: Finding[] = []
  private readonly sources: Partial<Record<PubliccodeField, FieldSource>> = {}
  private readonly app: Partial<PubliccodeApp> = {}

  constructor(private readonly source: YamlSource, private readonly root: Record<string, unknown>) {}

  private finding<C extends FindingCode>(path: YamlPath, code: C, params?: FindingParams<C>): Finding {
    return { path: formatPath(path), ...this.source.locate(path), ...describe(code, params) }
  }

  private problem<C extends FindingCode>(path: YamlPath, code: C, params?: FindingParams<C>): void {
    this.problems.push(this.finding(path, code, params))
  }

  private warn<C extends FindingCode>(path: YamlPath, code: C, params?: FindingParams<C>): void {
    this.warnings.push(this.finding(path, code, params))
  }

  private ignore<C extends FindingCode>(path: YamlPath, code: C, params?: FindingParams<C>): void {
    this.ignored.push(this.finding(path, code, params))
  }

  private set<F extends PubliccodeField>(field: F, path: YamlPath, value: PubliccodeApp[F]): void {
    this.app[field] = value
    this.sources[field] = { path: formatPath(path), ...this.source.locate(path) }
  }

  /** A text value; numbers and dates that YAML read from unquoted text are turned back into text. */
  private text(path: YamlPath, value: unknown, options: { min?: number, max: number }): string | undefined {
    let result: string
    if (typeof value === 'string')
      result = value
    else if (typeof value === 'number' || typeof value === 'boolean')
      result = String(value)
    else if (value instanceof Date)
      result = value.toISOString().slice(0, 10)
    else {
      this.problem(path, value === null || value === undefined ? 'empty' : 'notText')
      return undefined
    }
    result = result.trim()
    if (result.length < (options.min ?? 1)) {
      if (options.min && result.length > 0)
        this.problem(path, 'tooShort', { min: options.min })
      else
        this.problem(path, 'empty')
      return undefined
    }
    if (result.length > options.max) {
      this.problem(path, 'tooLong', { length: result.length, max: options.max })
      return undefined
    }
    return result
  }

  private list(path: YamlPath, value: unknown): unknown[] | undefined {
    if (value === null || value === undefined)
      return []
    if (Array.isArray(value))
      return value
    if (typeof value === 'string') {
      this.warn(path, 'readAsList')
      return [value]
    }
    this.problem(path, 'notList')
    return undefined
  }

  private texts(path: YamlPath, value: unknown, options: { max: number, maxItems: number }): string[] | undefined {
    const items = this.list(path, value)
    if (!items)
      return undefined
    if (items.length > options.maxItems) {
      this.problem(path, 'tooManyEntries', { count: items.length, max: options.maxItems })
      return undefined
    }
    const texts = items.map((item, index) => this.text([...path, index], item, { max: options.max }))
    return texts.every(item => item !== undefined) ? [...new Set(texts as string[])] : undefined
  }

  /** YYYY-MM-DD; YAML 1.1 readers turn unquoted dates into timestamps, so those are accepted too. */
  private date(path: YamlPath, value: unknown): string | undefined {
    const text = value instanceof Date ? value.toISOString().slice(0, 10) : typeof value === 'string' ? value.trim() : undefined
    if (!text || !/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(Date.parse(`${text}T00:00:00Z`)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
      this.problem(path, 'notDate', { value: JSON.stringify(value instanceof Date ? text : value ?? null) })
      return undefined
    }
    return text
  }

  private httpsUrl(path: YamlPath, value: unknown, options: { required: boolean }): string | undefined {
    const text = this.text(path, value, { max: 500 })
    if (text === undefined)
      return undefined
    // git@host:group/project.git is how many repositories are cloned; the store links to the web address.
    const ssh = /^git@([^:]+):(.+?)(?:\.git)?$/.exec(text)
    if (ssh) {
      const converted = `https://${ssh[1]}/${ssh[2]}`
      this.warn(path, 'sshAddress', { value: text, url: converted })
      return converted
    }
    let url: URL
    try {
      url = new URL(text)
    }
    catch {
      this.problem(path, 'notUrl', { value: text })
      return undefined
    }
    if (url.protocol !== 'https:') {
      if (options.required)
        this.problem(path, 'needsHttps', { value: text })
      else
        this.warn(path, 'httpNotTaken', { value: text })
      return undefined
    }
    return text
  }

  private oneOf<T extends string>(path: YamlPath, value: unknown, allowed: readonly T[]): T | undefined {
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
      return value as T
    this.problem(path, 'notOneOf', { value: JSON.stringify(value ?? null), allowed: allowed.join(', ') })
    return undefined
  }

  read(): ReadResult {
    const version = this.readVersion()
    const language = this.readDescription()
    this.readName(language)
    this.readLegal()
    this.readTopLevelFields()
    this.readMaintenance()
    this.readLocalisation()
    this.readDependencies()
    this.readClaims()
    this.readGermanSection()
    const release = this.readRelease()
    this.reportOtherKeys()
    const categories = this.app.categories ?? []
    const fallbackThemenfelder = [...new Set(categories.map(category => themenfeldByCategory[category]).filter(Boolean))]
    return {
      kind: 'publiccode',
      version: version ?? '',
      app: this.app as PubliccodeApp,
      fallbackThemenfelder: fallbackThemenfelder.length > 0 ? fallbackThemenfelder : [FALLBACK_THEMENFELD],
      release,
      sources: this.sources,
      problems: byPosition(this.problems),
      warnings: byPosition(this.warnings),
      ignored: byPosition(this.ignored),
    }
  }

  private readVersion(): string | undefined {
    const raw = this.root.publiccodeYmlVersion
    if (raw === undefined || raw === null) {
      this.problem(['publiccodeYmlVersion'], 'versionMissing')
      return undefined
    }
    const version = String(raw)
    if (typeof raw === 'number')
      this.warn(['publiccodeYmlVersion'], 'versionIsNumber', { value: version })
    if (!SUPPORTED_VERSIONS.test(version)) {
      this.problem(['publiccodeYmlVersion'], 'versionUnsupported', { value: version })
      return undefined
    }
    return version
  }

  /** German first, then English, else the first language in the file. */
  private readDescription(): string | undefined {
    const descriptions = this.root.description
    if (!isRecord(descriptions) || Object.keys(descriptions).length === 0) {
      this.problem(['description'], 'descriptionMissing')
      return undefined
    }
    const languages = Object.keys(descriptions)
    const language = languages.find(code => GERMAN.test(code))
      ?? languages.find(code => ENGLISH.test(code))
      ?? languages[0]!
    if (!GERMAN.test(language))
      this.warn(['description', language], 'noGermanDescription', { language })
    for (const other of languages.filter(code => code !== language))
      this.ignore(['description', other], 'otherLanguage', { language })

    const entry = descriptions[language]
    const path = ['description', language]
    if (!isRecord(entry)) {
      this.problem(path, 'descriptionIncomplete')
      return language
    }
    const summary = this.text([...path, 'shortDescription'], entry.shortDescription, { min: 10, max: 300 })
    if (summary !== undefined)
      this.set('summary', [...path, 'shortDescription'], oneLine(summary))
    if (entry.longDescription !== undefined) {
      const long = this.text([...path, 'longDescription'], entry.longDescription, { max: MAX_TEXT })
      if (long !== undefined)
        this.set('description', [...path, 'longDescription'], long)
      if (long !== undefined && long.length < 150)
        this.warn([...path, 'longDescription'], 'longDescriptionShort', { length: long.length })
    }
    else {
      this.warn([...path, 'longDescription'], 'longDescriptionMissing')
    }
    if (entry.features !== undefined) {
      const features = this.texts([...path, 'features'], entry.features, { max: 200, maxItems: 50 })
      if (features)
        this.set('features', [...path, 'features'], features.map(oneLine))
    }
    for (const key of Object.keys(entry).filter(key => !['shortDescription', 'longDescription', 'features', 'localisedName'].includes(key)))
      this.ignore([...path, key], 'notShown')
    return language
  }

  private readName(language: string | undefined): void {
    const localised = language && isRecord(this.root.description) && isRecord(this.root.description[language]) ? this.root.description[language].localisedName : undefined
    if (localised !== undefined && localised !== null) {
      const name = this.text(['description', language!, 'localisedName'], localised, { min: 2, max: 120 })
      if (name !== undefined) {
        this.set('name', ['description', language!, 'localisedName'], name)
        return
      }
    }
    if (this.root.name === undefined) {
      this.problem(['name'], 'missing')
      return
    }
    const name = this.text(['name'], this.root.name, { min: 2, max: 120 })
    if (name !== undefined)
      this.set('name', ['name'], name)
  }

  private readLegal(): void {
    const legal = this.root.legal
    if (!isRecord(legal) || legal.license === undefined) {
      this.problem(isRecord(legal) ? ['legal', 'license'] : ['legal'], 'licenseMissing')
    }
    else {
      const license = this.text(['legal', 'license'], legal.license, { max: 200 })
      const check = license === undefined ? undefined : checkLicenseExpression(license)
      if (check?.ok)
        this.set('license', ['legal', 'license'], license!)
      else if (check?.reason === 'not_open_source')
        this.problem(['legal', 'license'], 'licenseNotOpen', { licenses: (check.licenses ?? []).join(', ') })
      else if (check)
        this.problem(['legal', 'license'], 'licenseInvalid', { value: license! })
    }
    for (const key of Object.keys(isRecord(legal) ? legal : {}).filter(key => key !== 'license')) {
      if (['mainCopyrightOwner', 'repoOwner', 'authorsFile'].includes(key))
        this.ignore(['legal', key], 'notShown')
      else
        this.warn(['legal', key], 'unknownKey')
    }
  }

  private readTopLevelFields(): void {
    const root = this.root
    if (root.url === undefined) {
      this.problem(['url'], 'urlMissing')
    }
    else {
      const url = this.httpsUrl(['url'], root.url, { required: true })
      if (url)
        this.set('repositoryUrl', ['url'], url)
    }
    if (root.landingURL !== undefined) {
      const url = this.httpsUrl(['landingURL'], root.landingURL, { required: false })
      if (url)
        this.set('homepageUrl', ['landingURL'], url)
    }
    if (root.platforms === undefined) {
      this.warn(['platforms'], 'platformsMissing')
    }
    else {
      const platforms = this.texts(['platforms'], root.platforms, { max: 40, maxItems: 10 })
      if (platforms)
        this.set('platforms', ['platforms'], platforms.map(platform => platform.toLowerCase()))
    }
    if (root.categories !== undefined) {
      const categories = this.texts(['categories'], root.categories, { max: 60, maxItems: 30 })
      if (categories) {
        categories.forEach((category, index) => {
          if (!publiccodeCategories.has(category))
            this.warn(['categories', index], 'unknownCategory', { value: category })
        })
        this.set('categories', ['categories'], categories)
      }
    }
    if (root.usedBy !== undefined) {
      const users = this.texts(['usedBy'], root.usedBy, { max: 200, maxItems: 500 })
      if (users)
        this.set('usedBy', ['usedBy'], users)
    }
    if (root.developmentStatus === undefined) {
      this.warn(['developmentStatus'], 'statusMissing')
    }
    else {
      const status = this.oneOf(['developmentStatus'], root.developmentStatus, developmentStatusValues)
      if (status)
        this.set('developmentStatus', ['developmentStatus'], status)
    }
    if (root.softwareType === undefined) {
      this.warn(['softwareType'], 'softwareTypeMissing')
    }
    else {
      const type = this.oneOf(['softwareType'], root.softwareType, softwareTypeValues)
      if (type)
        this.set('softwareType', ['softwareType'], type)
    }
  }

  private readMaintenance(): void {
    const maintenance = this.root.maintenance
    if (maintenance === undefined) {
      this.warn(['maintenance'], 'maintenanceMissing')
      return
    }
    if (!isRecord(maintenance)) {
      this.problem(['maintenance'], 'maintenanceIncomplete')
      return
    }
    const type = this.oneOf(['maintenance', 'type'], maintenance.type, ['internal', 'contract', 'community', 'none'] as const)
    const contacts: Maintenance['contacts'] = []
    for (const [index, contact] of (this.list(['maintenance', 'contacts'], maintenance.contacts) ?? []).entries()) {
      const path = ['maintenance', 'contacts', index]
      if (!isRecord(contact)) {
        this.problem(path, 'needsName')
        continue
      }
      const name = this.text([...path, 'name'], contact.name, { max: 200 })
      const optional = this.optionalTexts(path, contact, ['email', 'phone', 'affiliation'])
      if (name !== undefined)
        contacts.push({ name, ...optional })
    }
    const contractors: Maintenance['contractors'] = []
    for (const [index, contractor] of (this.list(['maintenance', 'contractors'], maintenance.contractors) ?? []).entries()) {
      const path = ['maintenance', 'contractors', index]
      if (!isRecord(contractor)) {
        this.problem(path, 'contractorIncomplete')
        continue
      }
      const name = this.text([...path, 'name'], contractor.name, { max: 200 })
      const until = this.date([...path, 'until'], contractor.until)
      const optional = this.optionalTexts(path, contractor, ['email', 'website'])
      if (until && until < new Date().toISOString().slice(0, 10))
        this.warn([...path, 'until'], 'contractEnded', { date: until })
      if (name !== undefined && until !== undefined)
        contractors.push({ name, until, ...optional })
    }
    if (type && type !== 'contract' && contractors.length > 0)
      this.warn(['maintenance', 'contractors'], 'contractorsWithoutContract', { type })
    if (type === 'contract' && !Array.isArray(maintenance.contractors))
      this.warn(['maintenance', 'contractors'], 'contractWithoutContractors')
    if ((type === 'internal' || type === 'community') && contacts.length === 0)
      this.warn(['maintenance', 'contacts'], 'noContact', { type })
    if (type)
      this.set('maintenance', ['maintenance'], { type, contacts, contractors })
  }

  private optionalTexts<K extends string>(path: YamlPath, record: Record<string, unknown>, keys: K[]): Partial<Record<K, string>> {
    const result: Partial<Record<K, string>> = {}
    for (const key of keys) {
      if (record[key] === undefined || record[key] === null)
        continue
      const value = this.text([...path, key], record[key], { max: 500 })
      if (value !== undefined)
        result[key] = value
    }
    return result
  }

  private readLocalisation(): void {
    const localisation = this.root.localisation
    if (localisation === undefined) {
      this.warn(['localisation'], 'localisationMissing')
      return
    }
    if (!isRecord(localisation)) {
      this.problem(['localisation'], 'localisationIncomplete')
      return
    }
    if (typeof localisation.localisationReady === 'boolean')
      this.set('localisationReady', ['localisation', 'localisationReady'], localisation.localisationReady)
    else if (localisation.localisationReady !== undefined)
      this.problem(['localisation', 'localisationReady'], 'notBoolean')
    if (localisation.availableLanguages !== undefined) {
      const languages = this.texts(['localisation', 'availableLanguages'], localisation.availableLanguages, { max: 35, maxItems: 100 })
      if (languages)
        this.set('availableLanguages', ['localisation', 'availableLanguages'], languages)
    }
  }

  /** dependsOn entries that are Basisdienste become Basisdienste; other dependencies are not listed by the store. */
  private readDependencies(): void {
    const dependsOn = this.root.dependsOn
    if (dependsOn === undefined)
      return
    if (!isRecord(dependsOn)) {
      this.problem(['dependsOn'], 'dependenciesIncomplete')
      return
    }
    const basisdienste = new Set<Basisdienst>()
    for (const group of Object.keys(dependsOn)) {
      for (const [index, dependency] of (this.list(['dependsOn', group], dependsOn[group]) ?? []).entries()) {
        const name = isRecord(dependency) ? dependency.name : undefined
        if (typeof name !== 'string') {
          this.problem(['dependsOn', group, index], 'dependencyNeedsName')
          continue
        }
        const basisdienst = basisdienstFromDependency(name)
        if (basisdienst)
          basisdienste.add(basisdienst)
        else
          this.ignore(['dependsOn', group, index], 'notBasisdienst', { name })
      }
    }
    this.set('basisdienste', ['dependsOn'], [...basisdienste])
  }

  /** Self-declared compliance (`it.conforme`, `supports`, `de.claims`): shown as claims, never as attestations. */
  private readClaims(): void {
    const claims: string[] = []
    let claimPath: YamlPath | null = null
    const italian = this.root.it
    if (italian !== undefined) {
      if (isRecord(italian) && isRecord(italian.conforme)) {
        for (const [key, value] of Object.entries(italian.conforme)) {
          const claim = claimByItalianConformity[key]
          if (claim && value === true)
            claims.push(claim)
          else if (!claim)
            this.ignore(['it', 'conforme', key], 'unknownConformity')
        }
        claimPath = ['it', 'conforme']
      }
      for (const key of Object.keys(isRecord(italian) ? italian : {}).filter(key => key !== 'conforme'))
        this.ignore(['it', key], 'italianSection')
    }
    if (this.root.supports !== undefined) {
      for (const [index, entry] of (this.list(['supports'], this.root.supports) ?? []).entries()) {
        const id = isRecord(entry) ? entry.id : undefined
        if (typeof id === 'string' && id.trim())
          claims.push(claimFromSupportId(id.trim()))
        else
          this.problem(['supports', index], 'supportNeedsId')
      }
      claimPath = ['supports']
    }
    const german = this.root.de
    if (isRecord(german) && german.claims !== undefined) {
      const declared = this.texts(['de', 'claims'], german.claims, { max: 200, maxItems: 50 })
      claims.push(...(declared ?? []))
      claimPath = ['de', 'claims']
    }
    if (claimPath)
      this.set('complianceClaims', claimPath, [...new Set(claims)])
  }

  /** The store's German section: `de.themenfelder` (codes or names), `de.leika` (LeiKa keys), `de.claims`. */
  private readGermanSection(): void {
    const german = this.root.de
    if (german === undefined)
      return
    if (!isRecord(german)) {
      this.problem(['de'], 'germanSectionIncomplete')
      return
    }
    const themenfeldKey = german.themenfelder !== undefined ? 'themenfelder' : german.themenfeld !== undefined ? 'themenfeld' : null
    if (themenfeldKey) {
      const names = this.texts(['de', themenfeldKey], german[themenfeldKey], { max: 80, maxItems: 5 }) ?? []
      const themenfelder = names.map((name, index) => {
        const themenfeld = themenfeldFromName(name)
        if (!themenfeld)
          this.problem(['de', themenfeldKey, index], 'notThemenfeld', { value: name })
        return themenfeld
      })
      if (themenfelder.length > 0 && themenfelder.every(Boolean))
        this.set('themenfelder', ['de', themenfeldKey], [...new Set(themenfelder as Themenfeld[])])
    }
    if (german.leika !== undefined) {
      const items = this.list(['de', 'leika'], german.leika) ?? []
      const keys = items.map((item, index) => {
        if (typeof item === 'number')
          this.warn(['de', 'leika', index], 'leikaIsNumber')
        const key = typeof item === 'number' ? String(item) : typeof item === 'string' ? item.trim() : ''
        if (!/^\d{14}$/.test(key)) {
          this.problem(['de', 'leika', index], 'notLeika', { value: key })
          return undefined
        }
        return key
      })
      if (keys.every(Boolean))
        this.set('leikaIds', ['de', 'leika'], [...new Set(keys as string[])])
    }
    for (const key of Object.keys(german).filter(key => !['themenfelder', 'themenfeld', 'leika', 'claims'].includes(key)))
      this.warn(['de', key], 'unknownGermanKey')
  }

  private readRelease(): { version: string, releasedOn: string } | null {
    const raw = this.root.softwareVersion
    if (raw === undefined || raw === null) {
      if (this.root.releaseDate !== undefined)
        this.ignore(['releaseDate'], 'releaseDateWithoutVersion')
      return null
    }
    const written = String(raw).trim()
    if (typeof raw === 'number')
      this.warn(['softwareVersion'], 'softwareVersionIsNumber', { value: written })
    // "v2.1", "2.1" and "2" are common; the store keeps semantic versions.
    const numeric = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?$/.exec(written)
    const version = numeric
      ? `${Number(numeric[1])}.${Number(numeric[2] ?? 0)}.${Number(numeric[3] ?? 0)}`
      : semver.valid(written.replace(/^v/, ''))
    if (!version || version.length > 60) {
      this.warn(['softwareVersion'], 'notVersion', { value: written })
      return null
    }
    if (version !== written)
      this.warn(['softwareVersion'], 'versionNormalized', { value: written, version })
    if (this.root.releaseDate === undefined) {
      this.problem(['releaseDate'], 'releaseDateMissing')
      return null
    }
    const releasedOn = this.date(['releaseDate'], this.root.releaseDate)
    if (!releasedOn)
      return null
    if (releasedOn > new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)) {
      this.problem(['releaseDate'], 'releaseDateFuture', { date: releasedOn })
      return null
    }
    return { version, releasedOn }
  }

  private reportOtherKeys(): void {
    const read = new Set(['publiccodeYmlVersion', 'name', 'url', 'landingURL', 'softwareVersion', 'releaseDate', 'platforms', 'categories', 'usedBy', 'developmentStatus', 'softwareType', 'description', 'legal', 'maintenance', 'localisation', 'dependsOn', 'it', 'de', 'supports'])
    for (const key of Object.keys(this.root)) {
      if (read.has(key))
        continue
      if (unusedTopLevelKeys.has(key))
        this.ignore([key], 'notShown')
      else if (/^[a-z]{2}$/.test(key))
        this.ignore([key], 'countrySection', { country: key })
      else
        this.warn([key], 'unknownKey')
    }
  }
}
