import type { Stats } from '@kas/api-client'
import { defineStore } from 'pinia'
import { ref } from 'vue'
import { api, unwrap } from '../lib/api.ts'

export const useHomeStore = defineStore('home', () => {
  const stats = ref<Stats | null>(null)
  const error = ref<unknown>(null)

  async function load(): Promise<void> {
    error.value = null
    try {
      stats.value = await unwrap(api.GET('/api/v1/stats'))
    }
    catch (caught) {
      error.value = caught
    }
  }

  return { stats, error, load }
})
