import { Problem } from './problem.ts'

/** ETag of a mutable resource from its revision counter. */
export function revisionEtag(revision: number): string {
  return `"r${revision}"`
}

/**
 * The revision an update is based on, from If-Match: 428 without the header, 412 when it names no
 * revision (e.g. `*` or a foreign ETag). Whether it is still current is decided by the UPDATE itself.
 */
export function revisionFromIfMatch(header: string | undefined): number {
  if (!header)
    throw new Problem(428, 'Precondition Required', 'Send the ETag you last read in the If-Match header, so that concurrent changes are not overwritten.')
  const match = header.trim().match(/^(?:W\/)?"r(\d{1,9})"$/)
  if (!match)
    throw new Problem(412, 'Precondition Failed', 'If-Match does not name a revision of this resource; read it again and use its ETag.')
  return Number(match[1])
}
