import type { AppSummary } from '@kas/api-client'
import { mount, RouterLinkStub } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { beforeEach, describe, expect, it } from 'vitest'
import { createAppI18n } from '../i18n/index.ts'
import { useCompareStore } from '../stores/compare.ts'
import AppCard from './AppCard.vue'
import FacetFilter from './FacetFilter.vue'
import MarkdownText from './MarkdownText.vue'
import ValidityBadge from './ValidityBadge.vue'

let global: NonNullable<Parameters<typeof mount>[1]>['global']
beforeEach(() => {
  // A fresh store per test: the compare tray must not carry over between tests.
  sessionStorage.clear()
  const pinia = createPinia()
  setActivePinia(pinia)
  global = { plugins: [createAppI18n('de'), pinia], stubs: { RouterLink: RouterLinkStub } }
})

const app: AppSummary = {
  slug: 'hundesteuer-fiffi',
  name: 'Fiffi',
  summary: 'Hundesteuer verwalten.',
  license: 'EUPL-1.2',
  themenfelder: ['taxes_customs'],
  deploymentModels: ['self_hosted'],
  adoptionCount: 1234,
  owner: { slug: 'civitas-code', name: 'Civitas Code UG', kind: 'vendor' },
  latestVersion: '1.5.2',
  certification: { status: 'certified', validUntil: '2027-03-31', expiringSoon: true },
}

describe('validity badge', () => {
  it.each([['valid', 'gültig'], ['expiring', 'läuft bald ab'], ['expired', 'abgelaufen'], ['missing', 'fehlt']] as const)('says %s in words, not only in colour', (state, text) => {
    const wrapper = mount(ValidityBadge, { props: { state }, global })
    expect(wrapper.text()).toContain(text)
    expect(wrapper.classes()).toContain(`badge--${state}`)
  })
})

describe('app card', () => {
  it('links to the detail page and shows certificate, adoption and Themenfeld in German', () => {
    const wrapper = mount(AppCard, { props: { app }, global })
    expect(wrapper.findComponent(RouterLinkStub).props('to')).toBe('/apps/hundesteuer-fiffi')
    expect(wrapper.text()).toContain('Zertifiziert bis 31.03.2027')
    expect(wrapper.text()).toContain('läuft bald ab')
    expect(wrapper.text()).toContain('1.234 Kommunen nutzen sie')
    expect(wrapper.text()).toContain('Steuern & Zoll')
  })

  it('puts the app into the compare tray and takes it out again, with the state announced', async () => {
    const wrapper = mount(AppCard, { props: { app }, global })
    const toggle = wrapper.get('button[aria-pressed]')
    expect(toggle.attributes('aria-pressed')).toBe('false')
    await toggle.trigger('click')
    expect(useCompareStore().selected).toEqual([{ slug: 'hundesteuer-fiffi', name: 'Fiffi' }])
    expect(toggle.attributes('aria-pressed')).toBe('true')
    expect(JSON.parse(sessionStorage.getItem('kas.compare')!)).toEqual([{ slug: 'hundesteuer-fiffi', name: 'Fiffi' }])
    await toggle.trigger('click')
    expect(useCompareStore().selected).toEqual([])
  })

  it('allows at most four apps in the compare tray', async () => {
    const compare = useCompareStore()
    for (const n of [1, 2, 3, 4])
      compare.toggle({ slug: `app-${n}`, name: `App ${n}` })
    const wrapper = mount(AppCard, { props: { app }, global })
    expect(wrapper.get('button[aria-pressed]').attributes('disabled')).toBeDefined()
    expect(wrapper.text()).toContain('Höchstens vier Anwendungen.')
  })
})

describe('facet filter', () => {
  const values = [{ value: 'saas', label: 'SaaS', count: 3 }, { value: 'self_hosted', label: 'Eigenbetrieb', count: 5 }]

  it('adds and removes values on tick and untick', async () => {
    const wrapper = mount(FacetFilter, { props: { name: 'deployment', legend: 'Betriebsmodell', values, selected: ['saas'], labelFor: v => v.label }, global })
    expect(wrapper.find('legend').text()).toBe('Betriebsmodell')
    const boxes = wrapper.findAll('input[type=checkbox]')
    expect((boxes[0].element as HTMLInputElement).checked).toBe(true)
    await boxes[1].setValue(true)
    await boxes[0].setValue(false)
    expect(wrapper.emitted('change')).toEqual([[['saas', 'self_hosted']], [[]]])
    expect(wrapper.text()).toContain('(5)')
  })
})

describe('markdown text', () => {
  it('renders Markdown but lets no HTML or script through', () => {
    const wrapper = mount(MarkdownText, { props: { source: '## Titel\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>\n\n[klick](javascript:alert(1)) [gut](https://example.org)' } })
    const html = wrapper.html()
    expect(wrapper.find('h3').text()).toBe('Titel')
    expect(wrapper.find('script').exists()).toBe(false)
    expect(wrapper.find('img').exists()).toBe(false)
    expect(html).toContain('&lt;script&gt;')
    const links = wrapper.findAll('a').map(a => a.attributes('href'))
    expect(links).toEqual(['https://example.org'])
  })
})
