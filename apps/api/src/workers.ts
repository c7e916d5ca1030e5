import cluster from 'node:cluster'

/** A worker that ends sooner than this after its start is not restarted: it would only fail again. */
const MIN_LIFETIME_MS = 10_000

/**
 * Runs `count` API processes that share the port (node:cluster hands each new connection to the
 * next one). Each keeps its own caches and search index, like any API node behind a load balancer
 * (DESIGN.md §7); PostgreSQL is what they share. A worker that dies is replaced; SIGTERM and SIGINT
 * are passed on, and the primary exits when the last worker has finished its requests.
 */
export function runWorkers(count: number): void {
  let stopping = false
  const startedAt = new Map<number, number>()
  const fork = () => {
    const worker = cluster.fork()
    startedAt.set(worker.id, Date.now())
  }
  cluster.on('exit', (worker, code, signal) => {
    const lived = Date.now() - (startedAt.get(worker.id) ?? 0)
    startedAt.delete(worker.id)
    if (!stopping && lived >= MIN_LIFETIME_MS) {
      console.error(`API worker ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another.`)
      fork()
      return
    }
    if (!stopping)
      console.error(`API worker ${worker.process.pid} ended right after its start (${signal ?? `exit code ${code}`}).`)
    if (startedAt.size === 0)
      process.exit(stopping && code === 0 ? 0 : 1)
  })
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      stopping = true
      for (const worker of Object.values(cluster.workers ?? {}))
        worker?.process.kill(signal)
    })
  }
  for (let i = 0; i < count; i++)
    fork()
}
