import type { Role } from '@kas/db/schema'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { DevSignIn } from '../../modules/identity/dev-signing-key.ts'
import type { ClaimMapping, Principal } from '../../modules/identity/principal.ts'
import type { TokenVerifier } from '../../modules/identity/token-verifier.ts'
import fp from 'fastify-plugin'
import { createDevSignIn } from '../../modules/identity/dev-signing-key.ts'
import { requireRole, resolvePrincipal } from '../../modules/identity/principal.ts'
import { oidcVerifier, unauthorized } from '../../modules/identity/token-verifier.ts'

export interface IdentityOptions {
  /** Production: an OpenID Connect provider (Keycloak and others); `clientId` is the storefront's public client. */
  oidc?: { issuer: string, audience: string, clientId?: string }
  /** Built-in development sign-in; only when there is no OIDC provider and not in production. */
  devSignIn?: { enabled: boolean, keyDirectory?: string }
  claims?: Partial<ClaimMapping>
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Verifies the bearer token and sets `request.principal`, or answers 401/403. */
    authenticate: (request: FastifyRequest) => Promise<void>
    /**
     * onRequest hook for routes that need a signed-in user with one of `roles` (any role when none are
     * given). Runs before body validation, so that an anonymous caller gets 401, not a 400 about the body.
     * Services still check roles and, above all, each object (STYLE.md #5).
     */
    requireRoles: (...roles: Role[]) => (request: FastifyRequest) => Promise<void>
    /** The development sign-in, when it is on. */
    devSignIn: DevSignIn | undefined
    /** What the storefront needs to start an OIDC sign-in, when a provider is configured. */
    oidcClient: { issuer: string, clientId: string, audience: string } | undefined
  }
  interface FastifyRequest {
    principal: Principal | undefined
  }
}

/** Reads `Authorization: Bearer …`, verifies the token and resolves the principal (DESIGN.md §4). */
export default fp(async (app: FastifyInstance, options: IdentityOptions) => {
  const claims: ClaimMapping = {
    rolesClaim: options.claims?.rolesClaim ?? 'realm_access.roles',
    organizationClaim: options.claims?.organizationClaim ?? 'organization',
  }
  let verifier: TokenVerifier | undefined
  let devSignIn: DevSignIn | undefined
  if (options.oidc) {
    verifier = await oidcVerifier(options.oidc.issuer, options.oidc.audience)
  }
  else if (options.devSignIn?.enabled) {
    devSignIn = await createDevSignIn(options.devSignIn.keyDirectory)
    verifier = devSignIn.verifier
  }

  app.decorate('devSignIn', devSignIn)
  app.decorate('oidcClient', options.oidc ? { issuer: options.oidc.issuer, clientId: options.oidc.clientId ?? 'kommunaler-app-store', audience: options.oidc.audience } : undefined)
  app.decorateRequest('principal', undefined)
  app.decorate('authenticate', async (request: FastifyRequest) => {
    const header = request.headers.authorization
    const match = header?.match(/^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/i)
    if (!match)
      throw unauthorized('Sign in first: this needs an access token in the header "Authorization: Bearer <token>".')
    if (!verifier)
      throw unauthorized('No identity provider is configured on this server (set OIDC_ISSUER).')
    const payload = await verifier.verify(match[1])
    request.principal = await resolvePrincipal(app.database.db, payload, claims)
  })
  app.decorate('requireRoles', (...roles: Role[]) => async (request: FastifyRequest) => {
    await app.authenticate(request)
    if (roles.length > 0)
      requireRole(request.principal!, ...roles)
  })
}, { name: 'auth', dependencies: ['db'] })

/** The principal of a request that went through `app.authenticate`. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal)
    throw new Error('route is missing the authenticate preHandler')
  return request.principal
}
