import type { App, BuildAppOptions } from '../../src/app.ts'
import type { DbContext } from './databases.ts'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.ts'

/** Builds the real app on the suite's database once per describe block; `get()` returns it inside tests. */
export function useApp(context: DbContext, options: Partial<Omit<BuildAppOptions, 'database'>> = {}) {
  let app: App | undefined
  beforeAll(async () => {
    app = await buildApp({
      webRoot: false,
      rateLimitPerMinute: 100_000,
      // The development sign-in with a key in memory, so tests can act as any demo organization.
      identity: { devSignIn: { enabled: true } },
      ...options,
      database: context.database,
    })
  })
  afterAll(async () => {
    await app?.close()
  })
  return {
    get: (): App => {
      if (!app)
        throw new Error('app is only available inside tests')
      return app
    },
  }
}

/** An access token from the development sign-in, for a persona or an organization (slug or AGS) with a role. */
export async function devToken(app: App, body: { persona: string } | { organization: string, role: string }): Promise<string> {
  const response = await app.inject({ method: 'POST', url: '/api/v1/auth/dev/token', payload: body })
  if (response.statusCode !== 200)
    throw new Error(`dev token failed: ${response.statusCode} ${response.body}`)
  return (response.json() as { accessToken: string }).accessToken
}
