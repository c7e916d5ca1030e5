import type { FastifyInstance } from 'fastify'
import { existsSync } from 'node:fs'
import fastifyStatic from '@fastify/static'
import fp from 'fastify-plugin'
import { notFound, Problem } from '../../lib/problem.ts'

/**
 * Serves the built storefront (apps/web/dist) at `/`. Unknown non-API paths get index.html so that
 * the client-side router can show deep links; unknown API paths get a 404 problem.
 */
export default fp(async (app: FastifyInstance, options: { root: string | false }) => {
  const root = options.root && existsSync(options.root) ? options.root : undefined
  if (root) {
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      // index.html and assets come with .br and .gz siblings made at build time (scripts/precompress.mjs).
      preCompressed: true,
      setHeaders: (reply, path) => {
        // Vite puts a content hash into every asset name, so assets can be cached for good.
        reply.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache')
      },
    })
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0]
    const isApi = path.startsWith('/api/') || path === '/api'
    if (!isApi && root && request.method === 'GET' && !path.includes('.'))
      return reply.header('Cache-Control', 'no-cache').sendFile('index.html')
    throw isApi || !root ? notFound('Resource', path) : new Problem(404, 'Not Found', `File "${path}" was not found.`)
  })
}, { name: 'web' })
