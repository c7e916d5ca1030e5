import type { FastifyInstance } from 'fastify'
import helmet from '@fastify/helmet'
import fp from 'fastify-plugin'

/**
 * Security headers. The CSP allows only same-origin scripts, which is all the storefront needs;
 * inline styles are allowed for the API reference UI, whose markup sets style attributes.
 */
export default fp(async (app: FastifyInstance, options: { connectSources?: string[] }) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        'default-src': ['\'self\''],
        'script-src': ['\'self\''],
        'style-src': ['\'self\'', '\'unsafe-inline\''],
        'img-src': ['\'self\'', 'data:'],
        // The OIDC provider's origin, when there is one: the storefront fetches its discovery document and tokens.
        'connect-src': ['\'self\'', ...(options.connectSources ?? [])],
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
