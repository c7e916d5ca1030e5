import { pgEnum } from 'drizzle-orm/pg-core'

/** The 14 OZG Themenfelder plus internal administration software (DOMAIN.md). */
export const themenfeldValues = [
  'work_retirement',
  'building_housing',
  'education',
  'immigration_emigration',
  'engagement_hobbies',
  'family_children',
  'research_funding',
  'health',
  'mobility_travel',
  'cross_cutting',
  'law_order',
  'taxes_customs',
  'environment',
  'business',
  'internal_administration',
] as const
export type Themenfeld = (typeof themenfeldValues)[number]
export const themenfeldEnum = pgEnum('themenfeld', themenfeldValues)

export const organizationKindValues = ['municipality', 'county', 'land', 'vendor', 'consortium', 'provider', 'state_cio'] as const
export type OrganizationKind = (typeof organizationKindValues)[number]
export const organizationKindEnum = pgEnum('organization_kind', organizationKindValues)

export const roleValues = ['municipality_member', 'municipality_admin', 'vendor_publisher', 'reviewer', 'platform_admin'] as const
export type Role = (typeof roleValues)[number]
export const roleEnum = pgEnum('role', roleValues)

export const appStatusValues = ['draft', 'in_review', 'certified', 'suspended', 'revoked', 'expired', 'retired'] as const
export type AppStatus = (typeof appStatusValues)[number]
export const appStatusEnum = pgEnum('app_status', appStatusValues)

export const deploymentModelValues = ['self_hosted', 'efa_service', 'saas'] as const
export type DeploymentModel = (typeof deploymentModelValues)[number]
export const deploymentModelEnum = pgEnum('deployment_model', deploymentModelValues)

export const maintainerTypeValues = ['public_body', 'vendor', 'consortium', 'community'] as const
export const maintainerTypeEnum = pgEnum('maintainer_type', maintainerTypeValues)

/** Shared base services an app may require (DOMAIN.md "Basisdienste"). */
export const basisdienstValues = ['bund_id', 'epaybl', 'pmpayment', 'fit_connect', 'servicekonto', 'dvdv'] as const
export type Basisdienst = (typeof basisdienstValues)[number]
export const basisdienstEnum = pgEnum('basisdienst', basisdienstValues)

export const attestationKindValues = [
  'oss_license',
  'bsi_grundschutz',
  'bsi_c5',
  'pentest',
  'dsgvo_dsfa',
  'dsgvo_avv',
  'bitv',
  'ozg_reifegrad',
  'xoev',
] as const
export type AttestationKind = (typeof attestationKindValues)[number]
export const attestationKindEnum = pgEnum('attestation_kind', attestationKindValues)

export const certificationRequestStatusValues = ['pending', 'approved', 'rejected', 'changes_requested', 'withdrawn'] as const
export const certificationRequestStatusEnum = pgEnum('certification_request_status', certificationRequestStatusValues)

export const decisionOutcomeValues = ['approved', 'rejected', 'changes_requested'] as const
export const decisionOutcomeEnum = pgEnum('decision_outcome', decisionOutcomeValues)

export const certificationStatusValues = ['valid', 'suspended', 'revoked'] as const
export type CertificationStatus = (typeof certificationStatusValues)[number]
export const certificationStatusEnum = pgEnum('certification_status', certificationStatusValues)

export const subscriptionStatusValues = ['active', 'cancelled'] as const
export const subscriptionStatusEnum = pgEnum('subscription_status', subscriptionStatusValues)

export const sharingKeyValues = ['population', 'koenigstein', 'usage', 'equal'] as const
export type SharingKey = (typeof sharingKeyValues)[number]
export const sharingKeyEnum = pgEnum('sharing_key', sharingKeyValues)
