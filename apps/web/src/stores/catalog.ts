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
  /** Id of the last search in the anonymous search log, to count which result was opened. */
  const searchId = ref<string | null>(null)
  let controller: AbortController | undefined

  /** Loads one page; a newer call cancels an older one still running (typing fast sends many). */
  async function load(query: CatalogQuery): Promise<void> {
    controller?.abort()
    const current = new AbortController()
    controller = current
    loading.value = true
    error.value = null
    try {
      let logged: string | null = null
      const page = await unwrap(api.GET('/api/v1/apps', { params: { query: toApiQuery(query) }, signal: current.signal }).then((answer) => {
        logged = answer.response.headers.get('Search-Id')
        return answer
      }))
      // Only the newest search may show its results, whatever order the answers arrive in.
      if (controller === current) {
        result.value = page
        searchId.value = logged
      }
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

  /** Tells the search log which result was opened; sent as a beacon so that navigating away does not cancel it. */
  function recordClick(app: string, position: number): void {
    if (!searchId.value)
      return
    const body = new Blob([JSON.stringify({ searchId: searchId.value, app, position })], { type: 'application/json' })
    if (!navigator.sendBeacon?.('/api/v1/search/clicks', body))
      void fetch('/api/v1/search/clicks', { method: 'POST', body, headers: { 'content-type': 'application/json' }, keepalive: true }).catch(() => {})
  }

  return { result, loading, error, searchId, load, recordClick }
})
