import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { clonePostgresTemplate } from '../support/databases.ts'

const serverEntry = fileURLToPath(new URL('../../src/server.ts', import.meta.url))
const postgres = inject('postgres')

describe.skipIf(!postgres.available)(`several API processes on one port [postgres]${postgres.available ? '' : ` (skipped: ${postgres.reason})`}`, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kas-workers-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('shares requests between the workers, which accept each other\'s tokens, and all stop on SIGTERM', async () => {
    const port = 40_000 + Math.floor(Math.random() * 1000)
    const server = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
      cwd: fileURLToPath(new URL('../..', import.meta.url)),
      env: { ...process.env, API_WORKERS: '2', DATABASE_URL: await clonePostgresTemplate(), PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'inherit'],
    })
    const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)))
    // Which process logged each request ("incoming request" lines carry the pid).
    const pids = new Set<number>()
    let ready = 0
    server.stdout!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) {
        if (line.includes('Kommunaler App-Store: storefront'))
          ready++
        if (line.includes('incoming request') && line.includes('/api/v1/notifications'))
          pids.add(JSON.parse(line).pid)
      }
    })
    for (let attempt = 0; attempt < 200 && ready < 2; attempt++)
      await new Promise(resolve => setTimeout(resolve, 200))
    expect(ready).toBe(2)

    const base = `http://127.0.0.1:${port}/api/v1`
    const signIn = await fetch(`${base}/auth/dev/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ persona: 'municipality-admin' }) })
    const { accessToken: token } = await signIn.json() as { accessToken: string }
    // A new connection each time, so that the primary hands them out in turn.
    const statuses: number[] = []
    for (let i = 0; i < 8; i++)
      statuses.push((await fetch(`${base}/notifications`, { headers: { authorization: `Bearer ${token}`, connection: 'close' } })).status)
    expect(statuses).toEqual(Array.from({ length: 8 }, () => 200))
    expect(pids.size).toBe(2)
    expect(pids.has(server.pid!)).toBe(false)

    server.kill('SIGTERM')
    expect(await exited).toBe(0)
  }, 90_000)
})

describe('several API processes without PostgreSQL', () => {
  it('refuses to start them on the embedded database, which lives in one process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kas-workers-pglite-'))
    try {
      const server = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
        cwd: fileURLToPath(new URL('../..', import.meta.url)),
        env: { ...process.env, API_WORKERS: '2', DATABASE_URL: '', DATA_DIR: dataDir, PORT: '0', SEED_DEMO_DATA: 'false' },
        stdio: ['ignore', 'ignore', 'pipe'],
      })
      let stderr = ''
      server.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
      expect(await new Promise(resolve => server.on('exit', resolve))).toBe(1)
      expect(stderr).toContain('API_WORKERS above 1 needs DATABASE_URL')
    }
    finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  }, 30_000)
})
