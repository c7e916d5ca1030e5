/**
 * Trigram word similarity as PostgreSQL's pg_trgm computes it (`word_similarity`, the `<%` operator),
 * so that the search in memory finds exactly what the trigram index of the database found.
 *
 * A word is a run of letters and digits; it is padded with two blanks in front and one behind
 * ("  hund ") and cut into overlapping three-character pieces. `word_similarity(a, b)` is the best
 * share of a's trigrams found in one stretch of b's trigram sequence: shared / (|a| + |stretch| − shared).
 */

/** Numbers trigrams: the same trigram gets the same id in every text of one index. */
export class TrigramDictionary {
  private readonly ids = new Map<string, number>()

  get size(): number {
    return this.ids.size
  }

  /** The id of a trigram, assigning a new one when `assign` is set; -1 for an unknown trigram otherwise. */
  id(trigram: string, assign: boolean): number {
    let id = this.ids.get(trigram)
    if (id === undefined) {
      if (!assign)
        return -1
      id = this.ids.size
      this.ids.set(trigram, id)
    }
    return id
  }
}

const WORD = /[\p{L}\p{N}]+/gu

/** The trigrams of a text in order of appearance, with repeats: each word padded as "  word ". */
function* trigrams(text: string): Generator<string> {
  for (const [word] of text.toLowerCase().matchAll(WORD)) {
    const chars = [' ', ' ', ...word, ' ']
    for (let i = 0; i + 3 <= chars.length; i++)
      yield chars[i] + chars[i + 1] + chars[i + 2]
  }
}

/** The trigrams of a text as ids, in order (with repeats), as pg_trgm lists them for word similarity. */
export function trigramSequence(text: string, dictionary: TrigramDictionary, assign: boolean): Int32Array {
  return Int32Array.from(trigrams(text), trigram => dictionary.id(trigram, assign))
}

/** The distinct trigrams of a search word. */
export interface TrigramPattern {
  /** Known trigram ids of the pattern. */
  known: number[]
  /** Number of distinct trigrams of the pattern, known or not (unknown ones make it less similar). */
  size: number
}

/** Working memory of wordSimilarity, one per dictionary (an array slot per trigram id), reused by every call. */
export class SimilarityScratch {
  /** 1 at the ids of the pattern being compared. */
  readonly member: Uint8Array
  /** Last position of each trigram in the current stretch, or -1. */
  readonly lastPosition: Int32Array

  constructor(dictionarySize: number) {
    this.member = new Uint8Array(dictionarySize)
    this.lastPosition = new Int32Array(dictionarySize).fill(-1)
  }
}

export function trigramPattern(text: string, dictionary: TrigramDictionary): TrigramPattern {
  const distinct = new Set(trigrams(text))
  return { known: [...distinct].map(trigram => dictionary.id(trigram, false)).filter(id => id >= 0), size: distinct.size }
}

/** pg_trgm computes in single precision; rounding the same way keeps threshold decisions identical. */
const similarity = (shared: number, patternSize: number, stretchSize: number) =>
  Math.fround(Math.fround(shared) / Math.fround(patternSize + stretchSize - shared))

/**
 * Whether `text` holds enough of the pattern's trigrams to reach `threshold` at all (similarity is at
 * most shared / pattern size): a quick pass that spares most texts the full comparison. Expects the
 * pattern's trigrams marked 1 in `member`, and leaves them so.
 */
function enoughShared(pattern: TrigramPattern, text: Int32Array, member: Uint8Array, threshold: number): boolean {
  const needed = Math.ceil(threshold * pattern.size - 1e-9)
  if (pattern.known.length < needed)
    return false
  let shared = 0
  for (let i = 0; i < text.length && shared < needed; i++) {
    if (member[text[i]] === 1) {
      member[text[i]] = 2
      shared++
    }
  }
  for (const id of pattern.known)
    member[id] = 1
  return shared >= needed
}

/** How `wordSimilarity` is asked: for the value, or only whether it reaches a threshold (as `<%` is). */
export interface SimilarityCheck {
  /** Stop as soon as the similarity reaches it; the answer is then only good for comparing with it. */
  threshold?: number
  /** The caller already knows the text holds enough of the pattern's trigrams for the threshold. */
  enoughShared?: boolean
}

/**
 * The word similarity of `pattern` in the trigram sequence `text`: the best stretch of `text`,
 * grown to the right one trigram at a time and shrunk from the left where that scores higher.
 * With a threshold, stops as soon as it is reached (as the `<%` operator does).
 */
export function wordSimilarity(pattern: TrigramPattern, text: Int32Array, scratch: SimilarityScratch, check: SimilarityCheck = {}): number {
  if (pattern.size === 0)
    return 0
  const { member, lastPosition } = scratch
  const { threshold } = check
  for (const id of pattern.known)
    member[id] = 1
  // Stretches are only scored where they end in a trigram of the pattern, so nothing after the
  // last such trigram can change the result.
  let end = text.length
  while (end > 0 && member[text[end - 1]] !== 1)
    end--
  let best = 0
  if (end > 0 && (threshold === undefined || check.enoughShared || enoughShared(pattern, text, member, threshold)))
    best = bestStretch(pattern.size, text, end, member, lastPosition, threshold)
  for (const id of pattern.known)
    member[id] = 0
  return best
}

/** pg_trgm's iterative search for the best stretch among the first `end` trigrams; leaves `lastPosition` clean. */
function bestStretch(patternSize: number, text: Int32Array, end: number, member: Uint8Array, lastPosition: Int32Array, threshold: number | undefined): number {
  let distinctInStretch = 0
  let shared = 0
  let lower = -1
  let best = 0
  let i = 0
  for (; i < end; i++) {
    const trigram = text[i]
    const isFound = member[trigram] === 1
    if (lower >= 0 || isFound) {
      if (lastPosition[trigram] < 0) {
        distinctInStretch++
        if (isFound)
          shared++
      }
      lastPosition[trigram] = i
    }
    if (!isFound)
      continue
    if (lower === -1) {
      lower = i
      distinctInStretch = 1
    }
    let current = similarity(shared, patternSize, distinctInStretch)
    // Try moving the left end of the stretch to the right.
    let trialShared = shared
    let trialDistinct = distinctInStretch
    const previousLower = lower
    for (let trialLower = lower; trialLower <= i; trialLower++) {
      const trial = similarity(trialShared, patternSize, trialDistinct)
      if (trial > current) {
        current = trial
        distinctInStretch = trialDistinct
        lower = trialLower
        shared = trialShared
      }
      if (threshold !== undefined && current >= threshold)
        break
      const leaving = text[trialLower]
      if (lastPosition[leaving] === trialLower) {
        trialDistinct--
        if (member[leaving] === 1) {
          trialShared--
          // Later trials score at most trialShared / pattern size: when that cannot beat the
          // current stretch, none of them changes anything.
          if (similarity(trialShared, patternSize, trialShared) <= current)
            break
        }
      }
    }
    best = Math.max(best, current)
    if (threshold !== undefined && best >= threshold)
      break
    for (let dropped = previousLower; dropped < lower; dropped++) {
      if (lastPosition[text[dropped]] === dropped)
        lastPosition[text[dropped]] = -1
    }
  }
  // Leave the scratch space clean for the next call.
  for (let j = 0; j < Math.min(i + 1, end); j++)
    lastPosition[text[j]] = -1
  return best
}

/** The threshold of the `<%` operator (pg_trgm.word_similarity_threshold, default 0.6). */
export const WORD_SIMILARITY_THRESHOLD = 0.6
