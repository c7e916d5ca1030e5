import { Problem } from '../../lib/problem.ts'
import { internalAddressProblem } from '../notifications/webhook-address.ts'

const unprocessable = (detail: string) => new Problem(422, 'Unprocessable Content', detail, [{ pointer: '/body/url', message: detail }])

/**
 * Downloads a publiccode.yml the publisher points at (e.g. the raw file in the repository). Outside
 * development only https to public addresses, checked again after each redirect (SSRF); at most
 * `maxBytes`, within 10 seconds.
 */
export async function fetchPubliccodeFile(address: string, options: { maxBytes: number, allowPrivateAddresses: boolean }): Promise<string> {
  let url = new URL(address)
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'https:' && !(options.allowPrivateAddresses && url.protocol === 'http:'))
      throw unprocessable(`"${url}" must start with https://.`)
    if (!options.allowPrivateAddresses) {
      const problem = await internalAddressProblem(url.hostname)
      if (problem)
        throw unprocessable(problem)
    }
    let response: Response
    try {
      response = await fetch(url, { redirect: 'manual', signal: AbortSignal.timeout(10_000), headers: { accept: 'application/yaml, text/yaml, text/plain, */*' } })
    }
    catch (error) {
      throw unprocessable(`"${url}" could not be loaded (${(error as Error).name === 'TimeoutError' ? 'no answer within 10 seconds' : 'no connection'}).`)
    }
    const location = response.headers.get('location')
    if (response.status >= 300 && response.status < 400 && location) {
      if (redirects >= 3)
        throw unprocessable(`"${address}" redirects too often.`)
      url = new URL(location, url)
      continue
    }
    if (!response.ok)
      throw unprocessable(`"${url}" answered with HTTP ${response.status}; give the address of the file itself (in GitLab and GitHub the "raw" link).`)
    return readLimited(response, options.maxBytes)
  }
}

async function readLimited(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > maxBytes)
    throw new Problem(413, 'Content Too Large', `The file has ${declared} bytes; the limit is ${maxBytes / 1024} KiB.`)
  const chunks: Uint8Array[] = []
  let size = 0
  for await (const chunk of response.body ?? []) {
    size += chunk.byteLength
    if (size > maxBytes)
      throw new Problem(413, 'Content Too Large', `The file is larger than the limit of ${maxBytes / 1024} KiB.`)
    chunks.push(chunk)
  }
  return new TextDecoder('utf-8').decode(Buffer.concat(chunks))
}
