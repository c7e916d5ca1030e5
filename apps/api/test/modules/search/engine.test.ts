import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { expect, it, vi } from 'vitest'
import { Stemmer } from '../../../src/modules/search/engine/stemmer.ts'
import { TrigramDictionary, trigramPattern, trigramSequence, SimilarityScratch, WORD_SIMILARITY_THRESHOLD, wordSimilarity } from '../../../src/modules/search/engine/trigram.ts'
import { parseTsvector, WEIGHT } from '../../../src/modules/search/engine/tsvector.ts'
import { describeEachDb } from '../../support/databases.ts'
import { useApp } from '../../support/app.ts'

/** Search words of every kind: typos, prefixes, parts of compounds, short words, digits, words nobody uses. */
const WORDS = ['hundesteur', 'hundesteuer', 'bauan', 'steuer', 'online', 'kita', 'wahlhelfer', 'fischereischein', 'abfallkalendr', 'ab', 'x', 'mull', 'strassen', 'ratsinfo', 'e', 'ozg2', 'burgerservice', 'raumfahrtbehorde', 'hundesteuer online']

describeEachDb('search engine in memory agrees with PostgreSQL', (context) => {
  const app = useApp(context)

  it('computes trigram word similarity exactly as pg_trgm, and decides the <% operator alike', async () => {
    const rows = await selectRows<{ word: string, text: string, similarity: number, similar: boolean }>(context.database.db, sql`
      SELECT w AS word, a.search_text AS text, word_similarity(w, a.search_text)::float8 AS similarity, w <% a.search_text AS similar
      FROM apps a, jsonb_array_elements_text(${JSON.stringify(WORDS)}::jsonb) AS w`)
    expect(rows.length).toBeGreaterThan(WORDS.length * 50)
    const dictionary = new TrigramDictionary()
    const sequences = new Map(rows.map(row => [row.text, trigramSequence(row.text, dictionary, true)]))
    const scratch = new SimilarityScratch(dictionary.size)
    let similarPairs = 0
    for (const row of rows) {
      const pattern = trigramPattern(row.word, dictionary)
      const text = sequences.get(row.text)!
      expect(wordSimilarity(pattern, text, scratch), `${row.word} in "${row.text}"`).toBe(Math.fround(row.similarity))
      const similar = wordSimilarity(pattern, text, scratch, { threshold: WORD_SIMILARITY_THRESHOLD }) >= WORD_SIMILARITY_THRESHOLD
      expect(similar, `${row.word} <% "${row.text}"`).toBe(row.similar)
      similarPairs += similar ? 1 : 0
    }
    // Both outcomes occur, so the comparison decides something.
    expect(similarPairs).toBeGreaterThan(10)
    expect(similarPairs).toBeLessThan(rows.length - 10)
  })

  it('reads the weights of every lexeme from the stored tsvector as PostgreSQL lists them', async () => {
    const apps = await selectRows<{ vector: string, lexemes: { lexeme: string, weights: string[] }[] }>(context.database.db, sql`
      SELECT a.search_vector::text AS vector,
             (SELECT jsonb_agg(jsonb_build_object('lexeme', u.lexeme, 'weights', u.weights)) FROM unnest(a.search_vector) u) AS lexemes
      FROM apps a`)
    expect(apps.length).toBeGreaterThan(50)
    for (const { vector, lexemes } of apps) {
      const expected = new Map(lexemes.map(({ lexeme, weights }) =>
        [lexeme, weights.reduce((mask, weight) => mask | WEIGHT[weight.toUpperCase() as keyof typeof WEIGHT], 0)]))
      expect(parseTsvector(vector)).toEqual(expected)
    }
    expect(parseTsvector('\'it\'\'s\':1A \'plain\'')).toEqual(new Map([['it\'s', WEIGHT.A], ['plain', WEIGHT.D]]))
  })

  it('stems query words as PostgreSQL does, one query for the new words of searches arriving together', async () => {
    const db = context.database.db
    const expected = new Map((await selectRows<{ word: string, lexemes: string[] }>(db, sql`
      SELECT w AS word, coalesce((SELECT array_agg(u.lexeme ORDER BY u.lexeme) FROM unnest(to_tsvector('german', w)) u), '{}') AS lexemes
      FROM jsonb_array_elements_text(${JSON.stringify(WORDS.flatMap(word => word.split(' ')))}::jsonb) AS w`)).map(row => [row.word, row.lexemes]))
    const stemmer = new Stemmer(db)
    const queries = vi.spyOn(db, 'execute')
    // The first search starts a query; two that arrive while it runs share the next one.
    const firstSearch = stemmer.stem(['hundesteuer', 'online', 'kita'])
    await vi.waitFor(() => expect(queries).toHaveBeenCalledTimes(1), { interval: 0 })
    const [first, second, third] = await Promise.all([
      firstSearch,
      stemmer.stem(['kita', 'fischereischein', 'und']),
      stemmer.stem(['kita', 'ratsinfo', 'fischereischein']),
    ])
    expect(queries).toHaveBeenCalledTimes(2)
    for (const [word, lexemes] of [...first, ...second, ...third])
      expect([...lexemes].sort(), word).toEqual(expected.get(word) ?? [])
    // A stop word has no stem; known words cost no query.
    expect(second.get('und')).toEqual([])
    expect((await stemmer.stem(['kita', 'hundesteuer'])).get('kita')).toEqual(expected.get('kita'))
    expect(queries).toHaveBeenCalledTimes(2)
    queries.mockRestore()
  })

  it('rebuilds the text index when an app\'s text changes, not when a municipality subscribes', async () => {
    const state = async () => (await selectRows<{ version: number, search_version: number }>(context.database.db, sql`
      SELECT version::int, search_version::int FROM catalog_state WHERE id = 1`))[0]
    const before = await state()
    await context.database.db.execute(sql`
      INSERT INTO subscriptions (app_id, organization_id, operating_model)
      SELECT a.id, o.id, 'self_hosted' FROM apps a, organizations o
      WHERE a.slug = 'fundbuero' AND o.kind = 'municipality'
        AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.app_id = a.id AND s.organization_id = o.id)
      ORDER BY o.ags LIMIT 1`)
    const afterSubscription = await state()
    expect(afterSubscription.version).toBeGreaterThan(before.version)
    expect(afterSubscription.search_version).toBe(before.search_version)

    await context.database.db.execute(sql`UPDATE apps SET name = 'Fundbüro Findus' WHERE slug = 'fundbuero'`)
    expect((await state()).search_version).toBeGreaterThan(before.search_version)
    const found = (await app.get().inject({ url: '/api/v1/apps?q=findus' })).json()
    expect(found.items[0]).toMatchObject({ slug: 'fundbuero', name: 'Fundbüro Findus' })
  })
})
