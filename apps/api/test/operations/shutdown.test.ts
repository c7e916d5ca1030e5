import type { ChildProcess } from 'node:child_process'
import { spawn } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'

const serverEntry = fileURLToPath(new URL('../../src/server.ts', import.meta.url))

/** Starts the real server process (PGlite in a temporary directory) and waits until it is ready. */
async function startServer(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', serverEntry], {
    cwd: fileURLToPath(new URL('../..', import.meta.url)),
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', SEED_DEMO_DATA: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
  })
  for (let attempt = 0; attempt < 150; attempt++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok)
        return child
    }
    catch {}
    await new Promise(resolve => setTimeout(resolve, 200))
  }
  child.kill('SIGKILL')
  throw new Error('server did not become ready')
}

describe('graceful shutdown', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kas-shutdown-'))
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

  it('answers every request it accepted before SIGTERM, then exits cleanly', async () => {
    const port = 39_000 + Math.floor(Math.random() * 1000)
    const server = await startServer(dataDir, port)
    const exited = new Promise<number | null>(resolve => server.on('exit', code => resolve(code)))
    // The server's log says when it has received each request; SIGTERM follows once all five are in.
    let received = 0
    const allReceived = new Promise<void>((resolve) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        received += chunk.toString().split('\n').filter(line => line.includes('incoming request') && line.includes('/api/v1/apps?q=')).length
        if (received >= 5)
          resolve()
      })
    })
    const inFlight = Array.from({ length: 5 }, (_, i) => fetch(`http://127.0.0.1:${port}/api/v1/apps?q=steuer${'x'.repeat(i)}`))
    await allReceived
    server.kill('SIGTERM')
    const statuses = (await Promise.all(inFlight)).map(r => r.status)
    expect(statuses).toEqual([200, 200, 200, 200, 200])
    expect(await exited).toBe(0)
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow()
  }, 60_000)
})
