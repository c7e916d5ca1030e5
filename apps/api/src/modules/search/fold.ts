/**
 * The same folding as the database's f_search_fold (migration 0014): gender forms become the base
 * word ("Bürger:innen", "BürgerInnen" → "bürger"), lower case, umlauts and accents dropped, ß → ss.
 * Query analysis and the stored search text must agree, or synonyms and the vocabulary would miss.
 */
export function foldSearchText(text: string): string {
  return text
    .replace(/(\p{L})(?:[:*_/]i|I)nnen/gu, '$1')
    .replace(/(\p{L})(?:[:*_/]i|I)n(?!\p{L})/gu, '$1')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
}

/** Words of folded text: letters and digits; hyphenated words stay together ("burger-service"). */
export function searchWords(folded: string): string[] {
  return folded.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*/gu) ?? []
}
