import type { Notification, Organization, Webhook, WebhookDelivery, WebhookWithSecret } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../lib/api.ts'

/** The municipality dashboard: news feed, the organization's listing choice and its webhook. */
export const useDashboardStore = defineStore('dashboard', () => {
  const notifications = ref<Notification[]>([])
  const unread = ref(0)
  const nextCursor = ref<string | null>(null)
  const organization = ref<Organization | null>(null)
  const webhook = ref<Webhook | null>(null)
  /** Shown once right after the webhook was saved; never fetched again. */
  const webhookSecret = ref<WebhookWithSecret['secret'] | null>(null)
  const deliveries = ref<WebhookDelivery[]>([])

  async function loadNotifications(more = false): Promise<void> {
    const page = await unwrap(api.GET('/api/v1/notifications', { params: { query: { limit: 20, cursor: more ? nextCursor.value ?? undefined : undefined } } }))
    notifications.value = more ? [...notifications.value, ...page.items] : page.items
    unread.value = page.unread
    nextCursor.value = page.nextCursor
  }

  async function markRead(ids: string[] | 'all'): Promise<void> {
    const result = await unwrap(api.POST('/api/v1/notifications/read', { body: ids === 'all' ? { all: true } : { ids } }))
    const now = new Date().toISOString()
    notifications.value = notifications.value.map(item => (ids === 'all' || ids.includes(item.id)) && !item.readAt ? { ...item, readAt: now } : item)
    unread.value = result.unread
  }

  async function loadOrganization(): Promise<void> {
    organization.value = await unwrap(api.GET('/api/v1/organizations/me'))
  }

  async function setListed(listedPublicly: boolean): Promise<void> {
    organization.value = await unwrap(api.PATCH('/api/v1/organizations/me', { body: { listedPublicly } }))
  }

  async function loadWebhook(): Promise<void> {
    const [current, log] = await Promise.all([unwrap(api.GET('/api/v1/organizations/me/webhook')), unwrap(api.GET('/api/v1/organizations/me/webhook/deliveries'))])
    webhook.value = current
    deliveries.value = log
  }

  async function saveWebhook(url: string): Promise<void> {
    const saved = await unwrap(api.PUT('/api/v1/organizations/me/webhook', { body: { url } }))
    webhook.value = { url: saved.url, createdAt: saved.createdAt }
    webhookSecret.value = saved.secret
  }

  async function removeWebhook(): Promise<void> {
    const { response } = await api.DELETE('/api/v1/organizations/me/webhook')
    if (!response.ok && response.status !== 404)
      throw new Error(`HTTP ${response.status}`)
    webhook.value = null
    webhookSecret.value = null
  }

  return { notifications, unread, nextCursor, organization, webhook, webhookSecret, deliveries, loadNotifications, markRead, loadOrganization, setListed, loadWebhook, saveWebhook, removeWebhook }
})
