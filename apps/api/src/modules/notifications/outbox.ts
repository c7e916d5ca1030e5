import type { Database } from '@kas/db'
import type { NotificationType } from '@kas/db/schema'
import { sql } from 'drizzle-orm'

export interface AppEvent {
  type: NotificationType
  appId: string
  payload: Record<string, unknown>
  /** Raises the event only once per key (for periodic checks); null for events of a single change. */
  dedupeKey: string | null
}

/**
 * Records that the app's subscribers must be told about something. Call it inside the transaction
 * of the change itself: both commit together or neither does (transactional outbox).
 */
export async function notifySubscribers(tx: Database, event: AppEvent): Promise<void> {
  await tx.execute(sql`
    INSERT INTO outbox_events (type, app_id, payload, dedupe_key)
    VALUES (${event.type}::notification_type, ${event.appId}, ${JSON.stringify(event.payload)}::jsonb, ${event.dedupeKey})
    ON CONFLICT (dedupe_key) DO NOTHING`)
}
