import { describe, expect, it } from 'vitest'
import de from './de.ts'
import en from './en.ts'

function keys(messages: object, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'object' && value !== null ? keys(value, `${prefix}${key}.`) : [`${prefix}${key}`])
}

describe('translations', () => {
  it('has every German key in English and no extra ones', () => {
    expect(keys(en).sort()).toEqual(keys(de).sort())
  })

  it('has no empty texts', () => {
    for (const [locale, messages] of Object.entries({ de, en })) {
      for (const key of keys(messages)) {
        const value = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], messages)
        expect(String(value).trim(), `${locale}:${key}`).not.toBe('')
      }
    }
  })
})
