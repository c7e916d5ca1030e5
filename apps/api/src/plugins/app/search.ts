import type { FastifyInstance } from 'fastify'
import type { CatalogStamp } from '../../lib/versioned-cache.ts'
import type { SearchIndexes } from '../../modules/catalog/text-search.ts'
import type { SuggestIndex } from '../../modules/search/service.ts'
import type { SearchVocabulary } from '../../modules/search/vocabulary.ts'
import fp from 'fastify-plugin'
import { SingleFlight } from '../../lib/versioned-cache.ts'
import { loadPublicApps } from '../../modules/catalog/snapshot.ts'
import { Stemmer } from '../../modules/search/engine/stemmer.ts'
import { TextIndex } from '../../modules/search/engine/text-index.ts'
import { SearchLog } from '../../modules/search/search-log.ts'
import { loadSuggestIndex } from '../../modules/search/service.ts'
import { loadSearchVocabulary } from '../../modules/search/vocabulary.ts'

declare module 'fastify' {
  interface FastifyInstance {
    catalogSearch: {
      /** Vocabulary and synonyms for query analysis, rebuilt when the catalogue or the synonyms change. */
      vocabulary: (stamp: CatalogStamp) => Promise<SearchVocabulary>
      /** The text index and the public apps a text search runs on, current for the stamp. */
      indexes: (stamp: CatalogStamp) => Promise<SearchIndexes>
      suggestIndex: (stamp: CatalogStamp) => Promise<SuggestIndex>
      log: SearchLog
    }
  }
}

/**
 * Search state derived from the database, per API node: each part is rebuilt when the counter it
 * depends on changes (see lib/versioned-cache.ts), one build at a time however many requests wait.
 */
export default fp(async (app: FastifyInstance, options: { logFlushMs?: number }) => {
  const { db } = app.database
  const vocabularies = new SingleFlight<SearchVocabulary>()
  const suggestIndexes = new SingleFlight<SuggestIndex>()
  const textIndexes = new SingleFlight<TextIndex>()
  const publicApps = new SingleFlight<SearchIndexes['apps']>()
  const stemmer = new Stemmer(db)
  const catalogKey = (stamp: CatalogStamp) => `${stamp.version}/${stamp.day}`
  const vocabulary = (stamp: CatalogStamp) => vocabularies.get(catalogKey(stamp), () => loadSearchVocabulary(db))
  const log = new SearchLog(db, app.log, options.logFlushMs)
  app.decorate('catalogSearch', {
    vocabulary,
    indexes: async (stamp: CatalogStamp) => {
      const [text, apps] = await Promise.all([
        textIndexes.get(String(stamp.searchVersion), () => TextIndex.load(db)),
        publicApps.get(catalogKey(stamp), () => loadPublicApps(db)),
      ])
      return { text, apps, stemmer }
    },
    suggestIndex: async (stamp: CatalogStamp) => suggestIndexes.get(catalogKey(stamp), async () =>
      loadSuggestIndex(db, await app.referenceLabels(), await vocabulary(stamp))),
    log,
  })
  app.addHook('onClose', () => log.flush())
}, { name: 'search', dependencies: ['db', 'read-cache'] })
