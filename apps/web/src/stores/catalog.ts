import type { AppList } from '@kas/api-client'
import type { CatalogQuery } from './catalog-query.ts'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, isAbort, unwrap } from '../lib/api.ts'
import { toApiQuery } from './catalog-query.ts'

export const useCatalogStore = defineStore('catalog', () => {
  const result = ref<AppList | null>(null)
  const loading = ref(false)
  const error = ref<unknown>(null)
  let controller: AbortController | undefined

  /** Loads one page; a newer call cancels an older one still running (typing fast sends many). */
  async function load(query: CatalogQuery): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    error.value = null
    try {
      const page = await unwrap(api.GET('/api/v1/apps', { params: { query: toApiQuery(query) }, signal: current.signal }))
      // Only the newest search may show its results, whatever order the answers arrive in.
      if (controller === current)
        result.value = page
    }
    catch (caught) {
      if (!isAbort(caught) && controller === current)
        error.value = caught
    }
    finally {
      if (controller === current)
        loading.value = false
    }
  }

  return { result, loading, error, load }
})
