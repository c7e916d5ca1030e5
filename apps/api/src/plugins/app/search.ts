import type { FastifyInstance } from 'fastify'
import type { CatalogStamp } from '../../lib/versioned-cache.ts'
import type { SuggestIndex } from '../../modules/search/service.ts'
import type { SearchVocabulary } from '../../modules/search/vocabulary.ts'
import fp from 'fastify-plugin'
import { VersionedCache } from '../../lib/versioned-cache.ts'
import { SearchLog } from '../../modules/search/search-log.ts'
import { loadSuggestIndex } from '../../modules/search/service.ts'
import { loadSearchVocabulary } from '../../modules/search/vocabulary.ts'

declare module 'fastify' {
  interface FastifyInstance {
    catalogSearch: {
      /** Vocabulary and synonyms for query analysis, rebuilt when the catalogue or the synonyms change. */
      vocabulary: (stamp: CatalogStamp) => Promise<SearchVocabulary>
      suggestIndex: (stamp: CatalogStamp) => Promise<SuggestIndex>
      log: SearchLog
    }
  }
}

export default fp(async (app: FastifyInstance, options: { logFlushMs?: number }) => {
  const vocabularies = new VersionedCache<SearchVocabulary>(1)
  const suggestIndexes = new VersionedCache<SuggestIndex>(1)
  const vocabulary = (stamp: CatalogStamp) => vocabularies.remember('vocabulary', stamp, () => loadSearchVocabulary(app.database.db))
  const log = new SearchLog(app.database.db, app.log, options.logFlushMs)
  app.decorate('catalogSearch', {
    vocabulary,
    suggestIndex: async (stamp: CatalogStamp) => suggestIndexes.remember('suggest', stamp, async () =>
      loadSuggestIndex(app.database.db, await app.referenceLabels(), await vocabulary(stamp))),
    log,
  })
  app.addHook('onClose', () => log.flush())
}, { name: 'search', dependencies: ['db', 'read-cache'] })
