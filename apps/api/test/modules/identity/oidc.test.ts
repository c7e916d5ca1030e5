import type { AddressInfo } from 'node:net'
import { createServer } from 'node:http'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import { afterAll, expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'

// Resource indicators (RFC 8707) must be absolute URIs.
const AUDIENCE = 'urn:kommunaler-app-store:api'

/**
 * A real OpenID Connect provider (oidc-provider) on a local port, issuing JWT access tokens with
 * Keycloak-style claims (`realm_access.roles`) through the client-credentials grant.
 */
async function startProvider() {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...await exportJWK(privateKey), kid: 'test-rs256', alg: 'RS256', use: 'sig' }
  const clients = [
    { client_id: 'kiel-admin', organization: 'kiel', roles: ['municipality_admin', 'offline_access'] },
    { client_id: 'vendor', organization: '05315000-unknown', roles: ['vendor_publisher'] },
  ]
  // Listen first: the issuer URL contains the port.
  const server = createServer()
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const provider = new Provider(issuer, {
    clients: clients.map(c => ({ client_id: c.client_id, client_secret: 'secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] })),
    jwks: { keys: [jwk] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api', audience: AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: (_ctx, token) => {
      const client = clients.find(c => c.client_id === (token as { clientId?: string }).clientId)
      return { organization: client?.organization, realm_access: { roles: client?.roles ?? [] } }
    },
  })
  server.on('request', provider.callback())
  const token = async (clientId: string) => {
    const response = await fetch(`${issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'authorization': `Basic ${Buffer.from(`${clientId}:secret`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', resource: AUDIENCE, scope: 'api' }),
    })
    const body = await response.json() as { access_token: string }
    if (!response.ok)
      throw new Error(`token request failed: ${JSON.stringify(body)}`)
    return body.access_token
  }
  return { issuer, token, close: () => new Promise<void>(resolve => server.close(() => resolve())) }
}

const provider = await startProvider()

describeEachDb('OpenID Connect sign-in', (context) => {
  const app = useApp(context, { identity: { oidc: { issuer: provider.issuer, audience: AUDIENCE } } })

  it('accepts the provider\'s tokens, with roles from realm_access.roles and the organization claim', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${await provider.token('kiel-admin')}` } })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({
      issuer: provider.issuer,
      subject: 'kiel-admin',
      roles: ['municipality_admin'],
      organization: { slug: 'kiel', ags: '01002000' },
    })
  })

  it('refuses a valid token for an organization the store does not know with 403', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${await provider.token('vendor')}` } })
    expect(response.statusCode).toBe(403)
  })

  it('turns the development sign-in off when an OIDC provider is configured', async () => {
    expect((await app.get().inject({ method: 'GET', url: '/api/v1/auth/dev/personas' })).statusCode).toBe(404)
    expect((await app.get().inject({ method: 'POST', url: '/api/v1/auth/dev/token', payload: { persona: 'reviewer' } })).statusCode).toBe(404)
  })
})

afterAll(() => provider.close())
