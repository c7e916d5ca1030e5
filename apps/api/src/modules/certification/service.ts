import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { CertificateListQuerySchema, CertificateSchema, DecisionBodySchema, QueueItemSchema, RequestDetailSchema } from './schemas.ts'
import { appendAuditEvent, EXPIRING_SOON_DAYS, requiredAttestationKinds, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { notFound, Problem } from '../../lib/problem.ts'
import { utcTimestamp } from '../../lib/sql.ts'
import { requireRole } from '../identity/principal.ts'
import { notifySubscribers } from '../notifications/outbox.ts'

type QueueItem = Static<typeof QueueItemSchema>
type RequestDetail = Static<typeof RequestDetailSchema>
type Certificate = Static<typeof CertificateSchema>

interface RequestRow {
  id: string
  status: string
  app_id: string
  app_slug: string
  app_name: string
  owner_id: string
  owner_name: string
  deployment_models: string[]
  release_id: string
  release_version: string
  release_major: number
  release_minor: number
  release_patch: number
  submitted_at: string
  waiting_days: number
}

const requestSelect = sql`
  SELECT q.id, q.status::text AS status, a.id AS app_id, a.slug AS app_slug, a.name AS app_name,
         o.id AS owner_id, o.name AS owner_name, a.deployment_models::text[] AS deployment_models,
         r.id AS release_id, r.version AS release_version, r.major AS release_major, r.minor AS release_minor, r.patch AS release_patch,
         ${utcTimestamp(sql`q.submitted_at`)} AS submitted_at, (CURRENT_DATE - q.submitted_at::date) AS waiting_days
  FROM certification_requests q
  JOIN apps a ON a.id = q.app_id
  JOIN organizations o ON o.id = a.owner_organization_id
  JOIN releases r ON r.id = q.release_id`

/** What is new since the app's last certificate: the releases after it and the attestations added since. */
async function changesSinceLastCertificate(db: Database, row: RequestRow): Promise<QueueItem['changes']> {
  const [previous] = await selectRows<{ version: string, major: number, minor: number, patch: number, issued_at: string }>(db, sql`
    SELECT r.version, r.major, r.minor, r.patch, c.issued_at::text AS issued_at FROM certifications c JOIN releases r ON r.id = c.release_id
    WHERE c.app_id = ${row.app_id} ORDER BY c.issued_at DESC LIMIT 1`)
  const releases = await selectRows<{ version: string, releasedOn: string, changelog: string }>(db, sql`
    SELECT version, released_on::text AS "releasedOn", changelog FROM releases
    WHERE app_id = ${row.app_id}
      AND (major, minor, patch) <= (${row.release_major}, ${row.release_minor}, ${row.release_patch})
      ${previous ? sql`AND (major, minor, patch) > (${previous.major}, ${previous.minor}, ${previous.patch})` : sql``}
    ORDER BY major DESC, minor DESC, patch DESC`)
  const attestationsAdded = await selectRows<{ kind: string, issuer: string, validUntil: string }>(db, sql`
    SELECT kind::text AS kind, issuer, valid_until::text AS "validUntil" FROM attestations
    WHERE app_id = ${row.app_id} ${previous ? sql`AND created_at > ${previous.issued_at}::timestamptz` : sql``}
    ORDER BY created_at`)
  return { previousCertifiedVersion: previous?.version ?? null, releases, attestationsAdded }
}

async function toQueueItem(db: Database, row: RequestRow): Promise<QueueItem> {
  return {
    id: row.id,
    status: row.status,
    app: { slug: row.app_slug, name: row.app_name, owner: row.owner_name },
    releaseVersion: row.release_version,
    submittedAt: row.submitted_at,
    waitingDays: row.waiting_days,
    changes: await changesSinceLastCertificate(db, row),
  }
}

/** The review queue, longest waiting first. */
export async function listRequests(db: Database, principal: Principal, status: string): Promise<QueueItem[]> {
  requireRole(principal, 'reviewer', 'platform_admin')
  const rows = await selectRows<RequestRow>(db, sql`${requestSelect} WHERE q.status = ${status}::certification_request_status ORDER BY q.submitted_at, q.id`)
  return Promise.all(rows.map(row => toQueueItem(db, row)))
}

async function loadRequest(db: Database, id: string): Promise<RequestRow> {
  const [row] = await selectRows<RequestRow>(db, sql`${requestSelect} WHERE q.id = ${id}`)
  if (!row)
    throw notFound('Certification request', id)
  return row
}

/** A request with the evidence per criterion and, once decided, the decision. */
export async function getRequest(db: Database, principal: Principal, id: string): Promise<RequestDetail> {
  requireRole(principal, 'reviewer', 'platform_admin')
  const row = await loadRequest(db, id)
  const attestations = await selectRows<{ kind: string, issuer: string, issuedOn: string, validUntil: string, daysLeft: number, evidenceUrl: string, evidenceSha256: string, releaseVersion: string | null }>(db, sql`
    SELECT t.kind::text AS kind, t.issuer, t.issued_on::text AS "issuedOn", t.valid_until::text AS "validUntil", (t.valid_until - CURRENT_DATE) AS "daysLeft",
           t.evidence_url AS "evidenceUrl", t.evidence_sha256 AS "evidenceSha256", r.version AS "releaseVersion"
    FROM attestations t LEFT JOIN releases r ON r.id = t.release_id
    WHERE t.app_id = ${row.app_id} AND (t.release_id IS NULL OR t.release_id = ${row.release_id})
    ORDER BY t.valid_until DESC`)
  const [decision] = await selectRows<{ outcome: RequestDetail['status'], criteria: { criterion: string, result: 'met' | 'not_met' | 'not_applicable', note?: string }[], comment: string, decided_at: string, certificate_id: string | null, certificate_number: string | null, valid_until: string | null }>(db, sql`
    SELECT d.outcome::text AS outcome, d.criteria, d.comment, ${utcTimestamp(sql`d.decided_at`)} AS decided_at,
           c.id AS certificate_id, c.certificate_number, c.valid_until::text AS valid_until
    FROM certification_decisions d LEFT JOIN certifications c ON c.request_id = d.request_id
    WHERE d.request_id = ${id}`)
  const kinds = requiredAttestationKinds({ deploymentModels: row.deployment_models as never })
  return {
    ...await toQueueItem(db, row),
    criteria: kinds.map(kind => ({
      criterion: kind,
      attestations: attestations.filter(a => a.kind === kind).map(({ kind: _kind, daysLeft, ...a }) => ({
        ...a,
        state: daysLeft < 0 ? 'expired' as const : daysLeft < EXPIRING_SOON_DAYS ? 'expiring' as const : 'valid' as const,
      })),
    })),
    decision: decision
      ? {
          outcome: decision.outcome as 'approved' | 'rejected' | 'changes_requested',
          criteria: decision.criteria,
          comment: decision.comment,
          decidedAt: decision.decided_at,
          certificate: decision.certificate_id ? { id: decision.certificate_id, number: decision.certificate_number!, validUntil: decision.valid_until! } : null,
        }
      : null,
  }
}

/**
 * Decides a request, once. Approval needs every required criterion judged "met" and its attestation
 * still valid; it issues a certificate for the release's major version, valid until the earliest
 * expiry of the required attestations. Rejection or requested changes send the app back to draft.
 */
export async function decideRequest(db: Database, principal: Principal, id: string, body: Static<typeof DecisionBodySchema>): Promise<RequestDetail> {
  requireRole(principal, 'reviewer')
  const row = await loadRequest(db, id)
  if (row.owner_id === principal.organization.id)
    throw new Problem(403, 'Forbidden', 'Reviewers do not decide on their own organization\'s apps.')
  if (row.status !== 'pending')
    throw new Problem(409, 'Conflict', `This request was already decided (${row.status}).`)
  const required = requiredAttestationKinds({ deploymentModels: row.deployment_models as never })
  const judged = new Map(body.criteria.map(c => [c.criterion, c.result]))
  const unjudged = required.filter(kind => !judged.has(kind))
  if (unjudged.length > 0)
    throw new Problem(422, 'Unprocessable Content', `Judge every criterion: ${unjudged.join(', ')} missing.`, unjudged.map(kind => ({ pointer: `/body/criteria/${kind}`, message: 'not judged' })))
  const validUntilByKind = new Map((await selectRows<{ kind: string, until: string }>(db, sql`
    SELECT kind::text AS kind, max(valid_until)::text AS until FROM attestations
    WHERE app_id = ${row.app_id} AND valid_until >= CURRENT_DATE AND (release_id IS NULL OR release_id = ${row.release_id})
    GROUP BY kind`)).map(r => [r.kind, r.until]))
  if (body.outcome === 'approved') {
    const problems = required.flatMap((kind) => {
      if (judged.get(kind) !== 'met')
        return [{ pointer: `/body/criteria/${kind}`, message: 'must be met for approval' }]
      if (!validUntilByKind.has(kind))
        return [{ pointer: `/criteria/${kind}`, message: 'no valid attestation any more' }]
      return []
    })
    if (problems.length > 0)
      throw new Problem(422, 'Unprocessable Content', 'Approval needs every required criterion met with a valid attestation.', problems)
  }

  await db.transaction(async (tx) => {
    // Decided once: of two concurrent decisions only the one that still finds the request pending proceeds.
    const claimed = await selectRows<{ id: string }>(tx, sql`
      UPDATE certification_requests SET status = ${body.outcome}::certification_request_status, decided_at = now()
      WHERE id = ${id} AND status = 'pending' RETURNING id`)
    if (claimed.length === 0)
      throw new Problem(409, 'Conflict', 'This request was decided in the meantime.')
    await tx.execute(sql`
      INSERT INTO certification_decisions (request_id, reviewer_id, outcome, criteria, comment)
      VALUES (${id}, ${principal.userId}, ${body.outcome}::decision_outcome, ${JSON.stringify(body.criteria)}::jsonb, ${body.comment})`)
    const audit = { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: row.app_id }
    await appendAuditEvent(tx, { ...audit, action: `certification.${body.outcome}`, entityType: 'certification_request', entityId: id, payload: { releaseVersion: row.release_version, criteria: body.criteria, comment: body.comment } })
    if (body.outcome === 'approved') {
      const validUntil = required.map(kind => validUntilByKind.get(kind)!).sort()[0]
      const [certificate] = await selectRows<{ id: string, certificate_number: string }>(tx, sql`
        INSERT INTO certifications (app_id, release_id, request_id, certificate_number, major, valid_until)
        VALUES (${row.app_id}, ${row.release_id}, ${id},
                'LCIO-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' || lpad(nextval('certificate_number_seq')::text, 4, '0'),
                ${row.release_major}, ${validUntil})
        RETURNING id, certificate_number`)
      await tx.execute(sql`UPDATE apps SET status = 'certified', updated_at = now(), revision = revision + 1 WHERE id = ${row.app_id}`)
      await appendAuditEvent(tx, { ...audit, action: 'certificate.issued', entityType: 'certificate', entityId: certificate.id, payload: { certificateNumber: certificate.certificate_number, releaseVersion: row.release_version, validUntil } })
    }
    else {
      // Back to the vendor: a draft again unless an earlier certificate keeps the app in the catalogue.
      await tx.execute(sql`
        UPDATE apps SET status = CASE WHEN certified_until >= CURRENT_DATE THEN 'certified'::app_status ELSE 'draft'::app_status END,
                        updated_at = now(), revision = revision + 1
        WHERE id = ${row.app_id}`)
    }
  })
  return getRequest(db, principal, id)
}

const certificateSelect = sql`
  SELECT c.id, c.certificate_number AS number, a.slug AS app_slug, a.name AS app_name, o.name AS owner_name,
         r.version AS release_version, c.major AS covers_major, c.status::text AS status, c.valid_until::text AS valid_until,
         (c.valid_until - CURRENT_DATE) AS days_left, c.status_reason, a.id AS app_id
  FROM certifications c JOIN apps a ON a.id = c.app_id JOIN organizations o ON o.id = a.owner_organization_id JOIN releases r ON r.id = c.release_id`

interface CertificateRow { id: string, number: string, app_slug: string, app_name: string, owner_name: string, release_version: string, covers_major: number, status: Certificate['status'], valid_until: string, days_left: number, status_reason: string | null, app_id: string }

const toCertificate = (row: CertificateRow): Certificate => ({
  id: row.id,
  number: row.number,
  app: { slug: row.app_slug, name: row.app_name, owner: row.owner_name },
  releaseVersion: row.release_version,
  coversMajor: row.covers_major,
  status: row.status,
  validUntil: row.valid_until,
  daysLeft: row.days_left,
  statusReason: row.status_reason,
})

/** Certificates, e.g. those valid ones that end within 60 days (soonest first), so that they are renewed in time. */
export async function listCertificates(db: Database, principal: Principal, query: Static<typeof CertificateListQuerySchema>): Promise<Certificate[]> {
  requireRole(principal, 'reviewer', 'platform_admin')
  const conditions = [
    query.app ? sql`a.slug = ${query.app}` : undefined,
    query.expiringWithinDays !== undefined ? sql`c.status = 'valid' AND c.valid_until >= CURRENT_DATE AND c.valid_until <= CURRENT_DATE + ${query.expiringWithinDays}::int` : undefined,
  ].filter(c => c !== undefined)
  const rows = await selectRows<CertificateRow>(db, sql`${certificateSelect}
    WHERE ${conditions.length ? sql.join(conditions, sql` AND `) : sql`TRUE`}
    ORDER BY c.valid_until, c.certificate_number LIMIT 500`)
  return rows.map(toCertificate)
}

const transitions = {
  suspend: { from: ['valid'], to: 'suspended', appStatus: 'suspended' },
  revoke: { from: ['valid', 'suspended'], to: 'revoked', appStatus: 'revoked' },
  reinstate: { from: ['suspended'], to: 'valid', appStatus: 'certified' },
} as const

/** Suspends, revokes or reinstates a certificate with a reason; the app's catalogue status follows. */
export async function changeCertificateStatus(db: Database, principal: Principal, id: string, change: keyof typeof transitions, reason: string): Promise<Certificate> {
  requireRole(principal, 'reviewer')
  const transition = transitions[change]
  const [current] = await selectRows<CertificateRow & { owner_id: string }>(db, sql`${certificateSelect} WHERE c.id = ${id}`)
  if (!current)
    throw notFound('Certificate', id)
  await db.transaction(async (tx) => {
    const updated = await selectRows<{ id: string }>(tx, sql`
      UPDATE certifications SET status = ${transition.to}::certification_status, status_reason = ${reason}, status_changed_at = now()
      WHERE id = ${id} AND status = ANY(ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(transition.from)}::jsonb))::certification_status[])
      RETURNING id`)
    if (updated.length === 0)
      throw new Problem(409, 'Conflict', `A ${current.status} certificate cannot be ${transition.to === 'valid' ? 'reinstated' : transition.to}.`)
    // The app stays certified while another certificate of it is still valid.
    await tx.execute(sql`
      UPDATE apps SET status = CASE WHEN certified_until >= CURRENT_DATE THEN 'certified'::app_status ELSE ${transition.appStatus}::app_status END,
                      updated_at = now(), revision = revision + 1
      WHERE id = ${current.app_id} AND status <> 'retired'`)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, appId: current.app_id, action: `certificate.${transition.to === 'valid' ? 'reinstated' : transition.to}`, entityType: 'certificate', entityId: id, payload: { certificateNumber: current.number, reason } })
    await notifySubscribers(tx, { type: `certification.${transition.to === 'valid' ? 'reinstated' : transition.to}`, appId: current.app_id, payload: { certificateNumber: current.number, reason }, dedupeKey: null })
  })
  const [row] = await selectRows<CertificateRow>(db, sql`${certificateSelect} WHERE c.id = ${id}`)
  return toCertificate(row)
}
