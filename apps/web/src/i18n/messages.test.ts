import { describe, expect, it } from 'vitest'
import de from './de.ts'
import en from './en.ts'
import { createAppI18n } from './index.ts'

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

describe('formats per locale', () => {
  it('writes money, numbers and dates the German and the English way', () => {
    const german = createAppI18n('de').global
    const english = createAppI18n('en').global
    const date = new Date('2026-12-31T00:00:00Z')
    expect(german.n(1234.5, 'euro').replace(/\s/g, ' ')).toBe('1.234,50 €')
    expect(english.n(1234.5, 'euro')).toBe('€1,234.50')
    expect(german.n(0.0071, 'euroPrecise').replace(/\s/g, ' ')).toBe('0,0071 €')
    expect(german.n(1234, 'integer')).toBe('1.234')
    expect(english.n(1234, 'integer')).toBe('1,234')
    expect(german.d(date, 'date')).toBe('31.12.2026')
    expect(english.d(date, 'date')).toBe('Dec 31, 2026')
  })
})
