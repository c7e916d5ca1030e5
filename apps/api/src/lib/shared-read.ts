/**
 * A read that concurrent callers share without ever getting an answer older than their call: a
 * caller joins the read that starts next, never one already under way (it may have started before
 * the caller, and so miss a write the caller has seen committed). While one read runs, everyone who
 * arrives waits for the single read that follows it. Under load this turns one query per request
 * into one query per round trip, with the same guarantee as a query of one's own.
 */
export class SharedRead<T> {
  private running: Promise<T> | undefined
  private queued: Promise<T> | undefined

  constructor(private readonly read: () => Promise<T>) {}

  get(): Promise<T> {
    if (!this.running) {
      const running = this.read().finally(() => {
        if (this.running === running)
          this.running = undefined
      })
      this.running = running
      return running
    }
    // `running` may have started before this call: wait for it to end, then share the next read.
    this.queued ??= this.running.then(noop, noop).then(() => {
      this.queued = undefined
      return this.get()
    })
    return this.queued
  }
}

function noop(): void {}
