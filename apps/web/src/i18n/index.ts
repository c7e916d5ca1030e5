import { createI18n } from 'vue-i18n'
import de from './de.ts'
import en from './en.ts'

export type Locale = 'de' | 'en'
export const locales: Locale[] = ['de', 'en']
const STORAGE_KEY = 'kas.locale'

function initialLocale(): Locale {
  const stored = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY)
  return stored === 'en' ? 'en' : 'de'
}

export function createAppI18n(locale: Locale = initialLocale()) {
  return createI18n({
    legacy: false,
    locale,
    fallbackLocale: 'de',
    messages: { de, en },
    // Dates and numbers follow the locale (de: 31.12.2026, 1.234; en: 31 Dec 2026, 1,234).
    datetimeFormats: {
      de: { date: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' }, dateTime: { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' } },
      en: { date: { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }, dateTime: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' } },
    },
    numberFormats: {
      de: { integer: { maximumFractionDigits: 0 }, euro: { style: 'currency', currency: 'EUR' }, euroPrecise: { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 }, decimal: { maximumFractionDigits: 1 } },
      en: { integer: { maximumFractionDigits: 0 }, euro: { style: 'currency', currency: 'EUR' }, euroPrecise: { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 4 }, decimal: { maximumFractionDigits: 1 } },
    },
  })
}

/** Remembers the choice and keeps `<html lang>` right, so screen readers pronounce the text correctly. */
export function applyLocale(locale: Locale): void {
  document.documentElement.lang = locale
  localStorage.setItem(STORAGE_KEY, locale)
}
