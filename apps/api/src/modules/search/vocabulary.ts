import type { Database } from '@kas/db'
import { selectRows } from '@kas/db'
import { sql } from 'drizzle-orm'

/** What query analysis knows about the language of the catalogue; rebuilt when the catalogue changes. */
export interface SearchVocabulary {
  /** Words of the public apps' names, tags, search terms and summaries, and of the synonym table. */
  words: ReadonlySet<string>
  /** Common nouns of municipal tasks, so that compounds split even when the catalogue lacks a part. */
  baseWords: ReadonlySet<string>
  /** Everything decompounding may split into. */
  dictionary: ReadonlySet<string>
  /** Each synonym term (folded; phrases with spaces) → every term it is equivalent to. */
  synonyms: ReadonlyMap<string, string[]>
  /** Hyphenated words of the catalogue by their joined form ("eakte" → ["e", "akte"]). */
  hyphenated: ReadonlyMap<string, string[]>
}

/** Parts of municipal compounds ("Hunde|steuer", "Anwohner|park|ausweis", "Sperr|müll"), folded. */
const BASE_WORDS = `hund hunde steuer steuern anwohner bewohner parken park ausweis burger service mull abfuhr abfall sperr kita
platz kinder kind garten bau antrag wohn geld wohnung wohnungs schule schul schuler fahr karte schein amt melde meldung gewerbe grund
zweit vergnugung spiel gerat fund buro sache wahl wahlen helfer brief stand markt woche wochen weihnacht weihnachts friedhof grab statte
baum kataster larm klima schutz energie rat rats sitzung sitzungs dienst rechnung akte akten fuhr fahrzeug zulassung fuhrer fuhrerschein
ausbildung forderung kultur ehe schliessung geburt geburts urkunde sterbe eltern zeit unterhalt vorschuss jugend rente renten beratung arbeit
stelle stellen bewerbung personal auslander behorde einburgerung integration kurs kurse sprach sprache fischerei angel jagd ehrenamt verein
vereins halle sport zuschuss gesundheit trinkwasser wasser strasse strassen schaden schaden loch schlag laterne tonne rest bio wert stoff hof
termin termine vergabe ticket pass reise beteiligung umfrage formular zahlung gebuhr gebuhren bescheid nachweis bescheinigung tages pflege
mutter vater bibliothek buch bucher medien waffe waffen besitz kfz auto kennzeichen nummer schild halte verbot halteverbot sonder nutzung
fest feier plakat hilfe sozial leistung leistungen miete miet spiegel antrags stadt gemeinde kreis land bund burgeramt einwohner ordnung
verkehr strafe straf zettel bussgeld geschwindigkeit knollchen lebens mittel kontrolle tier tiere veterinar brand feuer wehr katastrophe`
  .split(/\s+/).filter(Boolean)

export async function loadSearchVocabulary(db: Database): Promise<SearchVocabulary> {
  const [wordRows, hyphenRows, synonymRows] = await Promise.all([
    selectRows<{ word: string }>(db, sql`
      SELECT DISTINCT word FROM (
        SELECT regexp_split_to_table(a.search_text, '[^a-z0-9]+') AS word FROM apps a
        WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE
        UNION ALL
        SELECT regexp_split_to_table(f_search_fold(t.name_de), '[^a-z0-9]+') FROM themenfelder t
      ) w WHERE length(word) >= 3`),
    selectRows<{ word: string }>(db, sql`
      SELECT DISTINCT (regexp_matches(a.search_text, '[a-z0-9]+(?:-[a-z0-9]+)+', 'g'))[1] AS word FROM apps a
      WHERE a.status = 'certified' AND a.certified_until >= CURRENT_DATE`),
    selectRows<{ terms: string[] }>(db, sql`SELECT terms FROM search_synonyms`),
  ])
  const synonyms = new Map<string, string[]>()
  const synonymWords: string[] = []
  for (const { terms } of synonymRows) {
    for (const term of terms) {
      synonyms.set(term, [...new Set([...(synonyms.get(term) ?? []), ...terms])])
      synonymWords.push(...term.split(/[\s-]+/).filter(word => word.length >= 3))
    }
  }
  const words = new Set([...wordRows.map(row => row.word), ...synonymWords])
  const baseWords = new Set(BASE_WORDS)
  const hyphenated = new Map(hyphenRows.map(({ word }) => [word.replace(/-/g, ''), word.split('-')]))
  return { words, baseWords, dictionary: new Set([...words, ...baseWords]), synonyms, hyphenated }
}
