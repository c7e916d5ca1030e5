import { flushPromises, mount } from '@vue/test-utils'
import { createPinia } from 'pinia'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { defineComponent, h } from 'vue'
import { createMemoryHistory, createRouter, RouterView } from 'vue-router'
import { createAppI18n } from '../i18n/index.ts'
import CatalogPage from './CatalogPage.vue'

const emptyList = { items: [], total: 0, nextCursor: null, facets: { themenfeld: [], license: [], attestation: [], deployment: [], land: [], basisdienst: [] } }
const wait = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

/** A page whose code arrives slowly, as a lazily loaded chunk does on a busy connection. */
const slowPage = () => wait(500).then(() => defineComponent({ render: () => h('h1', 'Vergleich') }))

async function mountCatalog() {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(emptyList), { headers: { 'content-type': 'application/json' } }))
  const router = createRouter({ history: createMemoryHistory(), routes: [
    { path: '/apps', component: CatalogPage },
    { path: '/vergleich', component: slowPage },
  ] })
  await router.push('/apps')
  const wrapper = mount(RouterView, { global: { plugins: [router, createPinia(), createAppI18n('de')] }, attachTo: document.body })
  await flushPromises()
  return { router, wrapper }
}

describe('catalogue page', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  it('searches as the user types, after a pause, without a history entry per keystroke', async () => {
    const { router, wrapper } = await mountCatalog()
    await wrapper.get('#catalog-search').setValue('fiffi')
    expect(router.currentRoute.value.fullPath).toBe('/apps')
    await wait(400)
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/apps?q=fiffi')
    wrapper.unmount()
  })

  it('does not pull the user back when they leave the page before the pause ends', async () => {
    const { router, wrapper } = await mountCatalog()
    await wrapper.get('#catalog-search').setValue('fiffi')
    // The user follows a link (e.g. "Jetzt vergleichen") while the search-as-you-type is still pending.
    await router.push('/vergleich')
    await flushPromises()
    expect(router.currentRoute.value.path).toBe('/vergleich')
    await wait(400)
    expect(router.currentRoute.value.path).toBe('/vergleich')
    wrapper.unmount()
  })

  it('drops the pending search-as-you-type once the search is submitted', async () => {
    const { router, wrapper } = await mountCatalog()
    await wrapper.get('#catalog-search').setValue('fiffi')
    await wrapper.get('form[role="search"]').trigger('submit')
    await flushPromises()
    expect(router.currentRoute.value.fullPath).toBe('/apps?q=fiffi')
    const navigations: string[] = []
    router.afterEach(to => navigations.push(to.fullPath))
    await wait(400)
    await flushPromises()
    expect(navigations).toEqual([])
    wrapper.unmount()
  })
})
