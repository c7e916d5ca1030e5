import type { Database } from '@kas/db'
import type { SimilarityCheck, TrigramPattern } from './trigram.ts'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { SimilarityScratch, TrigramDictionary, trigramPattern, trigramSequence, WORD_SIMILARITY_THRESHOLD, wordSimilarity } from './trigram.ts'
import { lowerBound } from '../prefix.ts'
import { parseTsvector, WEIGHT } from './tsvector.ts'

/** The apps a slot matched: FIELD bits by app position (0 where it did not), and those positions once each. Shared: read only. */
export interface SlotMatch {
  fields: Uint8Array
  positions: number[]
}

/**
 * How many fuzzy words and slots keep their matches (the oldest go first): people search for the
 * same words again and again. A slot's match takes about one byte per app.
 */
const MAX_CACHED_WORDS = 5000
const MAX_CACHED_SLOTS = 1000

/** Where a slot matched an app: bits of tsvector weights (A name … D description), plus HIT for anywhere. */
export const FIELD = { ...WEIGHT, HIT: 16 } as const

/** One way to write a part of the query: all its lexemes must occur; the last may be a prefix. */
export interface LexemeAlternative {
  lexemes: string[]
  prefix: boolean
}

/** A part of the query, resolved to lexemes (PostgreSQL's German stemming) and trigram patterns. */
export interface SlotPattern {
  alternatives: LexemeAlternative[]
  /** Typed words matched by trigram word similarity (typos, parts of longer compounds). */
  fuzzy: string[]
}

interface IndexedApp {
  id: string
  nameFolded: string
  /** Trigram sequences of the search text (name, tags, search terms, summary) and of the name. */
  text: Int32Array
  name: Int32Array
}

interface Posting {
  apps: number[]
  weights: number[]
}

/**
 * The searchable text of every app, in memory: which lexeme occurs in which field of which app
 * (read from the stored tsvector, so stemming is PostgreSQL's), and the trigrams of the search text
 * for typo-tolerant matching. Built once per `catalog_state.search_version`; visibility, facets and
 * adoption are not part of it (see catalog/snapshot.ts), so subscriptions do not rebuild it.
 */
export class TextIndex {
  private readonly apps: IndexedApp[] = []
  private readonly byId = new Map<string, number>()
  private readonly postings = new Map<string, Posting>()
  private readonly trigramApps = new Map<number, number[]>()
  private readonly trigrams = new TrigramDictionary()
  private sortedLexemes: string[] = []
  /** Apps similar to a fuzzy word (position → whether its name alone is similar too), by word. */
  private readonly similarByWord = new Map<string, Map<number, boolean>>()
  /** Matches of a slot, by the slot's lexemes and words (see matchSlot). */
  private readonly slotMatches = new Map<string, SlotMatch>()
  /** Scratch counters for trigram candidates, one per app, and working memory of wordSimilarity. */
  private counters = new Int32Array(0)
  private scratch = new SimilarityScratch(0)

  static async load(db: Database): Promise<TextIndex> {
    const rows = await selectRows<{ id: string, vector: string | null, search_text: string | null, name_folded: string }>(db, sql`
      SELECT id, search_vector::text AS vector, search_text, name_folded FROM apps`)
    const index = new TextIndex()
    for (const row of rows)
      index.add(row.id, row.name_folded, row.search_text ?? '', parseTsvector(row.vector ?? ''))
    index.sortedLexemes = [...index.postings.keys()].sort()
    index.counters = new Int32Array(index.apps.length)
    index.scratch = new SimilarityScratch(index.trigrams.size)
    return index
  }

  private add(id: string, nameFolded: string, searchText: string, lexemes: Map<string, number>): void {
    const position = this.apps.length
    const text = trigramSequence(searchText, this.trigrams, true)
    this.apps.push({ id, nameFolded, text, name: trigramSequence(nameFolded, this.trigrams, true) })
    this.byId.set(id, position)
    for (const [lexeme, weights] of lexemes) {
      let posting = this.postings.get(lexeme)
      if (!posting) {
        posting = { apps: [], weights: [] }
        this.postings.set(lexeme, posting)
      }
      posting.apps.push(position)
      posting.weights.push(weights)
    }
    for (const trigram of new Set(text)) {
      const apps = this.trigramApps.get(trigram)
      if (apps)
        apps.push(position)
      else
        this.trigramApps.set(trigram, [position])
    }
  }

