import type { App } from '../../src/app.ts'
import type { DbContext } from './databases.ts'
import { afterAll, beforeAll } from 'vitest'
import { buildApp } from '../../src/app.ts'

/** Builds the real app on the suite's database once per describe block; `get()` returns it inside tests. */
export function useApp(context: DbContext, options: { rateLimitPerMinute?: number } = {}) {
  let app: App | undefined
  beforeAll(async () => {
    app = await buildApp({ database: context.database, webRoot: false, rateLimitPerMinute: options.rateLimitPerMinute ?? 100_000 })
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
