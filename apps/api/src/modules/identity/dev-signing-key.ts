import type { JWK } from 'jose'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { createLocalJWKSet, exportJWK, generateKeyPair, importJWK, SignJWT } from 'jose'
import { createTokenVerifier } from './token-verifier.ts'

export const DEV_ISSUER = 'urn:kommunaler-app-store:dev-sign-in'
export const DEV_AUDIENCE = 'kommunaler-app-store'
const TOKEN_LIFETIME_SECONDS = 60 * 60

/**
 * The development sign-in's ES256 key pair. Kept in the data directory so tokens survive a restart;
 * without a directory (tests) a fresh key lives in memory only.
 */
export async function loadOrCreateKey(directory: string | undefined): Promise<{ privateJwk: JWK, publicJwk: JWK }> {
  const path = directory ? join(directory, 'dev-signing-key.json') : undefined
  if (path) {
    try {
      return JSON.parse(readFileSync(path, 'utf8'))
    }
    catch {}
  }
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true })
  const kid = `dev-${Date.now().toString(36)}`
  const pair = {
    privateJwk: { ...await exportJWK(privateKey), kid, alg: 'ES256' },
    publicJwk: { ...await exportJWK(publicKey), kid, alg: 'ES256', use: 'sig' },
  }
  if (directory && path) {
    mkdirSync(directory, { recursive: true })
    writeFileSync(path, JSON.stringify(pair), { mode: 0o600 })
  }
  return pair
}

export interface DevTokenClaims {
  subject: string
  name: string
  organization: string
  roles: string[]
}

/** Issues short-lived tokens for demo personas and verifies them exactly like OIDC tokens. */
export async function createDevSignIn(keyDirectory: string | undefined) {
  const { privateJwk, publicJwk } = await loadOrCreateKey(keyDirectory)
  const privateKey = await importJWK(privateJwk, 'ES256')
  const verifier = createTokenVerifier({ issuer: DEV_ISSUER, audience: DEV_AUDIENCE, keys: createLocalJWKSet({ keys: [publicJwk] }) })
  return {
    verifier,
    publicJwk,
    async issue(claims: DevTokenClaims): Promise<{ accessToken: string, expiresIn: number }> {
      const accessToken = await new SignJWT({ name: claims.name, organization: claims.organization, realm_access: { roles: claims.roles } })
        .setProtectedHeader({ alg: 'ES256', kid: publicJwk.kid, typ: 'JWT' })
        .setIssuer(DEV_ISSUER)
        .setAudience(DEV_AUDIENCE)
        .setSubject(claims.subject)
        .setIssuedAt()
        .setNotBefore('0s')
        .setExpirationTime(`${TOKEN_LIFETIME_SECONDS}s`)
        .sign(privateKey)
      return { accessToken, expiresIn: TOKEN_LIFETIME_SECONDS }
    },
  }
}

export type DevSignIn = Awaited<ReturnType<typeof createDevSignIn>>
