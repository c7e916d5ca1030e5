import type { Basisdienst, Themenfeld } from '@kas/db/schema'
import { themenfeldValues } from '@kas/db/schema'

/** The publiccode.yml versions read by the importer (0.2 to 0.5); "0" is the major-only form of newer files. */
export const SUPPORTED_VERSIONS = /^0(?:\.[2-5](?:\.\d+)?)?$/
/** The version written by the exporter. */
export const EXPORT_VERSION = '0.5'

/** The category list of the publiccode.yml standard; categories become tags. */
export const publiccodeCategories = new Set([
  'accounting', 'agile-project-management', 'applicant-tracking', 'application-development', 'appointment-scheduling',
  'backup', 'billing-and-invoicing', 'blog', 'budgeting', 'business-intelligence', 'business-process-management',
  'cad', 'call-center-management', 'cloud-management', 'collaboration', 'communications', 'compliance-management',
  'contact-management', 'content-management', 'crm', 'customer-service-and-support', 'data-analytics', 'data-collection',
  'data-visualization', 'design', 'design-system', 'digital-asset-management', 'digital-citizenship', 'document-management',
  'donor-management', 'e-commerce', 'e-signature', 'email-management', 'email-marketing', 'employee-management',
  'enterprise-project-management', 'enterprise-social-networking', 'erp', 'event-management', 'facility-management',
  'feedback-and-reviews-management', 'financial-reporting', 'fleet-management', 'fundraising', 'gamification',
  'geographic-information-systems', 'grant-management', 'graphic-design', 'help-desk', 'hr', 'ide', 'identity-management',
  'instant-messaging', 'inventory-management', 'it-asset-management', 'it-development', 'it-management', 'it-security',
  'it-service-management', 'knowledge-management', 'laboratory-management', 'learning-management-system', 'marketing',
  'mind-mapping', 'mobile-marketing', 'mobile-payment', 'network-management', 'office', 'online-booking', 'online-community',
  'payment-gateway', 'payroll', 'predictive-analysis', 'procurement', 'productivity-suite', 'project-collaboration',
  'project-management', 'property-management', 'real-estate-management', 'remote-support', 'resource-management',
  'sales-management', 'seo', 'service-desk', 'social-media-management', 'survey', 'talent-management', 'task-management',
  'taxes-management', 'test-management', 'time-management', 'time-tracking', 'translation', 'video-conferencing',
  'video-editing', 'visitor-management', 'voip', 'warehouse-management', 'web-collaboration', 'web-conferencing',
  'website-builder', 'whistleblowing', 'workflow-management',
])

/**
 * Files from other countries name no OZG Themenfeld. A few categories point to one clearly; everything
 * else is filed under internal administration until the publisher changes it in the console.
 */
export const themenfeldByCategory: Record<string, Themenfeld> = {
  'taxes-management': 'taxes_customs',
  'payroll': 'internal_administration',
  'hr': 'internal_administration',
  'geographic-information-systems': 'environment',
  'grant-management': 'research_funding',
  'learning-management-system': 'education',
  'fleet-management': 'mobility_travel',
}
export const FALLBACK_THEMENFELD: Themenfeld = 'internal_administration'

/** German and English Themenfeld names, folded, as people write them in `de.themenfelder`. */
const themenfeldNames: Record<Themenfeld, string[]> = {
  work_retirement: ['Arbeit & Ruhestand', 'Arbeit und Ruhestand'],
  building_housing: ['Bauen & Wohnen', 'Bauen und Wohnen'],
  education: ['Bildung'],
  immigration_emigration: ['Ein- & Auswanderung', 'Ein- und Auswanderung'],
  engagement_hobbies: ['Engagement & Hobby', 'Engagement und Hobby'],
  family_children: ['Familie & Kind', 'Familie und Kind'],
  research_funding: ['Forschung & Förderung', 'Forschung und Förderung'],
  health: ['Gesundheit'],
  mobility_travel: ['Mobilität & Reisen', 'Mobilität und Reisen'],
  cross_cutting: ['Querschnitt', 'Querschnittsleistungen'],
  law_order: ['Recht & Ordnung', 'Recht und Ordnung'],
  taxes_customs: ['Steuern & Zoll', 'Steuern und Zoll'],
  environment: ['Umwelt'],
  business: ['Unternehmensführung & -entwicklung', 'Unternehmensführung und -entwicklung'],
  internal_administration: ['Verwaltungsinterne Dienste', 'Verwaltungsintern'],
}

const foldName = (text: string) => text.toLowerCase().normalize('NFKD').replace(/[\u0300-\u036F]/g, '').replace(/[^a-z0-9]+/g, '')

const themenfeldByName = new Map<string, Themenfeld>(themenfeldValues.flatMap(id =>
  [id, ...themenfeldNames[id]].map(name => [foldName(name), id] as const)))

/** A Themenfeld from its code ("building_housing") or its German name ("Bauen & Wohnen"). */
export function themenfeldFromName(name: string): Themenfeld | undefined {
  return themenfeldByName.get(foldName(name))
}

/** Basisdienste under the names dependsOn entries give them. */
const basisdienstAliases: Record<string, Basisdienst> = {
  bundid: 'bund_id',
  nutzerkontobund: 'bund_id',
  epaybl: 'epaybl',
  pmpayment: 'pmpayment',
  fitconnect: 'fit_connect',
  servicekonto: 'servicekonto',
  dvdv: 'dvdv',
}

/** How the exporter names each Basisdienst in `dependsOn.proprietary`. */
export const basisdienstExportNames: Record<Basisdienst, string> = {
  bund_id: 'BundID',
  epaybl: 'ePayBL',
  pmpayment: 'pmPayment',
  fit_connect: 'FIT-Connect',
  servicekonto: 'Servicekonto',
  dvdv: 'DVDV',
}

export function basisdienstFromDependency(name: string): Basisdienst | undefined {
  return basisdienstAliases[foldName(name)]
}

/**
 * Self-declared compliance in the Italian section (`it.conforme`, 0.2 and 0.3+ keys) as store claims.
 * These stay claims: only attestations checked by the Prüfstelle count for certification.
 */
export const claimByItalianConformity: Record<string, string> = {
  accessibile: 'accessibility',
  lineeGuidaDesign: 'accessibility',
  interoperabile: 'interoperability',
  modelloInteroperabilita: 'interoperability',
  sicuro: 'security',
  misureMinimeSicurezza: 'security',
  privacy: 'gdpr',
  gdpr: 'gdpr',
}

/** `supports: [{ id: alias:gdpr }]`: aliases lose their prefix, URIs stay as written. */
export function claimFromSupportId(id: string): string {
  return id.startsWith('alias:') ? id.slice('alias:'.length) : id
}

/** Keys of the standard the store does not show; listed as "ignored" so the publisher knows. */
export const unusedTopLevelKeys = new Set([
  'applicationSuite', 'isBasedOn', 'logo', 'monochromeLogo', 'inputTypes', 'outputTypes', 'roadmap',
  'intendedAudience', 'organisation', 'fundedBy', 'genericName',
])
