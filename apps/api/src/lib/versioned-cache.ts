/** What cached public reads are valid for: the catalogue version (catalog_state) and the UTC day. */
export interface CatalogStamp {
  version: number
  day: string
  /** catalog_state.search_version: changes only with the searchable text of apps. */
  searchVersion: number
}

interface Entry<T> {
  stamp: CatalogStamp
  value: T
}

/**
 * A bounded LRU cache whose entries count only for the catalogue version and day they were computed
 * in. catalog_state.version is bumped by triggers in the same transaction as every change to
 * anything the public catalogue shows, and validity of certificates is decided per day, so an entry
 * that matches the current stamp is exactly what the database would answer now. Per process; with
 * several API nodes each keeps its own (they agree, since they read the same stamp).
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, Entry<T>>()

  constructor(private readonly maxEntries: number) {}

  get(key: string, stamp: CatalogStamp): T | undefined {
    const entry = this.entries.get(key)
    if (!entry || entry.stamp.version !== stamp.version || entry.stamp.day !== stamp.day)
      return undefined
    // Re-insert to mark as recently used (a Map iterates in insertion order).
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.value
  }

  set(key: string, stamp: CatalogStamp, value: T): void {
    this.entries.delete(key)
    this.entries.set(key, { stamp, value })
    if (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string)
  }

  /**
   * The cached value for `key`, or `compute()` stored under the stamp read before computing.
   * Callers namespace their keys (e.g. `app/<slug>`), so a key always holds the same kind of value.
   */
  async remember<V extends T>(key: string, stamp: CatalogStamp, compute: () => Promise<V>): Promise<V> {
    const cached = this.get(key, stamp)
    if (cached !== undefined)
      return cached as V
    const value = await compute()
    this.set(key, stamp, value)
    return value
  }
}

/**
 * One value derived from the database (an index, a snapshot) for the key it was built for. While it
 * is being built, every caller asking for the same key waits for that one build instead of starting
 * its own; a failed build is forgotten, so the next caller tries again.
 */
export class SingleFlight<T> {
  private current: { key: string, value: Promise<T> } | undefined

  get(key: string, build: () => Promise<T>): Promise<T> {
    if (this.current?.key === key)
      return this.current.value
    const value = build()
    const entry = { key, value }
    this.current = entry
    value.catch(() => {
      if (this.current === entry)
        this.current = undefined
    })
    return value
  }
}
