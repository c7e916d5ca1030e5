/** First position in a sorted array whose value is ≥ `value` (plain string order). */
export function lowerBound(sorted: readonly string[], value: string): number {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if (sorted[middle] < value)
      low = middle + 1
    else
      high = middle
  }
  return low
}

/**
 * Finds the items with a word starting with a prefix ("onl" → "Hundesteuer Online", "bürger-s" →
 * "Bürger-Service") by binary search over the sorted word starts of their folded texts, instead of
 * scanning every text on every keystroke.
 */
export class WordStartIndex<T> {
  private readonly starts: string[] = []
  private readonly items: T[] = []

  /** With `wholeTextOnly`, only the start of each text counts (the text starts with the prefix). */
  constructor(entries: readonly T[], folded: (item: T) => string, { wholeTextOnly = false } = {}) {
    const starts: { text: string, item: T }[] = []
    for (const item of entries) {
      const text = folded(item)
      for (let at = 0; at < text.length; at++) {
        if (at === 0 || (!wholeTextOnly && (text[at - 1] === ' ' || text[at - 1] === '-')))
          starts.push({ text: text.slice(at), item })
      }
    }
    starts.sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    for (const { text, item } of starts) {
      this.starts.push(text)
      this.items.push(item)
    }
  }

  /** Every item with a word starting with `prefix`, each once. */
  find(prefix: string): T[] {
    const found = new Set<T>()
    for (let i = lowerBound(this.starts, prefix); i < this.starts.length && this.starts[i].startsWith(prefix); i++)
      found.add(this.items[i])
    return [...found]
  }
}
