import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { generateKeyPair, importJWK, SignJWT } from 'jose'
import { expect, it } from 'vitest'
import { buildApp } from '../../../src/app.ts'
import { DEV_AUDIENCE, DEV_ISSUER } from '../../../src/modules/identity/dev-signing-key.ts'
import { describeEachDb } from '../../support/databases.ts'
import { devToken, useApp } from '../../support/app.ts'

describeEachDb('development sign-in', (context) => {
  const app = useApp(context)
  const me = (token?: string) => app.get().inject({ method: 'GET', url: '/api/v1/me', headers: token ? { authorization: `Bearer ${token}` } : {} })

  it('lists the demo personas', async () => {
    const personas = (await app.get().inject({ method: 'GET', url: '/api/v1/auth/dev/personas' })).json()
    expect(personas.map((p: { role: string }) => p.role)).toEqual(expect.arrayContaining(['municipality_admin', 'vendor_publisher', 'reviewer', 'platform_admin']))
  })

  it('signs in as a persona and tells who that is', async () => {
    const response = await me(await devToken(app.get(), { persona: 'reviewer' }))
    expect(response.statusCode).toBe(200)
    expect(response.json()).toMatchObject({
      displayName: 'Dr. Katrin Vogel',
      roles: ['reviewer'],
      organization: { slug: 'landes-cio-pruefstelle', kind: 'state_cio' },
    })
  })

  it('signs in as any demo organization by AGS with a role, and records the user', async () => {
    const token = await devToken(app.get(), { organization: '05315000', role: 'municipality_admin' })
    const response = await me(token)
    expect(response.json()).toMatchObject({ roles: ['municipality_admin'], organization: { slug: 'koeln', ags: '05315000', landCode: '05' } })
    const users = await context.database.db.execute('SELECT count(*)::int AS n FROM users WHERE subject = \'dev:koeln:municipality_admin\'' as never) as unknown as { rows: { n: number }[] }
    expect(users.rows[0].n).toBe(1)
  })

  it.each([
    [{ persona: 'hacker' }, 404],
    [{ organization: '99999999', role: 'municipality_admin' }, 404],
    [{ organization: 'kiel', role: 'vendor_publisher' }, 422],
    [{ organization: 'offene-verwaltung-eg', role: 'reviewer' }, 422],
    [{ organization: 'kiel', role: 'superuser' }, 400],
    [{ persona: 'reviewer', role: 'platform_admin' }, 400],
  ])('refuses %j with %i', async (body, status) => {
    const response = await app.get().inject({ method: 'POST', url: '/api/v1/auth/dev/token', payload: body })
    expect(response.statusCode).toBe(status)
    expect(response.headers['content-type']).toMatch(/problem\+json/)
  })

  it('answers 401 with WWW-Authenticate without a token', async () => {
    const response = await me()
    expect(response.statusCode).toBe(401)
    expect(response.headers['www-authenticate']).toMatch(/^Bearer/)
    expect(response.json()).toMatchObject({ status: 401, title: 'Unauthorized' })
  })

  it('rejects forged, expired and foreign tokens with 401', async () => {
    const { privateKey: otherKey } = await generateKeyPair('ES256')
    const valid = await devToken(app.get(), { persona: 'reviewer' })
    const [header, payload] = valid.split('.')
    const claims = { organization: 'landes-cio-pruefstelle', realm_access: { roles: ['platform_admin'] } }
    const signWith = (key: Parameters<SignJWT['sign']>[0], mutate: (jwt: SignJWT) => SignJWT) =>
      mutate(new SignJWT(claims).setProtectedHeader({ alg: 'ES256' }).setSubject('dev:x').setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setIssuedAt().setExpirationTime('5m')).sign(key)
    const publicJwk = app.get().devSignIn!.publicJwk
    const hmacWithPublicKey = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('dev:x').setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setExpirationTime('5m')
      .sign(new TextEncoder().encode(JSON.stringify(publicJwk)))
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url')}.${payload}.`
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), realm_access: { roles: ['platform_admin'] } })).toString('base64url')}.${valid.split('.')[2]}`

    const forged = {
      'signed with an unknown key': await signWith(otherKey, jwt => jwt),
      'HMAC-signed with the public key': hmacWithPublicKey,
      'unsigned (alg none)': unsigned,
      'payload changed after signing': tampered,
      'garbage': 'abc.def.ghi',
    }
    for (const [label, token] of Object.entries(forged))
      expect((await me(token)).statusCode, label).toBe(401)
    expect((await me(valid)).statusCode).toBe(200)
  })

})

describeEachDb('token claims', (context) => {
  // The sign-in key lives in a directory the test can read, so it can sign tokens with wrong claims.
  const keyDirectory = mkdtempSync(join(tmpdir(), 'kas-keys-'))
  const app = useApp(context, { identity: { devSignIn: { enabled: true, keyDirectory } } })

  it('rejects expired, not yet valid, foreign-issuer and foreign-audience tokens with 401', async () => {
    await devToken(app.get(), { persona: 'reviewer' })
    const { privateJwk } = JSON.parse(readFileSync(join(keyDirectory, 'dev-signing-key.json'), 'utf8'))
    const key = await importJWK(privateJwk, 'ES256')
    const now = Math.floor(Date.now() / 1000)
    const sign = (issuer: string, audience: string, notBefore: number, expires: number) =>
      new SignJWT({ organization: 'kiel', realm_access: { roles: ['municipality_admin'] } })
        .setProtectedHeader({ alg: 'ES256', kid: privateJwk.kid })
        .setSubject('dev:kiel:municipality_admin').setIssuer(issuer).setAudience(audience)
        .setIssuedAt(now - 7200).setNotBefore(notBefore).setExpirationTime(expires).sign(key)
    const me = (token: string) => app.get().inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })

    expect((await me(await sign(DEV_ISSUER, DEV_AUDIENCE, now - 60, now + 600))).statusCode).toBe(200)
    const cases = {
      'expired': await sign(DEV_ISSUER, DEV_AUDIENCE, now - 7200, now - 3600),
      'not yet valid': await sign(DEV_ISSUER, DEV_AUDIENCE, now + 3600, now + 7200),
      'from another issuer': await sign('https://evil.example', DEV_AUDIENCE, now - 60, now + 600),
      'for another audience': await sign(DEV_ISSUER, 'another-service', now - 60, now + 600),
    }
    for (const [label, token] of Object.entries(cases)) {
      const response = await me(token)
      expect(response.statusCode, label).toBe(401)
      expect(response.json().detail, label).toEqual(expect.any(String))
    }
  })

  it('keeps the signing key across restarts, so issued tokens stay valid', async () => {
    const token = await devToken(app.get(), { persona: 'vendor-publisher' })
    const restarted = await buildApp({ database: context.database, webRoot: false, identity: { devSignIn: { enabled: true, keyDirectory } } })
    try {
      const response = await restarted.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })
      expect(response.statusCode).toBe(200)
      expect(response.json().organization.slug).toBe('offene-verwaltung-eg')
    }
    finally {
      await restarted.close()
    }
  })
})

describeEachDb('without development sign-in', (context) => {
  it('has no development routes and refuses every token when no identity provider is configured', async () => {
    const app = await buildApp({ database: context.database, webRoot: false })
    try {
      expect((await app.inject({ method: 'GET', url: '/api/v1/auth/dev/personas' })).statusCode).toBe(404)
      expect((await app.inject({ method: 'POST', url: '/api/v1/auth/dev/token', payload: { persona: 'reviewer' } })).statusCode).toBe(404)
      const { privateKey } = await generateKeyPair('ES256')
      const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256' }).setSubject('x').setIssuer(DEV_ISSUER).setAudience(DEV_AUDIENCE).setExpirationTime('5m').sign(privateKey)
      expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(401)
    }
    finally {
      await app.close()
    }
  })
})
