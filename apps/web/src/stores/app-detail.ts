import type { AppDetail } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../lib/api.ts'

export const useAppDetailStore = defineStore('app-detail', () => {
  const app = ref<AppDetail | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)

  /** `revalidate` asks the server even if the browser holds a fresh copy (after the user changed something). */
  async function load(slug: string, options: { revalidate?: boolean } = {}): Promise<void> {
    if (app.value?.slug !== slug)
      app.value = null
    loading.value = true
    error.value = null
    try {
      app.value = await unwrap(api.GET('/api/v1/apps/{slug}', { params: { path: { slug } }, cache: options.revalidate ? 'no-cache' : 'default' }))
    }
    catch (caught) {
      error.value = caught
    }
    finally {
      loading.value = false
    }
  }

  return { app, loading, error, load }
})
