import type { Database } from '@kas/db'
import type { Static } from 'typebox'
import type { Principal } from '../identity/principal.ts'
import type { ReferenceLabels } from '../taxonomy/labels.ts'
import type { AnalyticsSchema, SuggestionSchema, SynonymSchema } from './schemas.ts'
import type { SearchVocabulary } from './vocabulary.ts'
import { appendAuditEvent, selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'
import { notFound, Problem } from '../../lib/problem.ts'
import { utcTimestamp } from '../../lib/sql.ts'
import { foldSearchText } from './fold.ts'
import { WordStartIndex } from './prefix.ts'

type Suggestion = Static<typeof SuggestionSchema>

/**
 * Autocomplete while typing: app names, then search terms and synonyms, then Themenfelder that
 * start with (or, for names, contain a word starting with) what was typed. Served from memory.
 */
export function suggest(q: string, limit: number, index: SuggestIndex): Suggestion[] {
  const folded = foldSearchText(q).trim()
  if (folded.length === 0)
    return []
  // Names that start with what was typed first, then the most adopted; only the best few are kept.
  const matching = index.appWords.find(folded)
  const appNames = new Set(matching.map(app => app.folded))
  const apps = matching
    .sort((a, b) => Number(b.folded.startsWith(folded)) - Number(a.folded.startsWith(folded)) || b.adoptions - a.adoptions)
    .slice(0, limit)
    .map((app): Suggestion => ({ kind: 'app', text: app.name, slug: app.slug }))
  const terms = index.termWords.find(folded).filter(term => !appNames.has(term.folded))
    .sort((a, b) => a.folded.length - b.folded.length || a.folded.localeCompare(b.folded))
    .slice(0, limit)
    .map((term): Suggestion => ({ kind: 'term', text: term.text }))
  const themenfelder = index.themenfeldWords.find(folded).map((t): Suggestion => ({ kind: 'themenfeld', text: t.label, slug: t.id }))
  return [...apps.slice(0, Math.ceil(limit / 2)), ...terms, ...themenfelder, ...apps.slice(Math.ceil(limit / 2))].slice(0, limit)
}

export interface SuggestIndex {
  /** Public apps by the word starts of their folded names. */
  appWords: WordStartIndex<{ slug: string, name: string, folded: string, adoptions: number }>
  /** Search terms, tags and synonyms, by their start (a term is offered only when it starts with what was typed). */
  termWords: WordStartIndex<{ text: string, folded: string }>
  themenfeldWords: WordStartIndex<{ id: string, label: string, folded: string }>
}

/** What autocomplete offers, built once per catalogue version. */
export async function loadSuggestIndex(db: Database, labels: ReferenceLabels, vocabulary: SearchVocabulary): Promise<SuggestIndex> {
  const rows = await selectRows<{ slug: string, name: string, adoptions: number, terms: string[] }>(db, sql`
    SELECT slug, name, adoption_count AS adoptions, tags || search_terms AS terms FROM apps
    WHERE status = 'certified' AND certified_until >= CURRENT_DATE`)
  const terms = new Map<string, string>()
  for (const row of rows) {
    for (const term of row.terms)
      terms.set(foldSearchText(term), term)
  }
  for (const term of vocabulary.synonyms.keys()) {
    if (!terms.has(term))
      terms.set(term, term)
  }
  const byFolded = (item: { folded: string }) => item.folded
  return {
    appWords: new WordStartIndex(rows.map(row => ({ slug: row.slug, name: row.name, folded: foldSearchText(row.name), adoptions: row.adoptions })), byFolded),
    termWords: new WordStartIndex([...terms].map(([folded, text]) => ({ folded, text })), byFolded, { wholeTextOnly: true }),
    themenfeldWords: new WordStartIndex(labels.themenfelder.map(t => ({ id: t.id, label: t.nameDe, folded: foldSearchText(t.nameDe) })), byFolded),
  }
}

/** A click on a search result; unknown searches are a 404, never a 500. */
export async function recordClick(db: Database, searchId: string, app: string, position: number): Promise<void> {
  const inserted = await selectRows<{ query_id: string }>(db, sql`
    INSERT INTO search_clicks (query_id, app_slug, position)
    SELECT id, ${app}, ${position} FROM search_queries WHERE id = ${searchId} RETURNING query_id`)
  if (inserted.length === 0)
    throw notFound('Search', searchId)
}

/** Top searches, searches without results and searches whose results nobody opened. */
export async function searchAnalytics(db: Database, days: number): Promise<Static<typeof AnalyticsSchema>> {
  const figures = (where: ReturnType<typeof sql>, order: ReturnType<typeof sql>) => selectRows<Static<typeof AnalyticsSchema>['top'][number]>(db, sql`
    WITH recent AS (
      SELECT q.query, q.results, EXISTS (SELECT 1 FROM search_clicks c WHERE c.query_id = q.id) AS clicked
      FROM search_queries q WHERE q.created_at >= now() - make_interval(days => ${days})
    )
    SELECT query, count(*)::int AS searches, round(avg(results), 1)::float8 AS "averageResults",
           round(avg(CASE WHEN clicked THEN 1 ELSE 0 END), 3)::float8 AS "clickRate"
    FROM recent GROUP BY query HAVING ${where}
    ORDER BY ${order}, query LIMIT 25`)
  const [top, zeroResults, noClicks, [{ searches }]] = await Promise.all([
    figures(sql`true`, sql`count(*) DESC`),
    figures(sql`max(results) = 0`, sql`count(*) DESC`),
    figures(sql`min(results) > 0 AND bool_or(clicked) = false`, sql`count(*) DESC`),
    selectRows<{ searches: number }>(db, sql`SELECT count(*)::int AS searches FROM search_queries WHERE created_at >= now() - make_interval(days => ${days})`),
  ])
  return { days, searches, top, zeroResults, noClicks }
}

type Synonym = Static<typeof SynonymSchema>

const foldTerms = (terms: string[]) => [...new Set(terms.map(term => foldSearchText(term).replace(/\s+/g, ' ').trim()).filter(term => term.length >= 2))]

export function listSynonyms(db: Database): Promise<Synonym[]> {
  return selectRows<Synonym>(db, sql`
    SELECT id, terms, ${utcTimestamp(sql`updated_at`)} AS "updatedAt" FROM search_synonyms ORDER BY terms[1], id`)
}

/** Platform admins curate the synonym table; each change is audited and applies to the next search. */
export async function saveSynonym(db: Database, principal: Principal, id: string | undefined, terms: string[]): Promise<Synonym> {
  const folded = foldTerms(terms)
  if (folded.length < 2)
    throw new Problem(422, 'Unprocessable Content', 'A synonym group needs at least two different terms.', [{ pointer: '/body/terms', message: 'needs two different terms' }])
  return db.transaction(async (tx) => {
    const [saved] = id
      ? await selectRows<Synonym>(tx, sql`
          UPDATE search_synonyms SET terms = ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(folded)}::jsonb)), updated_at = now()
          WHERE id = ${id} RETURNING id, terms, ${utcTimestamp(sql`updated_at`)} AS "updatedAt"`)
      : await selectRows<Synonym>(tx, sql`
          INSERT INTO search_synonyms (terms) VALUES (ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(folded)}::jsonb)))
          RETURNING id, terms, ${utcTimestamp(sql`updated_at`)} AS "updatedAt"`)
    if (!saved)
      throw notFound('Synonym group', id!)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, action: id ? 'synonym.updated' : 'synonym.created', entityType: 'search_synonym', entityId: saved.id, payload: { terms: folded } })
    return saved
  })
}

export async function deleteSynonym(db: Database, principal: Principal, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [deleted] = await selectRows<{ terms: string[] }>(tx, sql`DELETE FROM search_synonyms WHERE id = ${id} RETURNING terms`)
    if (!deleted)
      throw notFound('Synonym group', id)
    await appendAuditEvent(tx, { actorUserId: principal.userId, actorOrganizationId: principal.organization.id, action: 'synonym.deleted', entityType: 'search_synonym', entityId: id, payload: { terms: deleted.terms } })
  })
}
