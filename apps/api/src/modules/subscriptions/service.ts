import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { StoredResponse } from '../../lib/idempotency.ts'
import type { Principal } from '../identity/principal.ts'
import type { OwnSubscriptionSchema, SubscribeBodySchema, SubscriptionSchema } from './schemas.ts'
import { appendAuditEvent, EXPIRING_SOON_DAYS, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { sqlState, UNIQUE_VIOLATION } from '../../lib/database-errors.ts'
import { oncePerKey } from '../../lib/idempotency.ts'
import { notFound, Problem } from '../../lib/problem.ts'
import { currentYear, ownShares } from '../cost-sharing/service.ts'

type Subscription = Static<typeof SubscriptionSchema>

const subscriptionSelect = sql`
  SELECT s.id, a.slug AS app_slug, a.name AS app_name, s.operating_model::text AS operating_model, s.status::text AS status,
         s.started_on::text AS started_on, s.cancelled_on::text AS cancelled_on
  FROM subscriptions s JOIN apps a ON a.id = s.app_id`

interface SubscriptionRow { id: string, app_slug: string, app_name: string, operating_model: Subscription['operatingModel'], status: Subscription['status'], started_on: string, cancelled_on: string | null }

const toSubscription = (row: SubscriptionRow): Subscription => ({
  id: row.id,
  app: { slug: row.app_slug, name: row.app_name },
  operatingModel: row.operating_model,
  status: row.status,
  startedOn: row.started_on,
  cancelledOn: row.cancelled_on,
})

/**
 * Nachnutzung: the caller's own organization adopts a certified app. One active subscription per
 * organization and app (a unique index decides between concurrent requests); Idempotency-Key replays.
 */
export async function subscribe(db: Database, principal: Principal, body: Static<typeof SubscribeBodySchema>, idempotencyKey: string | undefined): Promise<StoredResponse<Subscription>> {
  if (!['municipality', 'county', 'land'].includes(principal.organization.kind))
    throw new Problem(403, 'Forbidden', 'Only public bodies (municipalities, counties, Länder) adopt apps.')
  const [app] = await selectRows<{ id: string, name: string, status: string, public: boolean, deployment_models: string[] }>(db, sql`
    SELECT id, name, status::text AS status, (status = 'certified' AND certified_until >= CURRENT_DATE) AS public, deployment_models::text[] AS deployment_models
    FROM apps WHERE slug = ${body.app}`)
  if (!app || (!app.public && app.status === 'draft'))
    throw notFound('App', body.app)
  if (!app.public)
    throw new Problem(409, 'Conflict', `${app.name} is not certified at the moment (status: ${app.status}); only certified apps can be adopted.`)
  if (!app.deployment_models.includes(body.operatingModel))
    throw new Problem(422, 'Unprocessable Content', `${app.name} cannot be operated as ${body.operatingModel}; possible: ${app.deployment_models.join(', ')}.`, [{ pointer: '/body/operatingModel', message: 'is not offered by this app' }])
  try {
    return await db.transaction(tx => oncePerKey(tx, { organizationId: principal.organization.id, key: idempotencyKey, request: { method: 'POST', path: '/subscriptions', body } }, async () => {
      const [created] = await selectRows<{ id: string }>(tx, sql`
        INSERT INTO subscriptions (app_id, organization_id, operating_model)
        VALUES (${app.id}, ${principal.organization.id}, ${body.operatingModel}::deployment_model) RETURNING id`)
      await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: app.id, action: 'subscription.created', entityType: 'subscription', entityId: created.id, payload: { organization: principal.organization.slug, operatingModel: body.operatingModel } })
      const [row] = await selectRows<SubscriptionRow>(tx, sql`${subscriptionSelect} WHERE s.id = ${created.id}`)
      return { status: 201, body: toSubscription(row) }
    }))
  }
  catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION)
      throw new Problem(409, 'Conflict', `${principal.organization.name} already uses ${app.name}.`)
    throw error
  }
}

/** The organization's subscriptions with each app's certification state and this year's cost share. */
export async function listOwnSubscriptions(db: Database, principal: Principal): Promise<Static<typeof OwnSubscriptionSchema>[]> {
  const rows = await selectRows<SubscriptionRow & { app_status: string, certified_until: string | null, expiring_soon: boolean }>(db, sql`
    SELECT sub.*, CASE WHEN a.status = 'certified' AND a.certified_until < CURRENT_DATE THEN 'expired' ELSE a.status::text END AS app_status,
           a.certified_until::text AS certified_until,
           (a.status = 'certified' AND a.certified_until >= CURRENT_DATE AND a.certified_until < CURRENT_DATE + ${EXPIRING_SOON_DAYS}::int) AS expiring_soon
    FROM (${subscriptionSelect} WHERE s.organization_id = ${principal.organization.id}) sub JOIN apps a ON a.slug = sub.app_slug
    ORDER BY sub.status, sub.started_on DESC, sub.app_name`)
  const shares = await ownShares(db, principal.organization.id, rows.filter(row => row.status === 'active').map(row => row.app_slug), currentYear())
  return rows.map(row => ({
    ...toSubscription(row),
    certification: { status: row.app_status, certifiedUntil: row.certified_until, expiringSoon: row.expiring_soon },
    costShare: row.status === 'active' ? shares.get(row.app_slug) ?? null : null,
  }))
}

/** Ends an own subscription; another organization's is "not found". */
export async function cancelSubscription(db: Database, principal: Principal, id: string): Promise<Subscription> {
  return db.transaction(async (tx) => {
    const cancelled = await selectRows<{ id: string, app_id: string }>(tx, sql`
      UPDATE subscriptions SET status = 'cancelled', cancelled_on = CURRENT_DATE
      WHERE id = ${id} AND organization_id = ${principal.organization.id} AND status = 'active'
      RETURNING id, app_id`)
    if (cancelled.length === 0) {
      const [existing] = await selectRows<{ status: string }>(tx, sql`SELECT status::text AS status FROM subscriptions WHERE id = ${id} AND organization_id = ${principal.organization.id}`)
      if (!existing)
        throw notFound('Subscription', id)
      throw new Problem(409, 'Conflict', 'This subscription has already ended.')
    }
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: cancelled[0].app_id, action: 'subscription.cancelled', entityType: 'subscription', entityId: id, payload: { organization: principal.organization.slug } })
    const [row] = await selectRows<SubscriptionRow>(tx, sql`${subscriptionSelect} WHERE s.id = ${id}`)
    return toSubscription(row)
  })
}
