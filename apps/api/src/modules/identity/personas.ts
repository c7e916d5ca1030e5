import type { OrganizationKind, Role } from '@kas/db/schema'

/** Demo people for the development sign-in; their organizations come from the demo data. */
export const personas = [
  { id: 'municipality-admin', name: 'Jana Petersen', title: 'IT-Leitung, Landeshauptstadt Kiel', organization: 'kiel', role: 'municipality_admin' },
  { id: 'municipality-member', name: 'Ole Hansen', title: 'Digitallotse, Landeshauptstadt Kiel', organization: 'kiel', role: 'municipality_member' },
  { id: 'vendor-publisher', name: 'Murat Demir', title: 'Produktverantwortung, Offene Verwaltung eG', organization: 'offene-verwaltung-eg', role: 'vendor_publisher' },
  { id: 'reviewer', name: 'Dr. Katrin Vogel', title: 'Prüferin, Prüfstelle des Landes-CIO', organization: 'landes-cio-pruefstelle', role: 'reviewer' },
  { id: 'platform-admin', name: 'Stefan Richter', title: 'Betrieb des App-Stores', organization: 'landes-cio-pruefstelle', role: 'platform_admin' },
] as const satisfies readonly { id: string, name: string, title: string, organization: string, role: Role }[]

export type PersonaId = (typeof personas)[number]['id']

/** Which roles make sense for which kind of organization (a vendor cannot subscribe, a municipality cannot publish). */
export const rolesByOrganizationKind: Record<OrganizationKind, Role[]> = {
  municipality: ['municipality_member', 'municipality_admin'],
  county: ['municipality_member', 'municipality_admin'],
  land: ['municipality_member', 'municipality_admin'],
  vendor: ['vendor_publisher'],
  consortium: ['vendor_publisher'],
  provider: ['vendor_publisher'],
  state_cio: ['reviewer', 'platform_admin'],
}
