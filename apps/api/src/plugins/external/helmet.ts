import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

/**
 * Security headers. The CSP allows only same-origin scripts, which is all the storefront needs;
 * inline styles are allowed for the API reference UI, whose markup sets style attributes.
 */
export default fp(async (app: FastifyInstance) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\''],
        'style-src': ['\'self\'', '\'unsafe-inline\''],
        'img-src': ['\'self\'', 'data:'],
        'connect-src': ['\'self\''],
        'object-src': ['\'none\''],
        'frame-ancestors': ['\'none\''],
        'base-uri': ['\'self\''],
        'form-action': ['\'self\''],
        'upgrade-insecure-requests': null,
      },
    },
    crossOriginEmbedderPolicy: false,
  })
}, { name: 'helmet' })
