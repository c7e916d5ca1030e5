import { mkdirSync, writeFileSync } from 'node:fs'
import { createDb } from '@kas/db'
import { buildApp } from '../src/app.ts'

/** Sorts object keys recursively so that the committed document diffs cleanly. */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value))
    return value.map(sortKeys)
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.keys(value).sort().map(key => [key, sortKeys((value as Record<string, unknown>)[key])]))
  return value
}

// The document comes from the route schemas only; an empty in-memory database is enough to build the app.
const database = await createDb({})
// With the development sign-in on, so that its routes are documented too (they say when they exist).
const app = await buildApp({ database, webRoot: false, identity: { devSignIn: { enabled: true } } })
const target = new URL('../../../openapi/', import.meta.url)
mkdirSync(target, { recursive: true })
writeFileSync(new URL('openapi.json', target), `${JSON.stringify(sortKeys(app.swagger()), null, 2)}\n`)
await app.close()
await database.close()
console.log('openapi/openapi.json written')
