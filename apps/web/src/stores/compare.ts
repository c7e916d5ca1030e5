import { defineStore } from 'pinia'
import { ref, watch } from 'vue'

export const MAX_COMPARED = 4
const STORAGE_KEY = 'kas.compare'

interface Compared { slug: string, name: string }

function restore(): Compared[] {
  try {
    const stored = JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? '[]') as unknown
    return Array.isArray(stored) ? stored.filter((item): item is Compared => typeof item?.slug === 'string' && typeof item?.name === 'string').slice(0, MAX_COMPARED) : []
  }
  catch {
    return []
  }
}

/** The compare tray: up to four apps, kept for the browser tab so that it survives navigation. */
export const useCompareStore = defineStore('compare', () => {
  const selected = ref<Compared[]>(typeof sessionStorage === 'undefined' ? [] : restore())
  watch(selected, value => sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value)), { deep: true })

  const has = (slug: string) => selected.value.some(item => item.slug === slug)
  const full = () => selected.value.length >= MAX_COMPARED

  function toggle(app: Compared): void {
    if (has(app.slug))
      selected.value = selected.value.filter(item => item.slug !== app.slug)
    else if (!full())
      selected.value = [...selected.value, { slug: app.slug, name: app.name }]
  }

  return { selected, has, full, toggle, clear: () => { selected.value = [] } }
})
