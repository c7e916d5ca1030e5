import type { FastifyInstance } from 'fastify'
import rateLimit from '@fastify/rate-limit'
import fp from 'fastify-plugin'
import { Problem } from '../../lib/problem.ts'

/** Per-IP request budget; counters live in process memory (see DESIGN.md §7 for Redis when scaling out). */
export default fp(async (app: FastifyInstance, options: { max: number }) => {
  await app.register(rateLimit, {
    max: options.max,
    timeWindow: '1 minute',
    allowList: request => request.url === '/healthz' || request.url === '/readyz',
    errorResponseBuilder: (_request, context) => new Problem(
      429,
      'Too Many Requests',
      `Rate limit of ${context.max} requests per ${context.after} exceeded; retry later.`,
    ),
  })
}, { name: 'rate-limit' })
