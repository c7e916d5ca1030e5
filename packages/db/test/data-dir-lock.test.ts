import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { createDb } from '../src/client.ts'

describe('embedded database directory lock', () => {
  it('keeps a second process out while one runs, and takes over a lock left by a process that ended', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kas-lock-'))
    const lockFile = join(dataDir, 'kas.lock')
    // A process that is alive (it sleeps) holds the lock.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'])
    try {
      writeFileSync(lockFile, String(holder.pid))
      await expect(createDb({ dataDir })).rejects.toThrow(`in use by process ${holder.pid}`)
    }
    finally {
      holder.kill()
      await new Promise(resolve => holder.once('exit', resolve))
    }
    // The holder ended without cleaning up: its lock is stale and taken over.
    const handle = await createDb({ dataDir })
    expect(existsSync(lockFile)).toBe(true)
    await handle.close()
    expect(existsSync(lockFile)).toBe(false)
  }, 60_000)
})
