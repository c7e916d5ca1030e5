import { useI18n } from 'vue-i18n'
import { ApiError } from '../lib/api.ts'

/** One error path for the UI: any failure becomes one plain, localized sentence. */
export function useErrorMessage() {
  const { t } = useI18n()
  return (error: unknown, notFoundKey = 'errors.notFound'): string => {
    if (!(error instanceof ApiError) || error.status === 0)
      return t('errors.network')
    if (error.status === 404)
      return t(notFoundKey)
    if (error.status === 429)
      return t('errors.rateLimited')
    if (error.status >= 400 && error.status < 500)
      return t('errors.badRequest', { detail: error.problem?.detail ?? '' })
    return t('errors.server')
  }
}
