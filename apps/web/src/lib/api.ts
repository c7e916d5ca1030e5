import type { Problem } from '@kas/api-client'
import { createApiClient } from '@kas/api-client'

/** The storefront's only way to the API: same origin, typed from openapi/openapi.json. */
export const api = createApiClient()

let accessToken: string | null = null

/** Set by the auth store; every API call then carries the token. */
export function setAccessToken(token: string | null): void {
  accessToken = token
}

api.use({
  onRequest({ request }) {
    if (accessToken)
      request.headers.set('Authorization', `Bearer ${accessToken}`)
    return request
  },
})

/** A failed API call: the problem details when the API sent them, otherwise only the status (0 = no answer). */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem?: Problem) {
    super(problem?.detail ?? `HTTP ${status}`)
  }
}

/** Returns the body of a successful call or throws ApiError; network failures become status 0. */
export async function unwrap<T>(call: Promise<{ data?: T, error?: unknown, response: Response }>): Promise<T> {
  let result: { data?: T, error?: unknown, response: Response }
  try {
    result = await call
  }
  catch (error) {
    if (isAbort(error))
      throw error
    throw new ApiError(0)
  }
  if (result.response.ok && result.data !== undefined)
    return result.data
  const problem = typeof result.error === 'object' && result.error && 'status' in result.error ? result.error as Problem : undefined
  throw new ApiError(result.response.status, problem)
}

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/** Like unwrap, but also returns the ETag, which updates must send back in If-Match. */
export async function unwrapWithEtag<T>(call: Promise<{ data?: T, error?: unknown, response: Response }>): Promise<{ data: T, etag: string | null }> {
  let etag: string | null = null
  const data = await unwrap(call.then((result) => {
    etag = result.response.headers.get('ETag')
    return result
  }))
  return { data, etag }
}
