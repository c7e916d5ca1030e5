import type { App } from '../../../src/app.ts'
import type { AppList } from '../../../src/modules/catalog/schemas.ts'
import { expect } from 'vitest'

/** GET /api/v1/apps with the given query (arrays become repeated parameters); asserts 200. */
export async function searchApps(app: App, query: Record<string, string | number | string[]>): Promise<AppList> {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value])
      params.append(key, String(item))
  }
  const response = await app.inject({ method: 'GET', url: `/api/v1/apps?${params}` })
  expect(response.statusCode, response.body).toBe(200)
  return response.json() as AppList
}
