import type { OrganizationKind } from '../schema/enums.ts'

/**
 * Publishers and operators of the demo catalogue. These organizations are fictional
 * (the storefront labels the catalogue as demo data); municipalities and Länder are real.
 */
export interface DemoOrganization {
  slug: string
  name: string
  kind: Extract<OrganizationKind, 'vendor' | 'consortium' | 'provider' | 'state_cio'>
  landCode: string
  website: string
  /** AGS of real municipalities that are members of a consortium. */
  memberAgs?: string[]
}

export const demoVendors: DemoOrganization[] = [
  { slug: 'offene-verwaltung-eg', name: 'Offene Verwaltung eG', kind: 'vendor', landCode: '05', website: 'https://offene-verwaltung.example' },
  { slug: 'amtsgruen-software', name: 'Amtsgrün Software GmbH', kind: 'vendor', landCode: '08', website: 'https://amtsgruen.example' },
  { slug: 'nordlicht-it', name: 'Nordlicht IT GmbH', kind: 'vendor', landCode: '01', website: 'https://nordlicht-it.example' },
  { slug: 'buergerdienst-labs', name: 'Bürgerdienst Labs GmbH', kind: 'vendor', landCode: '11', website: 'https://buergerdienst-labs.example' },
  { slug: 'civitas-code', name: 'Civitas Code UG', kind: 'vendor', landCode: '09', website: 'https://civitas-code.example' },
  { slug: 'elbe-digital', name: 'Elbe Digital GmbH', kind: 'vendor', landCode: '14', website: 'https://elbe-digital.example' },
  { slug: 'rathaus-opensource', name: 'Rathaus OpenSource e. V.', kind: 'vendor', landCode: '06', website: 'https://rathaus-opensource.example' },
  { slug: 'vfa-ratsarbeit', name: 'Viele-für-Alle-Verbund Ratsarbeit', kind: 'consortium', landCode: '05', website: 'https://vfa-ratsarbeit.example', memberAgs: ['05315000', '05111000', '05913000', '05334002'] },
  { slug: 'vfa-kita-nord', name: 'Kooperation Kita Digital Nord', kind: 'consortium', landCode: '03', website: 'https://kita-digital-nord.example', memberAgs: ['03241001', '03101000', '01002000', '02000000'] },
  { slug: 'vfa-umwelt-sued', name: 'Umweltdaten-Verbund Süd', kind: 'consortium', landCode: '09', website: 'https://umweltdaten-sued.example', memberAgs: ['09162000', '09564000', '08111000', '08212000'] },
  { slug: 'kommunales-rz-nord', name: 'Kommunales Rechenzentrum Nord AöR', kind: 'provider', landCode: '01', website: 'https://krz-nord.example' },
  { slug: 'landesbetrieb-it-mitte', name: 'Landesbetrieb IT Mitte', kind: 'provider', landCode: '06', website: 'https://lbit-mitte.example' },
  { slug: 'zweckverband-digital-sued', name: 'Zweckverband Digitale Kommune Süd', kind: 'provider', landCode: '09', website: 'https://zv-digital-sued.example' },
  { slug: 'it-dienstleister-ost', name: 'IT-Dienstleister Ost AöR', kind: 'provider', landCode: '14', website: 'https://itd-ost.example' },
  { slug: 'landes-cio-pruefstelle', name: 'Prüfstelle des Landes-CIO', kind: 'state_cio', landCode: '05', website: 'https://landes-cio.example' },
]
