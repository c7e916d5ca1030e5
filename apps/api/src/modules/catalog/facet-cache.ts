import type { FacetCountRow } from './queries.ts'

interface Entry {
  version: number
  day: string
  rows: FacetCountRow[]
}

/**
 * Facet counts and totals per search and filter combination. Counting facets over the whole
 * catalogue is the most expensive part of a search, while paging, re-sorting and the most common
 * views (the unfiltered catalogue, one Themenfeld) ask for the same counts again and again.
 * An entry is used only while the catalogue version (catalog_state, bumped by a trigger on every
 * relevant change) and the calendar day (validity is decided per day) are the same, so the cache
 * never serves counts the database would not give; it is per process and bounded in size.
 */
export class FacetCache {
  private readonly entries = new Map<string, Entry>()

  constructor(private readonly maxEntries = 1000) {}

  get(key: string, version: number, day: string): FacetCountRow[] | undefined {
    const entry = this.entries.get(key)
    if (!entry || entry.version !== version || entry.day !== day)
      return undefined
    // Re-insert to mark as recently used (Map keeps insertion order).
    this.entries.delete(key)
    this.entries.set(key, entry)
    return entry.rows
  }

  set(key: string, version: number, day: string, rows: FacetCountRow[]): void {
    this.entries.delete(key)
    this.entries.set(key, { version, day, rows })
    if (this.entries.size > this.maxEntries)
      this.entries.delete(this.entries.keys().next().value as string)
  }
}
