import { createPinia, setActivePinia } from 'pinia'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { ApiError } from '../lib/api.ts'
import { useCatalogStore } from './catalog.ts'
import { parseCatalogQuery } from './catalog-query.ts'

const emptyList = { items: [], total: 0, nextCursor: null, facets: { themenfeld: [], license: [], attestation: [], deployment: [], land: [], basisdienst: [] } }

function json(body: unknown, status = 200, type = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': type } })
}

describe('catalog store', () => {
  const requests: string[] = []

  beforeEach(() => {
    setActivePinia(createPinia())
    requests.length = 0
  })
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('requests repeated filter parameters and stores the result', async () => {
    vi.stubGlobal('fetch', async (request: Request) => {
      requests.push(request.url)
      return json({ ...emptyList, total: 7 })
    })
    const catalog = useCatalogStore()
    await catalog.load(parseCatalogQuery({ q: 'kita', themenfeld: ['family_children', 'education'] }))
    expect(requests).toHaveLength(1)
    const url = new URL(requests[0], 'http://localhost')
    expect(url.pathname).toBe('/api/v1/apps')
    expect(url.searchParams.getAll('themenfeld')).toEqual(['family_children', 'education'])
    expect(url.searchParams.get('q')).toBe('kita')
    expect(catalog.result?.total).toBe(7)
    expect(catalog.loading).toBe(false)
    expect(catalog.error).toBeNull()
  })

  it('keeps the problem details of a failed request', async () => {
    vi.stubGlobal('fetch', async () => json({ type: '/problems/bad-request', title: 'Bad Request', status: 400, detail: 'limit must be <= 100' }, 400, 'application/problem+json'))
    const catalog = useCatalogStore()
    await catalog.load(parseCatalogQuery({}))
    expect(catalog.error).toBeInstanceOf(ApiError)
    expect((catalog.error as ApiError).status).toBe(400)
    expect((catalog.error as ApiError).problem?.detail).toBe('limit must be <= 100')
  })

  it('reports an unreachable server as status 0', async () => {
    vi.stubGlobal('fetch', async () => {
      throw new TypeError('Failed to fetch')
    })
    const catalog = useCatalogStore()
    await catalog.load(parseCatalogQuery({}))
    expect((catalog.error as ApiError).status).toBe(0)
  })

  it('ignores a slow older answer even when the server ignores the cancellation', async () => {
    vi.stubGlobal('fetch', (request: Request) => {
      const q = new URL(request.url, 'http://localhost').searchParams.get('q')
      return new Promise<Response>(resolve => setTimeout(() => resolve(json({ ...emptyList, total: q === 'ki' ? 1 : 2 })), q === 'ki' ? 50 : 5))
    })
    const catalog = useCatalogStore()
    await Promise.all([catalog.load(parseCatalogQuery({ q: 'ki' })), catalog.load(parseCatalogQuery({ q: 'kita' }))])
    expect(catalog.result?.total).toBe(2)
  })

  it('cancels an older request when a newer one starts, so a slow answer cannot overwrite a newer one', async () => {
    const signals: AbortSignal[] = []
    vi.stubGlobal('fetch', (request: Request) => {
      signals.push(request.signal)
      const q = new URL(request.url, 'http://localhost').searchParams.get('q')
      return new Promise<Response>((resolve, reject) => {
        if (request.signal.aborted)
          return reject(new DOMException('aborted', 'AbortError'))
        request.signal.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))
        setTimeout(() => resolve(json({ ...emptyList, total: q === 'ki' ? 1 : 2 })), q === 'ki' ? 50 : 5)
      })
    })
    const catalog = useCatalogStore()
    const first = catalog.load(parseCatalogQuery({ q: 'ki' }))
    const second = catalog.load(parseCatalogQuery({ q: 'kita' }))
    await Promise.all([first, second])
    expect(signals[0].aborted).toBe(true)
    expect(catalog.result?.total).toBe(2)
    expect(catalog.error).toBeNull()
  })
})
