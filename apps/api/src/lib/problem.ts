/** One entry of `errors[]` in a validation problem: where (JSON pointer) and what. */
export interface ProblemFieldError {
  pointer: string
  message: string
  /** For uploaded files: the path in the file (`legal.license`) and where it is (1-based). */
  path?: string
  line?: number
  column?: number
  /** For uploaded files: what, as a code with parameters, so that clients can translate it. */
  code?: string
  params?: Record<string, string | number>
}

/**
 * An RFC 9457 problem. Services throw these; the error handler in plugins/app/problems.ts
 * turns them into `application/problem+json` responses.
 */
export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
    readonly errors?: ProblemFieldError[],
    /** Further members of the problem object (RFC 9457 extensions), e.g. `warnings`. */
    readonly extensions?: Record<string, unknown>,
  ) {
    super(detail)
  }

  get type(): string {
    return `/problems/${this.title.toLowerCase().replaceAll(' ', '-')}`
  }
}

export const notFound = (what: string, id: string) => new Problem(404, 'Not Found', `${what} "${id}" was not found.`)
export const badRequest = (detail: string, errors?: ProblemFieldError[]) => new Problem(400, 'Bad Request', detail, errors)
