import type { Database } from '@kas/db'
import type { AttestationKind, Basisdienst, DeploymentModel, Themenfeld } from '@kas/db/schema'
import { schema } from '@kas/db'
import { asc } from 'drizzle-orm'

export const attestationKindLabels: Record<AttestationKind, { label: string, description: string }> = {
  oss_license: { label: 'Open-Source-Lizenz', description: 'Lizenz ist OSI-anerkannt bzw. FSF-frei; SBOM und Lizenzkonformität geprüft.' },
  bsi_grundschutz: { label: 'BSI IT-Grundschutz', description: 'ISO 27001 auf Basis von IT-Grundschutz für den Betrieb.' },
  bsi_c5: { label: 'BSI C5', description: 'Cloud Computing Compliance Criteria Catalogue (Typ 1 oder Typ 2).' },
  pentest: { label: 'Penetrationstest', description: 'Externer Penetrationstest eines Release.' },
  dsgvo_dsfa: { label: 'Datenschutz-Folgenabschätzung', description: 'DSFA nach Art. 35 DSGVO (Vorlage oder Bewertung).' },
  dsgvo_avv: { label: 'Auftragsverarbeitung (AVV)', description: 'Muster-Vertrag zur Auftragsverarbeitung nach Art. 28 DSGVO.' },
  bitv: { label: 'Barrierefreiheit (BITV 2.0)', description: 'Prüfung nach BITV 2.0 / WCAG 2.1 AA.' },
  ozg_reifegrad: { label: 'OZG-Reifegrad', description: 'Erreichter OZG-Reifegrad (0–4).' },
  xoev: { label: 'XÖV-Konformität', description: 'Konformität zu einem XÖV-Standard in einer Version.' },
}

export const deploymentModelLabels: Record<DeploymentModel, string> = {
  self_hosted: 'Eigenbetrieb',
  efa_service: 'EfA-Dienst (Betrieb für alle)',
  saas: 'Cloud-Dienst (SaaS)',
}

export const basisdienstLabels: Record<Basisdienst, string> = {
  bund_id: 'BundID / Nutzerkonto Bund',
  epaybl: 'ePayBL',
  pmpayment: 'pmPayment',
  fit_connect: 'FIT-Connect',
  servicekonto: 'Servicekonto des Landes',
  dvdv: 'DVDV',
}

export interface ReferenceLabels {
  themenfelder: { id: Themenfeld, nameDe: string, nameEn: string, position: number }[]
  lands: { code: string, name: string, population: number }[]
}

/**
 * Themenfelder and Länder come from the migrations' reference tables (the search trigger reads the
 * same Themenfeld labels). They never change at run time, so one read per app instance is enough.
 */
export function referenceLabelsLoader(db: Database): () => Promise<ReferenceLabels> {
  let cached: Promise<ReferenceLabels> | undefined
  return () => {
    cached ??= (async () => ({
      themenfelder: await db.select().from(schema.themenfelder).orderBy(asc(schema.themenfelder.position)),
      lands: await db.select().from(schema.lands).orderBy(asc(schema.lands.code)),
    }))().catch((error: unknown) => {
      cached = undefined
      throw error
    })
    return cached
  }
}
