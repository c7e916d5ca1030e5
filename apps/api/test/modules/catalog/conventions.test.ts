import { expect, it } from 'vitest'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'
import { searchApps } from './helpers.ts'

describeEachDb('catalog conventions', (context) => {
  const app = useApp(context)

  it.each([
    ['limit above the cap', 'limit=101', '/query/limit'],
    ['limit zero', 'limit=0', '/query/limit'],
    ['limit not a number', 'limit=viele', '/query/limit'],
    ['unknown Themenfeld', 'themenfeld=quatsch', '/query/themenfeld/0'],
    ['unknown sort', 'sort=zufall', '/query/sort'],
    ['malformed Land code', 'land=17', '/query/land/0'],
    ['search text too long', `q=${'a'.repeat(201)}`, '/query/q'],
    ['garbage cursor', 'cursor=%%%', '/query/cursor'],
  ])('answers %s with 400 problem+json naming the parameter', async (_label, query, pointer) => {
    const response = await app.get().inject({ method: 'GET', url: `/api/v1/apps?${query}` })
    expect(response.statusCode).toBe(400)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
    const problem = response.json()
    expect(problem).toMatchObject({ status: 400, title: 'Bad Request' })
    expect(problem.detail).toEqual(expect.any(String))
    expect(problem.errors.map((e: { pointer: string }) => e.pointer)).toContain(pointer)
  })

  it('rejects a cursor issued for another sort with 400', async () => {
    const first = await searchApps(app.get(), { sort: 'name', limit: 2 })
    const response = await app.get().inject({ method: 'GET', url: `/api/v1/apps?sort=newest&cursor=${first.nextCursor}` })
    expect(response.statusCode).toBe(400)
  })

  it('rejects a forged cursor with 400, not 500', async () => {
    for (const forged of [
      ['name', 'x', 'not-a-uuid'],
      ['adoptions', '1; DROP TABLE apps', '00000000-0000-0000-0000-000000000000'],
      ['adoptions', 5, '00000000-0000-0000-0000-000000000000'],
      { sort: 'name' },
    ]) {
      const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url')
      const response = await app.get().inject({ method: 'GET', url: `/api/v1/apps?cursor=${cursor}` })
      expect(response.statusCode, JSON.stringify(forged)).toBe(400)
    }
  })

  it('answers a conditional GET with 304 when nothing changed', async () => {
    for (const url of ['/api/v1/apps?q=kita', '/api/v1/apps/terminvergabe', '/api/v1/stats', '/api/v1/themenfelder']) {
      const first = await app.get().inject({ method: 'GET', url })
      expect(first.statusCode).toBe(200)
      expect(first.headers.etag).toBeTruthy()
      expect(first.headers['cache-control']).toMatch(/public/)
      const second = await app.get().inject({ method: 'GET', url, headers: { 'if-none-match': String(first.headers.etag) } })
      expect(second.statusCode, url).toBe(304)
      expect(second.body).toBe('')
      const stale = await app.get().inject({ method: 'GET', url, headers: { 'if-none-match': '"stale"' } })
      expect(stale.statusCode).toBe(200)
    }
  })

  it('answers unknown API paths with a 404 problem', async () => {
    const response = await app.get().inject({ method: 'GET', url: '/api/v1/gibtsnicht' })
    expect(response.statusCode).toBe(404)
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  })
})
