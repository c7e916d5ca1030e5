import { describe, expect, it } from 'vitest'
import { effectScope, nextTick, ref } from 'vue'
import { useServerForm } from './use-server-form.ts'

interface App { slug: string, name: string, terms: string[], platforms: string[] }

function formOver(initial: App) {
  const record = ref<App | null>(initial)
  const scope = effectScope()
  const form = scope.run(() => useServerForm({
    empty: { name: '', terms: '', platforms: [] as string[] },
    record: () => record.value,
    identity: app => app.slug,
    toFields: app => ({ name: app.name, terms: app.terms.join(', '), platforms: [...app.platforms] }),
  }))!
  return { record, form, stop: () => scope.stop() }
}

const fundbuero: App = { slug: 'fundbuero', name: 'Fundbüro', terms: [], platforms: ['web'] }

describe('a form over a record the server keeps', () => {
  it('keeps what the user typed when the record is reloaded in the background', async () => {
    const { record, form, stop } = formOver(fundbuero)
    expect(form.fields).toEqual({ name: 'Fundbüro', terms: '', platforms: ['web'] })

    // The user types and ticks a box before the page's own reload of the record arrives.
    form.fields.terms = 'Verlorenes, Fundsachen'
    form.fields.platforms.push('linux')
    record.value = { ...fundbuero, name: 'Fundbüro online', platforms: ['web'] }
    await nextTick()

    expect(form.fields).toEqual({ name: 'Fundbüro online', terms: 'Verlorenes, Fundsachen', platforms: ['web', 'linux'] })
    stop()
  })

  it('shows what was stored after the user\'s own save, and all of another record', async () => {
    const { record, form, stop } = formOver(fundbuero)
    form.fields.terms = 'Verlorenes,  Verlorenes , Fundsachen'
    record.value = { ...fundbuero, terms: ['Verlorenes', 'Fundsachen'] }
    form.showSaved()
    expect(form.fields.terms).toBe('Verlorenes, Fundsachen')

    form.fields.name = 'Halb getippt'
    record.value = { slug: 'hundesteuer', name: 'Hundesteuer', terms: ['Hund'], platforms: [] }
    await nextTick()
    expect(form.fields).toEqual({ name: 'Hundesteuer', terms: 'Hund', platforms: [] })
    stop()
  })

  it('takes the server\'s value again once the user has put a field back as it was shown', async () => {
    const { record, form, stop } = formOver(fundbuero)
    form.fields.name = 'Fundamt'
    form.fields.name = 'Fundbüro'
    record.value = { ...fundbuero, name: 'Fundbüro 2' }
    await nextTick()
    expect(form.fields.name).toBe('Fundbüro 2')
    stop()
  })
})
