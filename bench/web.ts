/**
 * Front-end benchmark: Lighthouse (npm `lighthouse` driving Debian's Chromium) on the home page, the
 * catalogue with a search and an app's detail page, served by the real server with the demo data.
 * Prints the performance and accessibility scores (targets: performance ≥ 90, accessibility 100),
 * for a phone on a slow network (Lighthouse's default) and for a desktop.
 *
 *   pnpm build && pnpm bench:web          CHROMIUM_PATH=… when Chromium is elsewhere
 */
import { execFile, spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

const run = promisify(execFile)
const PORT = Number(process.env.BENCH_WEB_PORT ?? 3921)
const base = `http://127.0.0.1:${PORT}`
const chromium = process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find(existsSync)
if (!chromium)
  throw new Error('Chromium not found: install Debian\'s chromium or set CHROMIUM_PATH')
const root = fileURLToPath(new URL('..', import.meta.url))
if (!existsSync(join(root, 'apps/web/dist/index.html')))
  throw new Error('Build the storefront first: pnpm build')

const dataDir = mkdtempSync(join(tmpdir(), 'kas-bench-web-'))
const server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
  cwd: join(root, 'apps/api'),
  env: { ...process.env, PORT: String(PORT), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', DATABASE_URL: '' },
  stdio: ['ignore', 'inherit', 'inherit'],
})

async function waitUntilReady(): Promise<void> {
  for (let i = 0; i < 240; i++) {
    const ready = await fetch(`${base}/readyz`).then(r => r.ok).catch(() => false)
    if (ready)
      return
    await new Promise(resolve => setTimeout(resolve, 500))
  }
  throw new Error('the server did not become ready')
}

const lighthouseBin = fileURLToPath(new URL('./node_modules/.bin/lighthouse', import.meta.url))
async function audit(url: string, desktop: boolean): Promise<{ performance: number, accessibility: number }> {
  const { stdout } = await run(lighthouseBin, [
    url,
    '--output=json',
    '--output-path=stdout',
    '--only-categories=performance,accessibility',
    '--quiet',
    `--chrome-flags=--headless=new --no-sandbox --disable-gpu`,
    ...(desktop ? ['--preset=desktop'] : []),
  ], { env: { ...process.env, CHROME_PATH: chromium }, maxBuffer: 64 * 1024 * 1024 })
  const report = JSON.parse(stdout) as { categories: Record<'performance' | 'accessibility', { score: number }> }
  return { performance: Math.round(report.categories.performance.score * 100), accessibility: Math.round(report.categories.accessibility.score * 100) }
}

try {
  await waitUntilReady()
  const detail = (await (await fetch(`${base}/api/v1/apps?limit=1`)).json() as { items: { slug: string }[] }).items[0].slug
  const pages = [
    ['home', `${base}/`],
    ['catalogue', `${base}/apps?q=hundesteuer`],
    ['detail', `${base}/apps/${detail}`],
  ] as const
  console.log(`\nLighthouse ${'page'.padEnd(10)} ${'device'.padEnd(8)} performance  accessibility`)
  for (const [name, url] of pages) {
    for (const desktop of [false, true]) {
      const scores = await audit(url, desktop)
      const verdict = scores.performance >= 90 && scores.accessibility === 100 ? 'targets met' : 'target missed'
      console.log(`           ${name.padEnd(10)} ${(desktop ? 'desktop' : 'phone').padEnd(8)} ${String(scores.performance).padStart(11)}  ${String(scores.accessibility).padStart(13)}   ${verdict}`)
    }
  }
}
finally {
  server.kill('SIGTERM')
  await new Promise(resolve => server.once('exit', resolve))
  rmSync(dataDir, { recursive: true, force: true })
}
