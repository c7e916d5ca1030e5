import type { AddressInfo } from 'node:net'
import type { App } from '@kas/api/app'
import type { DbHandle } from '@kas/db'
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'
import { buildApp } from '@kas/api/app'
import { createDb, migrate } from '@kas/db'
import { seedDemoData } from '@kas/db/seed'
import { exportJWK, generateKeyPair } from 'jose'
import Provider from 'oidc-provider'
import { afterAll, beforeAll, expect, inject, it } from 'vitest'
import { describeInBrowser, expectNoAxeViolations } from './support/browser.ts'

const AUDIENCE = 'urn:kommunaler-app-store:api'

/** A free local port, for a server whose URL must be known before it starts. */
async function freePort(): Promise<number> {
  const probe = createServer()
  await new Promise<void>(resolve => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as AddressInfo
  await new Promise<void>(resolve => probe.close(() => resolve()))
  return port
}

let providerServer: ReturnType<typeof createServer> | undefined
let app: App | undefined
let database: DbHandle | undefined
let storeUrl = ''

beforeAll(async () => {
  if (!inject('browser').available)
    return
  // The identity provider, with its development login and consent pages.
  providerServer = createServer()
  await new Promise<void>(resolve => providerServer!.listen(0, '127.0.0.1', resolve))
  const issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`
  const storePort = await freePort()
  storeUrl = `http://127.0.0.1:${storePort}`
  const { privateKey } = await generateKeyPair('RS256', { extractable: true })
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'kommunaler-app-store', token_endpoint_auth_method: 'none', redirect_uris: [`${storeUrl}/anmelden/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...await exportJWK(privateKey), kid: 'e2e', alg: 'RS256', use: 'sig' }] },
    findAccount: (_ctx, id) => ({ accountId: id, claims: () => ({ sub: id, name: 'Jana Petersen' }) }),
    features: {
      resourceIndicators: {
        enabled: true,
        defaultResource: () => AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'openid', audience: AUDIENCE, accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    extraTokenClaims: () => ({ name: 'Jana Petersen', organization: 'kiel', realm_access: { roles: ['municipality_admin'] } }),
  })
  providerServer.on('request', provider.callback())

  // The store, configured for that provider (no development sign-in).
  database = await createDb({})
  await migrate(database)
  await seedDemoData(database.db)
  app = await buildApp({
    database,
    webRoot: fileURLToPath(new URL('../apps/web/dist', import.meta.url)),
    identity: { oidc: { issuer, audience: AUDIENCE, clientId: 'kommunaler-app-store' } },
  })
  await app.listen({ port: storePort, host: '127.0.0.1' })
})

afterAll(async () => {
  await app?.close()
  await database?.close()
  await new Promise<void>(resolve => (providerServer ? providerServer.close(() => resolve()) : resolve()))
})

describeInBrowser('signing in through an OpenID Connect provider (authorization code + PKCE)', (browser) => {
  it('signs in at the provider and returns signed in, with roles and organization from the token', async () => {
    const { page } = browser
    await page.goto(`${storeUrl}/anmelden?next=/apps`)
    await page.getByRole('button', { name: 'Mit Dienstkonto anmelden' }).click()
    // The provider's own (development) login and consent pages.
    await page.locator('input[name="login"]').fill('jana.petersen')
    await page.locator('input[name="password"]').fill('irrelevant')
    await page.locator('button[type="submit"]').click()
    await page.locator('button[type="submit"]').filter({ hasText: /continue/i }).click()
    await page.waitForURL(`${storeUrl}/apps`)
    await page.getByRole('button', { name: 'Abmelden' }).waitFor()
    expect(await page.getByText('Jana Petersen (Kiel)').count()).toBe(1)
    await expectNoAxeViolations(page, 'catalogue after OIDC sign-in')
  })
})
