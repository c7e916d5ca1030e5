import { describe, expect, it } from 'vitest'
import { loadConfig } from '../src/config.ts'

describe('configuration', () => {
  it('turns the development sign-in on only outside production and without an OIDC provider', () => {
    expect(loadConfig({}).identity.devSignIn?.enabled).toBe(true)
    expect(loadConfig({ NODE_ENV: 'production' }).identity.devSignIn?.enabled).toBe(false)
    const withOidc = loadConfig({ OIDC_ISSUER: 'https://login.example/realms/kommunen', OIDC_AUDIENCE: 'app-store' })
    expect(withOidc.identity.devSignIn?.enabled).toBe(false)
    expect(withOidc.identity.oidc).toEqual({ issuer: 'https://login.example/realms/kommunen', audience: 'app-store', clientId: 'kommunaler-app-store' })
  })

  it('reads port, host, database and claim settings, and refuses a malformed port', () => {
    const config = loadConfig({ PORT: '8080', HOST: '0.0.0.0', DATABASE_URL: 'postgres://db/store', OIDC_ROLES_CLAIM: 'roles' })
    expect(config).toMatchObject({ port: 8080, host: '0.0.0.0', db: { databaseUrl: 'postgres://db/store' }, identity: { claims: { rolesClaim: 'roles' } } })
    expect(() => loadConfig({ PORT: 'achtzig' })).toThrow(/PORT/)
  })
})
