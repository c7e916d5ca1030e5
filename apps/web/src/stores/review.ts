import type { AuditEvent, Certificate, DecisionBody, QueueItem, RequestDetail } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../lib/api.ts'

/** The reviewer console: the queue, one request under review, and certificates about to expire. */
export const useReviewStore = defineStore('review', () => {
  const queue = ref<QueueItem[]>([])
  const expiring = ref<Certificate[]>([])
  const request = ref<RequestDetail | null>(null)
  /** The app's audit trail, newest first, beside the request under review. */
  const timeline = ref<AuditEvent[]>([])

  /** Certificates shown beside the queue: those expiring within 60 days, or all of them. */
  const showAllCertificates = ref(false)

  async function loadQueue(): Promise<void> {
    const [pending, soon] = await Promise.all([
      unwrap(api.GET('/api/v1/certification-requests', { params: { query: { status: 'pending' } } })),
      unwrap(api.GET('/api/v1/certifications', { params: { query: showAllCertificates.value ? {} : { expiringWithinDays: 60 } } })),
    ])
    queue.value = pending
    expiring.value = soon
  }

  async function loadRequest(id: string): Promise<void> {
    request.value = await unwrap(api.GET('/api/v1/certification-requests/{id}', { params: { path: { id } } }))
    timeline.value = (await unwrap(api.GET('/api/v1/audit', { params: { query: { app: request.value.app.slug, limit: 50 } } }))).items
  }

  async function decide(id: string, body: DecisionBody): Promise<void> {
    request.value = await unwrap(api.POST('/api/v1/certification-requests/{id}/decision', { params: { path: { id } }, body }))
    timeline.value = (await unwrap(api.GET('/api/v1/audit', { params: { query: { app: request.value.app.slug, limit: 50 } } }))).items
  }

  async function changeCertificate(id: string, change: 'suspend' | 'revoke', reason: string): Promise<void> {
    const path = change === 'suspend' ? '/api/v1/certifications/{id}/suspend' as const : '/api/v1/certifications/{id}/revoke' as const
    await unwrap(api.POST(path, { params: { path: { id } }, body: { reason } }))
    await loadQueue()
  }

  return { queue, expiring, request, timeline, showAllCertificates, loadQueue, loadRequest, decide, changeCertificate }
})
