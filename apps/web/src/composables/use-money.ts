import { useI18n } from 'vue-i18n'

/** Money arrives in integer cents; shown in euros per locale (de: 1.234,56 €, en: €1,234.56). */
export function useMoney() {
  const { n } = useI18n()
  return {
    euro: (cents: number) => n(cents / 100, 'euro'),
    /** Small amounts such as the cost per inhabitant, with up to four decimals. */
    euroPrecise: (cents: number) => n(cents / 100, 'euroPrecise'),
  }
}
