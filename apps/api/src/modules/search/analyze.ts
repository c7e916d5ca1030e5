import type { SearchVocabulary } from './vocabulary.ts'
import { foldSearchText, searchWords } from './fold.ts'
import { lowerBound } from './prefix.ts'

/** One part of a query that a result should match; its alternatives are ORed. */
export interface SearchSlot {
  /** What the person typed for this part (folded). */
  word: string
  /**
   * Ways to write this part, e.g. `angelschein…` (typed, as a prefix), `fischereischein`, `angel schein`:
   * every word of one alternative must occur (German stemming applies); only the typed last word of
   * the query is also a prefix.
   */
  alternatives: { words: string[], prefix: boolean }[]
  /** Words for trigram matching (typos, parts of longer compounds). */
  fuzzyWords: string[]
  /** Generic words ("online", "beantragen") only rank; they do not have to match. */
  required: boolean
}

export interface SearchText {
  /** The text as typed. */
  raw: string
  folded: string
  slots: SearchSlot[]
  /** "Meinten Sie …?": the query with likely typos corrected, when there are any. */
  didYouMean: string | null
  /** Synonyms and word parts that were added, for `explain`. */
  expansions: string[]
}

const STOP_WORDS = new Set(['fur', 'fuer', 'und', 'oder', 'der', 'die', 'das', 'den', 'dem', 'des', 'ein', 'eine', 'einen', 'einer', 'im', 'in', 'mit', 'von', 'vom', 'zu', 'zum', 'zur', 'auf', 'an', 'am', 'bei', 'wie', 'wo', 'was', 'ich', 'wir', 'mein', 'meine', 'unser', 'unsere', 'ist', 'kann', 'man', 'nach', 'uber', 'fuers', 'furs', 'als', 'aus', 'the', 'for', 'and', 'of'])
/** Words that describe the kind of task or product, not the subject: they rank but are not required. */
const GENERIC_WORDS = new Set(['online', 'digital', 'digitale', 'digitaler', 'beantragen', 'antrag', 'antrage', 'beantragung', 'melden', 'anmelden', 'abmelden', 'ummelden', 'anmeldung', 'software', 'programm', 'app', 'apps', 'anwendung', 'system', 'verwaltung', 'verwalten', 'kommune', 'kommunal', 'kommunale', 'kommunen', 'stadt', 'gemeinde', 'portal', 'tool', 'losung', 'fachverfahren', 'bestellen', 'buchen', 'stellen', 'machen', 'bekommen', 'erhalten', 'verfahren', 'formular', 'amt', 'behorde',
  'erstellen', 'einreichen', 'anfordern', 'fuhren', 'vorbereiten', 'vergeben', 'finden', 'abholen', 'bearbeiten', 'ausstellen', 'empfangen',
  'prufen', 'suchen', 'verschicken', 'versenden', 'organisieren', 'planen', 'verlangern', 'kaputt', 'kaputte', 'kaputter', 'defekt', 'defekte',
  'neu', 'neue', 'neuen', 'elektronisch', 'elektronische', 'schnell', 'einfach'])
/** Linking elements between the parts of a German compound ("Bürger|s|amt", "Hunde|steuer"). */
const LINKS = ['', 's', 'es', 'n', 'en', 'e', 'er']
const MIN_PART = 3

/**
 * Dictionary-based decompounding: splits a compound into two known words (the second may be split
 * again), trying the longest first part first. The dictionary is the catalogue's own vocabulary, the
 * synonym table and a base list of municipal nouns (vocabulary.ts).
 */
export function splitCompound(word: string, isWord: (part: string) => boolean, depth = 0): string[] | undefined {
  if (word.length < 2 * MIN_PART || depth > 2)
    return undefined
  for (let end = word.length - MIN_PART; end >= MIN_PART; end--) {
    const head = word.slice(0, end)
    if (!isWord(head))
      continue
    for (const link of LINKS) {
      if (!word.startsWith(link, end))
        continue
      const tail = word.slice(end + link.length)
      if (tail.length < MIN_PART)
        continue
      if (isWord(tail))
        return [head, tail]
      const rest = splitCompound(tail, isWord, depth + 1)
      if (rest)
        return [head, ...rest]
    }
  }
  return undefined
}

