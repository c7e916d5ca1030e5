import { describe, expect, it } from 'vitest'
import { SharedRead } from '../../src/lib/shared-read.ts'

/** A source whose reads end only when the test says so, recording when each read started. */
function controlledSource() {
  let value = 0
  const reads: { startedWith: number, finish: (error?: Error) => void }[] = []
  const read = () => new Promise<number>((resolve, reject) => {
    const startedWith = value
    reads.push({ startedWith, finish: error => (error ? reject(error) : resolve(startedWith)) })
  })
  return { reads, read, write: () => { value++ } }
}

const tick = () => new Promise(resolve => setImmediate(resolve))

describe('shared read', () => {
  it('lets a caller that arrives during a read wait for the next read, which sees what was written before it arrived', async () => {
    const source = controlledSource()
    const shared = new SharedRead(source.read)
    const first = shared.get()
    source.write()
    // Arrives after the write, while the first read (which started before it) still runs.
    const second = shared.get()
    const third = shared.get()
    expect(source.reads).toHaveLength(1)
    source.reads[0].finish()
    expect(await first).toBe(0)
    await tick()
    // One more read for both later callers, started after they arrived.
    expect(source.reads).toHaveLength(2)
    source.reads[1].finish()
    expect(await second).toBe(1)
    expect(await third).toBe(1)
  })

  it('starts a read of its own for a caller when none is running', async () => {
    const source = controlledSource()
    const shared = new SharedRead(source.read)
    const first = shared.get()
    source.reads[0].finish()
    await first
    source.write()
    const second = shared.get()
    expect(source.reads).toHaveLength(2)
    source.reads[1].finish()
    expect(await second).toBe(1)
  })

  it('passes a failed read to its callers only, and the next caller reads again', async () => {
    const source = controlledSource()
    const shared = new SharedRead(source.read)
    const failing = shared.get()
    const waiting = shared.get()
    source.reads[0].finish(new Error('connection lost'))
    await expect(failing).rejects.toThrow('connection lost')
    await tick()
    // The caller who waited gets the next read, not the failure of one that started before it.
    expect(source.reads).toHaveLength(2)
    source.reads[1].finish()
    expect(await waiting).toBe(0)
    const later = shared.get()
    expect(source.reads).toHaveLength(3)
    source.reads[2].finish()
    expect(await later).toBe(0)
  })
})
