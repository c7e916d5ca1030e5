import type { DbConfig } from '@kas/db'
import type { IdentityOptions } from './plugins/app/auth.ts'
import { dbConfigFromEnv } from '@kas/db'

export interface AppConfig {
  /** API processes sharing the port (one per core on a real server); more than one needs PostgreSQL. */
  workers: number
  port: number
  host: string
  logLevel: string
  nodeEnv: string
  db: DbConfig
  /** Requests per minute and client IP before 429. */
  rateLimitPerMinute: number
  /** Load the demo catalogue on first start. */
  seedDemoData: boolean
  identity: IdentityOptions
  notifications: { workerIntervalMs: number, allowHttpWebhooks: boolean }
  site: { operator?: { name: string, email: string } }
}

function integer(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '')
    return fallback
  const parsed = Number(value)
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new Error(`${name} must be a non-negative integer, got "${value}"`)
  return parsed
}

/** Reads the configuration from the environment (see the table in README.md). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  return {
    workers: integer(env.API_WORKERS, 1, 'API_WORKERS') || 1,
    port: integer(env.PORT, 3000, 'PORT'),
    host: env.HOST || '127.0.0.1',
    logLevel: env.LOG_LEVEL || 'info',
    nodeEnv: env.NODE_ENV || 'development',
    db: dbConfigFromEnv(env),
    rateLimitPerMinute: integer(env.RATE_LIMIT_PER_MINUTE, 600, 'RATE_LIMIT_PER_MINUTE'),
    seedDemoData: env.SEED_DEMO_DATA !== 'false',
    identity: {
      oidc: env.OIDC_ISSUER ? { issuer: env.OIDC_ISSUER, audience: env.OIDC_AUDIENCE || 'kommunaler-app-store', clientId: env.OIDC_CLIENT_ID || 'kommunaler-app-store' } : undefined,
      // The development sign-in is never on in production or next to a real identity provider.
      devSignIn: { enabled: !env.OIDC_ISSUER && (env.NODE_ENV || 'development') !== 'production', keyDirectory: dbConfigFromEnv(env).dataDir },
      claims: { rolesClaim: env.OIDC_ROLES_CLAIM || undefined, organizationClaim: env.OIDC_ORGANIZATION_CLAIM || undefined },
    },
    site: { operator: env.OPERATOR_NAME && env.OPERATOR_EMAIL ? { name: env.OPERATOR_NAME, email: env.OPERATOR_EMAIL } : undefined },
    notifications: {
      workerIntervalMs: integer(env.NOTIFICATION_INTERVAL_MS, 5000, 'NOTIFICATION_INTERVAL_MS') || 5000,
      // Signed events travel only over https in production.
      allowHttpWebhooks: (env.NODE_ENV || 'development') !== 'production',
    },
  }
}
