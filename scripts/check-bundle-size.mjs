// Initial JavaScript budget of DESIGN.md §6: everything index.html loads before the first page renders.
import { readFileSync } from 'node:fs'
import { gzipSync } from 'node:zlib'

const BUDGET_BYTES = 150 * 1024
const dist = new URL('../apps/web/dist/', import.meta.url)
const html = readFileSync(new URL('index.html', dist), 'utf8')
const scripts = [...html.matchAll(/<(?:script[^>]+src|link[^>]+rel="modulepreload"[^>]+href)="\/([^"]+\.js)"/g)].map(m => m[1])
let total = 0
for (const file of scripts) {
  const size = gzipSync(readFileSync(new URL(file, dist))).length
  total += size
  console.log(`${(size / 1024).toFixed(1).padStart(7)} KB  ${file}`)
}
console.log(`${(total / 1024).toFixed(1).padStart(7)} KB  initial JavaScript (gzip), budget ${BUDGET_BYTES / 1024} KB`)
if (scripts.length === 0 || total > BUDGET_BYTES) {
  console.error(scripts.length === 0 ? 'No entry script found in index.html.' : 'Initial JavaScript exceeds the budget.')
  process.exit(1)
}
