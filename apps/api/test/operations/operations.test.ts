import { expect, it } from 'vitest'
import { buildApp } from '../../src/app.ts'
import { describeEachDb } from '../support/databases.ts'
import { useApp } from '../support/app.ts'

describeEachDb('operations', (context) => {
  const app = useApp(context)

  it('answers liveness and readiness', async () => {
    expect((await app.get().inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    expect((await app.get().inject({ method: 'GET', url: '/readyz' })).json()).toEqual({ status: 'ok' })
  })

  it('sends security headers and a request id', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/stats', headers: { 'x-request-id': 'trace-123' } })
    expect(response.headers['content-security-policy']).toContain('script-src \'self\'')
    expect(response.headers['x-content-type-options']).toBe('nosniff')
    expect(response.headers['strict-transport-security']).toBeTruthy()
    expect(response.headers['x-request-id']).toBe('trace-123')
  })

  it('serves the OpenAPI 3.1 document and its reference UI at /docs', async () => {
    const document = (await app.get().inject({ method: 'GET', url: '/docs/json' })).json()
    expect(document.openapi).toBe('3.1.0')
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/v1/apps', '/api/v1/apps/{slug}', '/api/v1/stats']))
    const ui = await app.get().inject({ method: 'GET', url: '/docs/' })
    expect(ui.statusCode).toBe(200)
    expect(ui.body).toContain('swagger')
  })

  it('limits the request rate per client with 429 problem+json', async () => {
    const limited = await buildApp({ database: context.database, webRoot: false, rateLimitPerMinute: 3 })
    try {
      const statuses: number[] = []
      for (let i = 0; i < 5; i++)
        statuses.push((await limited.inject({ method: 'GET', url: '/api/v1/themenfelder' })).statusCode)
      expect(statuses).toEqual([200, 200, 200, 429, 429])
      const response = await limited.inject({ method: 'GET', url: '/api/v1/themenfelder' })
      expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
      expect(response.headers['retry-after']).toBeTruthy()
    }
    finally {
      await limited.close()
    }
  })

  it('serves the API over a real HTTP port', async () => {
    const served = await buildApp({ database: context.database, webRoot: false })
    try {
      const address = await served.listen({ port: 0, host: '127.0.0.1' })
      const response = await fetch(`${address}/api/v1/apps?q=kita&limit=1`)
      expect(response.status).toBe(200)
      expect(response.headers.get('content-type')).toMatch(/^application\/json/)
      const body = await response.json() as { items: { slug: string }[] }
      expect(body.items).toHaveLength(1)
    }
    finally {
      await served.close()
    }
  })
})
