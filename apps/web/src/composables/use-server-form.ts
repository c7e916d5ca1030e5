import { reactive, watch } from 'vue'

/** Form values: text, checkboxes and multiple choices. */
type Fields<F> = Record<keyof F, string | boolean | string[]>

const copy = <T>(value: T): T => (Array.isArray(value) ? [...value] as T : value)
/** A copy whose lists are not shared, so that editing one never changes the other. */
const copyFields = <F extends object>(fields: F): F => Object.fromEntries(Object.entries(fields).map(([name, value]) => [name, copy(value)])) as F
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

export interface ServerForm<F extends Fields<F>> {
  /** The values being edited, for v-model. */
  fields: F
  /** After the user's own save has been answered: show what was stored (e.g. lists without duplicates). */
  showSaved: () => void
}

/**
 * A form over a record the server keeps, such as an app in the vendor console. The record is
 * reloaded in the background (after it was created, after a release, after another form on the page
 * was saved), so each field takes the server's value only while the user has not changed it since
 * it was last shown: what someone is typing is never overwritten. Another record (`identity`)
 * replaces every field.
 */
export function useServerForm<R, F extends Fields<F>>(options: {
  empty: F
  record: () => R | null | undefined
  identity: (record: R) => string
  toFields: (record: R) => NoInfer<F>
}): ServerForm<F> {
  const fields = reactive(copyFields(options.empty)) as F
  let shown: { identity: string | undefined, fields: F } = { identity: undefined, fields: copyFields(options.empty) }

  function show(record: R, replaceAll: boolean): void {
    const next = options.toFields(record)
    const anotherRecord = options.identity(record) !== shown.identity
    for (const name of Object.keys(next) as (keyof F)[]) {
      if (replaceAll || anotherRecord || same(fields[name], shown.fields[name]))
        fields[name] = copy(next[name])
    }
    shown = { identity: options.identity(record), fields: next }
  }

  watch(options.record, record => record && show(record, false), { immediate: true })
  return {
    fields,
    showSaved: () => {
      const record = options.record()
      if (record)
        show(record, true)
    },
  }
}
