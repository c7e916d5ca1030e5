import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { ModeratedReportSchema, ReportBodySchema, ReportListSchema, ReportSchema } from './schemas.ts'
import { appendAuditEvent, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { sqlState, UNIQUE_VIOLATION } from '../../lib/database-errors.ts'
import { notFound, Problem } from '../../lib/problem.ts'
import { utcTimestamp } from '../../lib/sql.ts'
import { requireRole } from '../identity/principal.ts'

type Report = Static<typeof ReportSchema>
type ModeratedReport = Static<typeof ModeratedReportSchema>

const reportSelect = sql`
  SELECT r.id,
         json_build_object('name', CASE WHEN o.listed_publicly THEN o.name END, 'slug', CASE WHEN o.listed_publicly THEN o.slug END,
                           'kind', o.kind, 'landCode', o.land_code) AS author,
         rel.version AS "releaseVersion", r.rating, r.body AS text,
         EXISTS (SELECT 1 FROM subscriptions s WHERE s.app_id = r.app_id AND s.organization_id = r.organization_id AND s.status = 'active') AS "currentAdopter",
         CASE WHEN r.vendor_reply IS NULL THEN NULL ELSE json_build_object('text', r.vendor_reply, 'repliedAt', ${utcTimestamp(sql`r.vendor_replied_at`)}) END AS "vendorReply",
         r.revision, ${utcTimestamp(sql`r.created_at`)} AS "createdAt", ${utcTimestamp(sql`r.updated_at`)} AS "updatedAt",
         r.hidden, r.hidden_reason AS "hiddenReason"
  FROM experience_reports r JOIN organizations o ON o.id = r.organization_id LEFT JOIN releases rel ON rel.id = r.release_id`

const unprocessable = (detail: string, pointer: string, message: string) => new Problem(422, 'Unprocessable Content', detail, [{ pointer, message }])

async function reportById(db: Database, id: string): Promise<ModeratedReport> {
  const [report] = await selectRows<ModeratedReport>(db, sql`${reportSelect} WHERE r.id = ${id}`)
  if (!report)
    throw notFound('Report', id)
  return report
}

const publicView = ({ hidden: _hidden, hiddenReason: _reason, ...report }: ModeratedReport): Report => report

/** Visible reports of an app, newest first, with the average rating. */
export async function listReports(db: Database, slug: string): Promise<Static<typeof ReportListSchema>> {
  const [app] = await selectRows<{ id: string }>(db, sql`SELECT id FROM apps WHERE slug = ${slug} AND status <> 'draft'`)
  if (!app)
    throw notFound('App', slug)
  const items = await selectRows<ModeratedReport>(db, sql`${reportSelect} WHERE r.app_id = ${app.id} AND NOT r.hidden ORDER BY r.created_at DESC, r.id`)
  const distribution = [1, 2, 3, 4, 5].map(stars => items.filter(item => item.rating === stars).length)
  const average = items.length > 0 ? Math.round(items.reduce((sum, item) => sum + item.rating, 0) / items.length * 10) / 10 : null
  return { averageRating: average, count: items.length, distribution, items: items.map(publicView) }
}

/**
 * Only verified adopters write reports: the caller's organization must use or have used the app.
 * One report per organization and app; the release must be one of the app's.
 */
export async function createReport(db: Database, principal: Principal, slug: string, body: Static<typeof ReportBodySchema>): Promise<Report> {
  requireRole(principal, 'municipality_admin', 'municipality_member')
  return db.transaction(async (tx) => {
    const [app] = await selectRows<{ id: string, name: string }>(tx, sql`SELECT id, name FROM apps WHERE slug = ${slug} AND status <> 'draft'`)
    if (!app)
      throw notFound('App', slug)
    const [adopter] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM subscriptions WHERE app_id = ${app.id} AND organization_id = ${principal.organization.id} LIMIT 1`)
    if (!adopter)
      throw new Problem(403, 'Forbidden', `Only organizations that use or used ${app.name} write experience reports about it.`)
    const releaseId = await releaseOf(tx, app.id, body.releaseVersion)
    try {
      const [created] = await selectRows<{ id: string }>(tx, sql`
        INSERT INTO experience_reports (app_id, organization_id, release_id, rating, body)
        VALUES (${app.id}, ${principal.organization.id}, ${releaseId}, ${body.rating}, ${body.text}) RETURNING id`)
      await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: app.id, action: 'report.created', entityType: 'experience_report', entityId: created.id, payload: { rating: body.rating, releaseVersion: body.releaseVersion } })
      return publicView(await reportById(tx, created.id))
    }
    catch (error) {
      if (sqlState(error) === UNIQUE_VIOLATION)
        throw new Problem(409, 'Conflict', `${principal.organization.name} has written its report on ${app.name} already; edit that one instead.`)
      throw error
    }
  })
}

async function releaseOf(tx: Database, appId: string, version: string): Promise<string> {
  const [release] = await selectRows<{ id: string }>(tx, sql`SELECT id FROM releases WHERE app_id = ${appId} AND version = ${version}`)
  if (!release)
    throw unprocessable(`The app has no release ${version}.`, '/body/releaseVersion', 'is not a release of this app')
  return release.id
}

/** The organization edits its own report; If-Match guards against overwriting a colleague's edit. */
export async function updateReport(db: Database, principal: Principal, id: string, revision: number, body: Static<typeof ReportBodySchema>): Promise<Report> {
  requireRole(principal, 'municipality_admin', 'municipality_member')
  return db.transaction(async (tx) => {
    const [own] = await selectRows<{ app_id: string, revision: number }>(tx, sql`
      SELECT app_id, revision FROM experience_reports WHERE id = ${id} AND organization_id = ${principal.organization.id} FOR UPDATE`)
    if (!own)
      throw notFound('Report of your organization', id)
    if (own.revision !== revision)
      throw new Problem(412, 'Precondition Failed', 'The report was changed since you read it. Load it again and retry.')
    const releaseId = await releaseOf(tx, own.app_id, body.releaseVersion)
    await tx.execute(sql`
      UPDATE experience_reports SET release_id = ${releaseId}, rating = ${body.rating}, body = ${body.text}, revision = revision + 1, updated_at = now()
      WHERE id = ${id}`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: own.app_id, action: 'report.updated', entityType: 'experience_report', entityId: id, payload: { rating: body.rating, releaseVersion: body.releaseVersion } })
    return publicView(await reportById(tx, id))
  })
}

/** The app's vendor answers a report once. */
export async function replyToReport(db: Database, principal: Principal, id: string, text: string): Promise<Report> {
  requireRole(principal, 'vendor_publisher')
  return db.transaction(async (tx) => {
    const [report] = await selectRows<{ app_id: string, replied: boolean }>(tx, sql`
      SELECT r.app_id, r.vendor_reply IS NOT NULL AS replied FROM experience_reports r JOIN apps a ON a.id = r.app_id
      WHERE r.id = ${id} AND a.owner_organization_id = ${principal.organization.id} AND NOT r.hidden FOR UPDATE OF r`)
    if (!report)
      throw notFound('Report on one of your apps', id)
    if (report.replied)
      throw new Problem(409, 'Conflict', 'You have replied to this report already; a report gets one reply.')
    await tx.execute(sql`UPDATE experience_reports SET vendor_reply = ${text}, vendor_replied_at = now() WHERE id = ${id}`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: report.app_id, action: 'report.replied', entityType: 'experience_report', entityId: id, payload: {} })
    return publicView(await reportById(tx, id))
  })
}

/** Platform admins hide abusive reports (or show them again), with a reason in the audit trail. */
export async function setReportVisibility(db: Database, principal: Principal, id: string, hidden: boolean, reason: string): Promise<ModeratedReport> {
  requireRole(principal, 'platform_admin')
  return db.transaction(async (tx) => {
    const [report] = await selectRows<{ app_id: string }>(tx, sql`
      UPDATE experience_reports SET hidden = ${hidden}, hidden_reason = ${hidden ? reason : null} WHERE id = ${id} RETURNING app_id`)
    if (!report)
      throw notFound('Report', id)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: report.app_id, action: hidden ? 'report.hidden' : 'report.shown', entityType: 'experience_report', entityId: id, payload: { reason } })
    return reportById(tx, id)
  })
}

/** The caller's own report on an app, if any (for the edit form). */
export async function ownReport(db: Database, principal: Principal, slug: string): Promise<ModeratedReport | null> {
  const [report] = await selectRows<ModeratedReport>(db, sql`${reportSelect}
    JOIN apps a ON a.id = r.app_id WHERE a.slug = ${slug} AND r.organization_id = ${principal.organization.id}`)
  return report ?? null
}
