import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import { NotificationWorker } from '../../modules/notifications/worker.ts'

export interface NotificationOptions {
  /** How often the worker looks for events and due webhook calls; `false` leaves it to `runOnce` (tests). */
  workerIntervalMs?: number | false
  /** Plain-http and local or private webhook addresses are only for development and tests. */
  allowHttpWebhooks?: boolean
}

declare module 'fastify' {
  interface FastifyInstance {
    notificationWorker: NotificationWorker
    notificationOptions: Required<NotificationOptions>
  }
}

/** Runs the notification worker while the server runs and stops it, finishing its round, on close. */
export default fp(async (app: FastifyInstance, options: NotificationOptions) => {
  const settings = { workerIntervalMs: options.workerIntervalMs ?? false, allowHttpWebhooks: options.allowHttpWebhooks ?? true }
  const worker = new NotificationWorker(app.database.db, app.log, settings.workerIntervalMs || 0, settings.allowHttpWebhooks)
  app.decorate('notificationWorker', worker)
  app.decorate('notificationOptions', settings)
  if (settings.workerIntervalMs)
    app.addHook('onReady', async () => worker.start())
  app.addHook('onClose', async () => worker.stop())
}, { name: 'notifications', dependencies: ['db'] })
