import type { Database } from '@kas/db'
import type { OrganizationKind, Role } from '@kas/db/schema'
import type { DevSignIn } from './dev-signing-key.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { notFound, Problem } from '../../lib/problem.ts'
import { personas, rolesByOrganizationKind } from './personas.ts'

type DevTokenRequest = { persona: string } | { organization: string, role: Role }

/** A token for a persona, or for any registered organization with a role that fits its kind. */
export async function issueDevToken(db: Database, devSignIn: DevSignIn, body: DevTokenRequest) {
  let organizationRef: string
  let role: Role
  let name: string | undefined
  if ('persona' in body) {
    const persona = personas.find(p => p.id === body.persona)
    if (!persona)
      throw notFound('Persona', body.persona)
    organizationRef = persona.organization
    role = persona.role
    name = persona.name
  }
  else {
    organizationRef = body.organization
    role = body.role
  }
  const [organization] = await selectRows<{ slug: string, name: string, kind: OrganizationKind }>(db, sql`
    SELECT slug, name, kind::text AS kind FROM organizations WHERE slug = ${organizationRef} OR ags = ${organizationRef} LIMIT 1`)
  if (!organization)
    throw notFound('Organization', organizationRef)
  if (!rolesByOrganizationKind[organization.kind].includes(role))
    throw new Problem(422, 'Unprocessable Content', `The role ${role} is not possible for a ${organization.kind} organization (possible: ${rolesByOrganizationKind[organization.kind].join(', ')}).`)
  const issued = await devSignIn.issue({
    subject: `dev:${organization.slug}:${role}`,
    name: name ?? `${organization.name} (${role})`,
    organization: organization.slug,
    roles: [role],
  })
  return { accessToken: issued.accessToken, tokenType: 'Bearer' as const, expiresIn: issued.expiresIn }
}
