import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { apportion } from '../../../src/modules/cost-sharing/apportion.ts'

/** Plain largest remainder (Hare–Niemeyer), to show why the store does not use it. */
function largestRemainder(totalCents: number, weights: readonly bigint[]): number[] {
  const total = BigInt(totalCents)
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n)
  const parts = weights.map(weight => (total * weight) / weightSum)
  const order = weights.map((weight, i) => ({ i, remainder: total * weight - parts[i] * weightSum }))
    .sort((a, b) => (a.remainder === b.remainder ? a.i - b.i : a.remainder > b.remainder ? -1 : 1))
  let left = total - parts.reduce((sum, part) => sum + part, 0n)
  for (const { i } of order) {
    if (left === 0n)
      break
    parts[i] += 1n
    left -= 1n
  }
  return parts.map(Number)
}

const sum = (parts: number[]) => parts.reduce((a, b) => a + b, 0)
const cents = fc.integer({ min: 0, max: 50_000_000_00 })
// Weights like population × days: up to 3.7 million inhabitants × 366 days, with many small ones.
const weight = fc.oneof(fc.bigInt({ min: 1n, max: 400n }), fc.bigInt({ min: 1n, max: 3_700_000n * 366n }))
const weights = fc.array(weight, { minLength: 1, maxLength: 40 })

describe('apportion (Sainte-Laguë/Schepers)', () => {
  it('splits a known case exactly', () => {
    expect(apportion(100, [1n, 1n, 1n])).toEqual([34, 33, 33])
    expect(apportion(1_000_000, [3n, 1n])).toEqual([750_000, 250_000])
    expect(apportion(0, [0n, 0n])).toEqual([0, 0])
    expect(() => apportion(5, [0n])).toThrow(RangeError)
    expect(() => apportion(1.5, [1n])).toThrow(RangeError)
  })

  it('parts always sum exactly to the total', () => {
    fc.assert(fc.property(cents, weights, (total, w) => sum(apportion(total, w)) === total))
  })

  it('nobody pays more when another subscriber joins, wherever the newcomer is listed', () => {
    fc.assert(fc.property(cents, weights, weight, fc.nat(), (total, w, newcomer, at) => {
      const position = at % (w.length + 1)
      const before = apportion(total, w)
      const after = apportion(total, [...w.slice(0, position), newcomer, ...w.slice(position)])
      after.splice(position, 1)
      return after.every((part, i) => part <= before[i])
    }), { numRuns: 2000 })
  })

  it('follows the key: a larger weight never pays less, equal weights differ by at most one cent, zero weight pays nothing', () => {
    fc.assert(fc.property(cents, weights, fc.nat(), (total, w, zeroAt) => {
      const withZero = [...w]
      withZero.splice(zeroAt % (w.length + 1), 0, 0n)
      const parts = apportion(total, withZero)
      return withZero.every((wi, i) => withZero.every((wj, j) => {
        if (wi > wj)
          return parts[i] >= parts[j]
        if (wi === wj)
          return Math.abs(parts[i] - parts[j]) <= 1
        return true
      })) && parts[withZero.indexOf(0n)] === 0
    }))
  })

  it('stays as close to the exact pro-rata amount as rounding to a common divisor allows', () => {
    // A divisor method may miss the exact amount by more than a cent: here five small subscribers
    // each round down by 0.43 cents, and the large one (exactly 107,344.996 cents) takes those cents.
    expect(apportion(107_950, [1n, 1n, 1n, 3n, 1242n, 1n])).toEqual([86, 86, 86, 259, 107_347, 86])
    // Each part is within ½ cent of weight ÷ divisor, and the n roundings move the divisor, so a part
    // is within ½ + share × n/2 cents of the exact amount (compared in integers: × 2 × weight sum).
    fc.assert(fc.property(cents, weights, (total, w) => {
      const weightSum = w.reduce((a, b) => a + b, 0n)
      const n = BigInt(w.length)
      return apportion(total, w).every((part, i) => {
        const offBy = 2n * weightSum * BigInt(part) - 2n * BigInt(total) * w[i]
        return (offBy < 0n ? -offBy : offBy) <= weightSum + w[i] * n
      })
    }), { numRuns: 2000 })
  })

  it('largest remainder would break "nobody pays more when another joins" (so it is not used)', () => {
    const before = largestRemainder(13, [28n, 7n, 42n, 3n])
    const after = largestRemainder(13, [28n, 7n, 42n, 3n, 2n])
    expect(after[3]).toBeGreaterThan(before[3])
    expect(apportion(13, [28n, 7n, 42n, 3n, 2n])[3]).toBeLessThanOrEqual(apportion(13, [28n, 7n, 42n, 3n])[3])
  })
})
