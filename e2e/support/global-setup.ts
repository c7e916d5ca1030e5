import type { TestProject } from 'vitest/node'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { buildApp } from '@kas/api/app'
import { createDb, migrate } from '@kas/db'
import { seedDemoData } from '@kas/db/seed'
import { build } from 'vite'

export interface BrowserAvailability {
  available: boolean
  reason?: string
  executablePath?: string
  baseUrl?: string
}

declare module 'vitest' {
  export interface ProvidedContext {
    browser: BrowserAvailability
  }
}

const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean) as string[]
const required = process.env.KAS_REQUIRE_BROWSER === '1'

/**
 * Builds the storefront and starts the real server (API + storefront) on a free port with a fresh,
 * seeded PGlite, for the browser tests. Without Chromium the suite is skipped, unless required (CI).
 */
export default async function setup(project: TestProject) {
  const executablePath = candidates.find(path => existsSync(path))
  if (!executablePath) {
    const reason = 'Chromium not found (install Debian\'s chromium or set CHROMIUM_PATH)'
    if (required)
      throw new Error(`KAS_REQUIRE_BROWSER=1 but ${reason}`)
    console.warn(`\n[tests] Browser suites SKIPPED: ${reason}\n`)
    project.provide('browser', { available: false, reason })
    return
  }

  const webRoot = fileURLToPath(new URL('../../apps/web', import.meta.url))
  await build({ root: webRoot, logLevel: 'warn' })
  const database = await createDb({})
  await migrate(database)
  await seedDemoData(database.db)
  const app = await buildApp({ database, webRoot: `${webRoot}/dist`, rateLimitPerMinute: 100_000, identity: { devSignIn: { enabled: true } } })
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' })
  project.provide('browser', { available: true, executablePath, baseUrl })

  return async () => {
    await app.close()
    await database.close()
  }
}