let rows: [Int32Array, Int32Array, Int32Array] = [new Int32Array(64), new Int32Array(64), new Int32Array(64)]

/**
 * Optimal string alignment distance (Levenshtein with transpositions), capped: returns cap + 1 as
 * soon as every alignment is farther apart than `cap`. Only the diagonal band of the table within
 * `cap` of the diagonal is computed: a cell outside it is farther than `cap` anyway.
 */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap)
    return cap + 1
  const far = cap + 1
  // Three rows of the table: two rows back (for transpositions), the previous and the current;
  // reused between calls, since typo correction compares a word with thousands.
  if (rows[0].length <= b.length)
    rows = [0, 1, 2].map(() => new Int32Array(2 * (b.length + 1))) as typeof rows
  let [before, previous, current] = rows
  for (let j = 0; j <= b.length; j++)
    previous[j] = Math.min(j, far)
  for (let i = 1; i <= a.length; i++) {
    const low = Math.max(1, i - cap)
    const high = Math.min(b.length, i + cap)
    // The cells just outside the band count as too far (the row before read them too).
    current[low - 1] = low === 1 ? Math.min(i, far) : far
    if (high < b.length)
      current[high + 1] = far
    const charA = a.charCodeAt(i - 1)
    let rowMinimum = current[low - 1]
    for (let j = low; j <= high; j++) {
      const charB = b.charCodeAt(j - 1)
      let distance = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (charA === charB ? 0 : 1))
      if (i > 1 && j > 1 && charA === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === charB)
        distance = Math.min(distance, before[j - 2] + 1)
      current[j] = distance
      rowMinimum = Math.min(rowMinimum, distance)
    }
    if (rowMinimum > cap)
      return far
    ;[before, previous, current] = [previous, current, before]
  }
  return Math.min(previous[b.length], far)
}

/** The vocabulary's words of at least four letters by length, built once per vocabulary. */
const wordsByLength = new WeakMap<SearchVocabulary, Map<number, string[]>>()

function vocabularyByLength(vocabulary: SearchVocabulary): Map<number, string[]> {
  let byLength = wordsByLength.get(vocabulary)
  if (!byLength) {
    byLength = new Map()
    for (const word of vocabulary.words) {
      if (word.length < 4)
        continue
      const sameLength = byLength.get(word.length)
      if (sameLength)
        sameLength.push(word)
      else
        byLength.set(word.length, [word])
    }
    wordsByLength.set(vocabulary, byLength)
  }
  return byLength
}

function closestWord(word: string, vocabulary: SearchVocabulary): string | undefined {
  const allowed = word.length >= 7 ? 2 : 1
  const byLength = vocabularyByLength(vocabulary)
  let best: { word: string, distance: number } | undefined
  for (let length = word.length - allowed; length <= word.length + allowed; length++) {
    for (const candidate of byLength.get(length) ?? []) {
      const distance = editDistance(word, candidate, allowed)
      if (distance <= allowed && (!best || distance < best.distance || (distance === best.distance && candidate < best.word)))
        best = { word: candidate, distance }
    }
  }
  return best?.word
}

/** The vocabulary's words in order, built once per vocabulary. */
const sortedWords = new WeakMap<SearchVocabulary, string[]>()

function someWordStartsWith(vocabulary: SearchVocabulary, prefix: string): boolean {
  let sorted = sortedWords.get(vocabulary)
  if (!sorted) {
    sorted = [...vocabulary.words].sort()
    sortedWords.set(vocabulary, sorted)
  }
  return sorted[lowerBound(sorted, prefix)]?.startsWith(prefix) ?? false
}

const knownWord = (word: string, vocabulary: SearchVocabulary) => vocabulary.words.has(word) || vocabulary.baseWords.has(word)