  /** App position → weights of a lexeme, or of every lexeme starting with it. */
  private lexemeWeights(lexeme: string, prefix: boolean): Map<number, number> {
    const weights = new Map<number, number>()
    const addPosting = (posting: Posting | undefined) => {
      if (!posting)
        return
      for (let i = 0; i < posting.apps.length; i++)
        weights.set(posting.apps[i], (weights.get(posting.apps[i]) ?? 0) | posting.weights[i])
    }
    if (!prefix) {
      addPosting(this.postings.get(lexeme))
      return weights
    }
    for (let i = lowerBound(this.sortedLexemes, lexeme); i < this.sortedLexemes.length && this.sortedLexemes[i].startsWith(lexeme); i++)
      addPosting(this.postings.get(this.sortedLexemes[i]))
    return weights
  }

  /**
   * Apps whose search text contains `word` with word similarity ≥ 0.6 (the `<%` operator), and
   * whether their name does too. Similarity ≤ shared / size, so an app needs at least 60 % of the
   * word's trigrams: those are counted from the trigram lists first, and only such apps compared
   * (as the GIN index does).
   */
  private similarApps(word: string): Map<number, boolean> {
    const cached = this.similarByWord.get(word)
    if (cached)
      return cached
    const pattern = trigramPattern(word, this.trigrams)
    const similar = new Map<number, boolean>()
    const needed = Math.ceil(WORD_SIMILARITY_THRESHOLD * pattern.size - 1e-9)
    if (needed > 0 && pattern.known.length >= needed) {
      const touched: number[] = []
      for (const trigram of pattern.known) {
        for (const app of this.trigramApps.get(trigram) ?? []) {
          if (this.counters[app]++ === 0)
            touched.push(app)
        }
      }
      const isSimilar = (text: Int32Array, check: SimilarityCheck) => wordSimilarity(pattern, text, this.scratch, check) >= WORD_SIMILARITY_THRESHOLD
      for (const app of touched) {
        // The counters already show that the search text holds enough of the word's trigrams.
        if (this.counters[app] >= needed && isSimilar(this.apps[app].text, { threshold: WORD_SIMILARITY_THRESHOLD, enoughShared: true }))
          similar.set(app, isSimilar(this.apps[app].name, { threshold: WORD_SIMILARITY_THRESHOLD }))
      }
      for (const app of touched)
        this.counters[app] = 0
    }
    if (this.similarByWord.size >= MAX_CACHED_WORDS)
      this.similarByWord.delete(this.similarByWord.keys().next().value as string)
    this.similarByWord.set(word, similar)
    return similar
  }

  /**
   * Which apps a slot matches and where. A field bit is set when one alternative matches entirely
   * within that field (as `ts_filter(vector, '{a}') @@ query` would); HIT when an alternative matches
   * anywhere or a fuzzy word is similar enough. Kept per slot: the answer depends only on the slot
   * (its lexemes and words) and this index, and the same words are searched again and again.
   */
  matchSlot(slot: SlotPattern): SlotMatch {
    const key = JSON.stringify(slot)
    let match = this.slotMatches.get(key)
    if (!match) {
      match = this.computeSlotMatch(slot)
      if (this.slotMatches.size >= MAX_CACHED_SLOTS)
        this.slotMatches.delete(this.slotMatches.keys().next().value as string)
      this.slotMatches.set(key, match)
    }
    return match
  }

  private computeSlotMatch(slot: SlotPattern): SlotMatch {
    const fields = new Uint8Array(this.apps.length)
    const positions: number[] = []
    const mark = (app: number, bits: number) => {
      if (fields[app] === 0)
        positions.push(app)
      fields[app] |= bits | FIELD.HIT
    }
    for (const alternative of slot.alternatives) {
      let matched: Map<number, number> | undefined
      alternative.lexemes.forEach((lexeme, i) => {
        const weights = this.lexemeWeights(lexeme, alternative.prefix && i === alternative.lexemes.length - 1)
        if (!matched) {
          matched = weights
          return
        }
        const both = new Map<number, number>()
        for (const [app, mask] of matched) {
          const other = weights.get(app)
          if (other !== undefined)
            both.set(app, mask & other)
        }
        matched = both
      })
      for (const [app, mask] of matched ?? [])
        mark(app, mask)
    }
    for (const word of slot.fuzzy) {
      for (const [app, inName] of this.similarApps(word))
        mark(app, inName ? FIELD.A : 0)
    }
    return { fields, positions }
  }

  /** Number of apps in the index; positions run from 0 to size − 1. */
  get size(): number {
    return this.apps.length
  }

  /** The position of an app, if the index holds it. */
  position(id: string): number | undefined {
    return this.byId.get(id)
  }

  /** The trigrams of a query, for `similarity`. */
  pattern(query: string): TrigramPattern {
    return trigramPattern(query, this.trigrams)
  }

  /** `word_similarity(query, search_text)` of the app at `position`, for ranking. */
  similarity(pattern: TrigramPattern, position: number): number {
    return wordSimilarity(pattern, this.apps[position].text, this.scratch)
  }

  /** The id of the app at `position`. */
  id(position: number): string {
    return this.apps[position].id
  }
}
