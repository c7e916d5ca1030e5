import { describe, expect, it } from 'vitest'
import { editDistance } from '../../../src/modules/search/analyze.ts'

/** The full table, without rolling rows or early exit: what the capped version must agree with. */
function referenceDistance(a: string, b: string): number {
  const table = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)))
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      table[i][j] = Math.min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        table[i][j] = Math.min(table[i][j], table[i - 2][j - 2] + 1)
    }
  }
  return table[a.length][b.length]
}

describe('edit distance for "Meinten Sie …?"', () => {
  it('counts a transposition as one edit', () => {
    expect(editDistance('wohngled', 'wohngeld', 2)).toBe(1)
    expect(editDistance('hundesteur', 'hundesteuer', 2)).toBe(1)
    expect(editDistance('kita', 'kita', 1)).toBe(0)
    expect(editDistance('kita', 'abfall', 2)).toBe(3)
  })

  it('agrees with the full table up to the cap, and reports cap + 1 beyond it', () => {
    // Deterministic pseudo-random words over a small alphabet, so that near misses are common.
    let seed = 42
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const word = () => Array.from({ length: 2 + Math.floor(random() * 8) }, () => 'aebnrst'[Math.floor(random() * 7)]).join('')
    // A word with a few random slips: distances around the cap, where the band of the table matters.
    const slipped = (text: string) => {
      let result = text
      for (let slips = 1 + Math.floor(random() * 3); slips > 0; slips--) {
        const at = Math.floor(random() * result.length)
        const letter = 'aebnrst'[Math.floor(random() * 7)]
        const kind = Math.floor(random() * 4)
        result = kind === 0
          ? result.slice(0, at) + result.slice(at + 1)
          : kind === 1
            ? result.slice(0, at) + letter + result.slice(at)
            : kind === 2
              ? result.slice(0, at) + letter + result.slice(at + 1)
              : result.slice(0, at) + result.slice(at + 1, at + 2) + result.slice(at, at + 1) + result.slice(at + 2)
      }
      return result
    }
    for (let n = 0; n < 6000; n++) {
      const a = word()
      const [b, cap] = [n % 2 === 0 ? word() : slipped(a), 1 + Math.floor(random() * 3)]
      const expected = referenceDistance(a, b)
      expect(editDistance(a, b, cap), `${a} / ${b} (cap ${cap})`).toBe(expected <= cap ? expected : cap + 1)
    }
  })
})
