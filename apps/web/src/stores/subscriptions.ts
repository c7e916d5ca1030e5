import type { Subscription } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../lib/api.ts'

/** The signed-in municipality's adoptions (Nachnutzungen). */
export const useSubscriptionsStore = defineStore('subscriptions', () => {
  const own = ref<Subscription[]>([])

  async function load(): Promise<void> {
    own.value = await unwrap(api.GET('/api/v1/subscriptions'))
  }

  const activeFor = (slug: string) => own.value.find(s => s.app.slug === slug && s.status === 'active')

  /** A retried click sends the same Idempotency-Key, so it cannot create a second adoption. */
  async function subscribe(app: string, operatingModel: Subscription['operatingModel'], idempotencyKey: string): Promise<void> {
    await unwrap(api.POST('/api/v1/subscriptions', { body: { app, operatingModel }, headers: { 'Idempotency-Key': idempotencyKey } }))
    await load()
  }

  async function cancel(id: string): Promise<void> {
    await unwrap(api.DELETE('/api/v1/subscriptions/{id}', { params: { path: { id } } }))
    await load()
  }

  return { own, load, activeFor, subscribe, cancel }
})
