import type { Database } from '@kas/db'
import type { OrganizationKind, Role } from '@kas/db/schema'
import type { JWTPayload } from 'jose'
import { selectRows } from '@kas/db'
import { roleValues } from '@kas/db/schema'
import { sql } from 'drizzle-orm'
import { Problem } from '../../lib/problem.ts'

/** Who is calling: the user from the token, the organization they act for, and their roles. */
export interface Principal {
  userId: string
  issuer: string
  subject: string
  displayName: string
  roles: Role[]
  organization: {
    id: string
    slug: string
    name: string
    kind: OrganizationKind
    ags: string | null
    landCode: string | null
  }
}

export interface ClaimMapping {
  /** Dot path of the roles array, e.g. Keycloak's `realm_access.roles`. */
  rolesClaim: string
  /** Claim holding the organization's slug or AGS. */
  organizationClaim: string
}

function claimAt(payload: JWTPayload, path: string): unknown {
  return path.split('.').reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), payload)
}

/**
 * Maps verified claims to a principal and records the user (issuer + subject) with the roles and
 * organization the token carries now. Roles the store does not know are ignored.
 */
export async function resolvePrincipal(db: Database, payload: JWTPayload, mapping: ClaimMapping): Promise<Principal> {
  const rawRoles = claimAt(payload, mapping.rolesClaim)
  const roles = (Array.isArray(rawRoles) ? rawRoles : []).filter((r): r is Role => roleValues.includes(r as Role))
  const organizationRef = claimAt(payload, mapping.organizationClaim)
  if (typeof organizationRef !== 'string' || organizationRef === '')
    throw new Problem(403, 'Forbidden', `The token names no organization (claim "${mapping.organizationClaim}").`)
  const [organization] = await selectRows<Principal['organization']>(db, sql`
    SELECT id, slug, name, kind::text AS kind, ags, land_code AS "landCode" FROM organizations
    WHERE slug = ${organizationRef} OR ags = ${organizationRef} LIMIT 1`)
  if (!organization)
    throw new Problem(403, 'Forbidden', `The organization "${organizationRef}" named by the token is not registered in the store.`)
  const displayName = typeof payload.name === 'string' ? payload.name : String(payload.sub)
  const [user] = await selectRows<{ id: string }>(db, sql`
    INSERT INTO users (issuer, subject, organization_id, roles, display_name)
    VALUES (${payload.iss}, ${payload.sub}, ${organization.id}, ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(roles)}::jsonb))::role[], ${displayName})
    ON CONFLICT (issuer, subject) DO UPDATE
      SET organization_id = EXCLUDED.organization_id, roles = EXCLUDED.roles, display_name = EXCLUDED.display_name, last_seen_at = now()
    RETURNING id`)
  return { userId: user.id, issuer: String(payload.iss), subject: String(payload.sub), displayName, roles, organization }
}

/** 403 unless the principal has one of the roles. Object-level checks stay in the services. */
export function requireRole(principal: Principal, ...roles: Role[]): void {
  if (!roles.some(role => principal.roles.includes(role)))
    throw new Problem(403, 'Forbidden', `This needs one of the roles ${roles.join(', ')}.`)
}
