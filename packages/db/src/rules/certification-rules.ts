import type { AttestationKind, DeploymentModel } from '../schema/enums.ts'

/**
 * Which attestations certification requires of an app (DOMAIN.md "Attestation kinds").
 * This is the one place the rules live; certification, the catalogue and the seed all ask here.
 * Every app in the store has a staff- or citizen-facing UI and processes personal data, so BITV
 * and the DSFA are always required; hosted operation adds the operator's security and DPA evidence.
 */
export function requiredAttestationKinds(app: { deploymentModels: readonly DeploymentModel[] }): AttestationKind[] {
  const kinds: AttestationKind[] = ['oss_license', 'pentest', 'bitv', 'dsgvo_dsfa']
  const hosted = app.deploymentModels.includes('efa_service') || app.deploymentModels.includes('saas')
  if (hosted)
    kinds.push('bsi_grundschutz', 'dsgvo_avv')
  if (app.deploymentModels.includes('saas'))
    kinds.push('bsi_c5')
  return kinds
}

/** Days before expiry from which a certificate or attestation counts as "expiring soon". */
export const EXPIRING_SOON_DAYS = 60
