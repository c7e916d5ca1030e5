import type { FastifyInstance } from 'fastify'
import { constants } from 'node:zlib'
import fastifyCompress from '@fastify/compress'
import fp from 'fastify-plugin'

/**
 * Compresses API responses (brotli or gzip, whichever the client accepts). Brotli at quality 4:
 * nearly the size of the maximum at a fraction of the CPU. The storefront's assets are compressed
 * once at build time and served as they are (plugins/external/web.ts).
 */
export default fp(async (app: FastifyInstance) => {
  await app.register(fastifyCompress, {
    global: true,
    threshold: 1024,
    encodings: ['br', 'gzip'],
    brotliOptions: { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } },
  })
}, { name: 'compress' })