/** Ways to write the same word: gender forms, "ae" for "ä", and the parts of a compound. */
function wordVariants(word: string, vocabulary: SearchVocabulary): string[][] {
  const variants: string[][] = []
  if (word.includes('-')) {
    const parts = word.split('-')
    variants.push(parts, [parts.join('')])
    return variants
  }
  const gender = word.endsWith('erinnen') ? word.slice(0, -4) : word.endsWith('erin') ? word.slice(0, -2) : undefined
  if (gender)
    variants.push([gender])
  const transliterated = word.replace(/ae/g, 'a').replace(/oe/g, 'o').replace(/ue/g, 'u')
  if (transliterated !== word && knownWord(transliterated, vocabulary))
    variants.push([transliterated])
  const written = vocabulary.hyphenated.get(word)
  if (written)
    variants.push(written)
  if (word.length >= 7) {
    // Generic parts ("Bauantrags|verfahren") say nothing about the subject, so they need not match.
    const parts = splitCompound(word, part => vocabulary.dictionary.has(part) || GENERIC_WORDS.has(part))?.filter(part => !GENERIC_WORDS.has(part))
    if (parts && parts.length > 0)
      variants.push(parts)
  }
  return variants
}

/** Words are matched as letters and digits only ("e-akte" as "eakte"; its parts are an alternative). */
const safe = (word: string) => word.replace(/[^\p{L}\p{N}]/gu, '')

/**
 * Turns what a person typed into slots: each word (or a phrase the synonym table knows, such as
 * "ehe anmelden") with its synonyms, spelling variants and compound parts as alternatives. The last
 * word also matches as a prefix, so "bauan" finds "Bauantrag" while typing.
 */
export function analyzeQuery(raw: string, vocabulary: SearchVocabulary): SearchText | undefined {
  const folded = foldSearchText(raw).trim()
  const tokens = searchWords(folded).filter(word => !STOP_WORDS.has(word))
  if (tokens.length === 0)
    return undefined

  const slots: SearchSlot[] = []
  const expansions: string[] = []
  const corrections = new Map<string, string>()
  for (let i = 0; i < tokens.length;) {
    // The longest phrase of the synonym table starting here ("schlaglocher melden", "ehe anmelden").
    let phraseLength = 0
    let equivalents: string[] = []
    for (let length = Math.min(4, tokens.length - i); length >= 1; length--) {
      const phrase = tokens.slice(i, i + length).join(' ')
      const found = vocabulary.synonyms.get(phrase) ?? vocabulary.synonyms.get(phrase.replace(/-/g, ''))
      if (found) {
        phraseLength = length
        equivalents = found.filter(term => term !== phrase)
        break
      }
    }
    const length = Math.max(phraseLength, 1)
    const words = tokens.slice(i, i + length)
    const isLast = i + length === tokens.length
    const alternatives: string[][] = [words.map(safe)]
    if (length === 1)
      alternatives.push(...wordVariants(words[0], vocabulary).map(variant => variant.map(safe)))
    for (const term of equivalents)
      alternatives.push(term.split(/[\s-]+/).map(safe).filter(Boolean))
    expansions.push(...alternatives.slice(1).map(alt => alt.join(' ')))

    const first = alternatives[0]
    const required = !(length === 1 && GENERIC_WORDS.has(words[0]))
    // A word nobody uses but close to one that is, is most likely a typo: search for both.
    let correction: string | undefined
    if (length === 1 && required && words[0].length >= 4 && equivalents.length === 0 && alternatives.length === 1 && !knownWord(words[0], vocabulary)) {
      const typedPrefix = isLast && someWordStartsWith(vocabulary, words[0])
      correction = typedPrefix ? undefined : closestWord(words[0], vocabulary)
      if (correction) {
        corrections.set(words[0], correction)
        alternatives.push([safe(correction)])
        expansions.push(correction)
      }
    }
    // Trigram matching only for what was typed (typos, parts of longer words), not for synonyms:
    // those are exact words, and fuzzy synonyms would drift far from the query.
    const fuzzyWords = length === 1 && first[0].length >= 4 ? [first[0]] : []
    slots.push({
      word: words.join(' '),
      alternatives: alternatives.map((alternative, n) => ({ words: alternative.filter(Boolean), prefix: n === 0 && isLast && length === 1 }))
        .filter(alternative => alternative.words.length > 0),
      fuzzyWords,
      required,
    })
    i += length
  }

  return {
    raw: raw.trim(),
    folded,
    slots,
    didYouMean: corrections.size > 0 ? tokens.map(token => corrections.get(token) ?? token).join(' ') : null,
    expansions: [...new Set(expansions)],
  }
}
