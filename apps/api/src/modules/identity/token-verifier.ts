import type { JWTPayload, JWTVerifyGetKey } from 'jose'
import { createRemoteJWKSet, errors, jwtVerify } from 'jose'
import { Problem } from '../../lib/problem.ts'

/** Asymmetric algorithms only: `none` and HMAC (e.g. HS256 "signed" with the public key) are refused. */
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

export interface TokenVerifier {
  issuer: string
  audience: string
  verify: (token: string) => Promise<JWTPayload>
}

export const unauthorized = (detail: string) => new Problem(401, 'Unauthorized', detail)

/**
 * Verifies bearer tokens against an issuer's keys. The OIDC provider and the built-in development
 * sign-in both go through here; they differ only in where the keys come from.
 */
export function createTokenVerifier(options: { issuer: string, audience: string, keys: JWTVerifyGetKey }): TokenVerifier {
  return {
    issuer: options.issuer,
    audience: options.audience,
    async verify(token) {
      try {
        const { payload } = await jwtVerify(token, options.keys, {
          issuer: options.issuer,
          audience: options.audience,
          algorithms: ALLOWED_ALGORITHMS,
          requiredClaims: ['sub', 'exp'],
          clockTolerance: 5,
        })
        return payload
      }
      catch (error) {
        throw unauthorized(describeFailure(error))
      }
    },
  }
}

function describeFailure(error: unknown): string {
  if (error instanceof errors.JWTExpired)
    return 'The access token has expired; sign in again.'
  if (error instanceof errors.JWTClaimValidationFailed)
    return `The access token is not valid here (${error.claim} claim: ${error.reason}).`
  if (error instanceof errors.JOSEAlgNotAllowed)
    return 'The access token is signed with an algorithm that is not accepted.'
  if (error instanceof errors.JWKSNoMatchingKey || error instanceof errors.JWSSignatureVerificationFailed)
    return 'The access token\'s signature does not match a key of the issuer.'
  return 'The access token is malformed or cannot be verified.'
}

/** Keys of an OpenID Connect provider, found through its discovery document. */
export async function oidcVerifier(issuer: string, audience: string): Promise<TokenVerifier> {
  const discoveryUrl = new URL(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)
  const response = await fetch(discoveryUrl)
  if (!response.ok)
    throw new Error(`OIDC discovery failed: ${discoveryUrl} answered ${response.status}`)
  const discovery = await response.json() as { issuer: string, jwks_uri: string }
  if (discovery.issuer !== issuer)
    throw new Error(`OIDC discovery at ${discoveryUrl} names issuer ${discovery.issuer}, expected ${issuer}`)
  return createTokenVerifier({ issuer, audience, keys: createRemoteJWKSet(new URL(discovery.jwks_uri)) })
}
