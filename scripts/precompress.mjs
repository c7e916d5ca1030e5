// Writes .br and .gz next to every compressible file of the built storefront, so that the server
// sends compressed files without compressing on each request. Usage: node scripts/precompress.mjs <dir>
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'

const root = process.argv[2]
const compressible = /\.(?:js|css|html|svg|json|txt|webmanifest)$/
let written = 0
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) {
      walk(path)
      continue
    }
    if (!compressible.test(name) || statSync(path).size < 1024)
      continue
    const content = readFileSync(path)
    writeFileSync(`${path}.br`, brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }))
    writeFileSync(`${path}.gz`, gzipSync(content, { level: 9 }))
    written++
  }
}
walk(root)
console.log(`Pre-compressed ${written} files in ${root} (brotli and gzip).`)
