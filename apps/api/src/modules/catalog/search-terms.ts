/**
 * Turns what a person typed into a German tsquery: every word must match (AND), and the last word
 * also matches as a prefix, so "bauan" finds "Bauantrag" while typing. Only letters and digits pass,
 * so nothing typed can inject tsquery syntax. Returns undefined when nothing searchable is left.
 */
export function toPrefixTsquery(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}]+/gu)
  if (!words || words.length === 0)
    return undefined
  return words.map((word, index) => (index === words.length - 1 ? `${word}:*` : word)).join(' & ')
}
