/**
 * Splits `totalCents` into whole cents in proportion to `weights`, so that the parts sum exactly to
 * the total. Uses the Sainte-Laguë/Schepers divisor method (the one the Bundestag uses for seats):
 * every part is `round(weight / divisor)` for one common divisor.
 *
 * Why not plain largest remainder (Hare–Niemeyer)? It can make a subscriber pay one cent *more*
 * when another one joins (the "new states paradox"; the property test in
 * `test/modules/cost-sharing/apportion.test.ts` shows a case). A divisor method cannot: a new
 * participant only raises the divisor, so no existing part grows. The price: each part is within
 * half a cent of weight ÷ divisor, not of the exact pro-rata amount. When many small participants
 * round the same way, a large one can be a few cents off it (at most ½ + its share × n/2 cents).
 *
 * Weights are non-negative integers (BigInt, so that population × days cannot overflow). Ties go to
 * the participant listed first, so callers pass participants in a stable order.
 */
export function apportion(totalCents: number, weights: readonly bigint[]): number[] {
  if (!Number.isSafeInteger(totalCents) || totalCents < 0)
    throw new RangeError(`total must be a non-negative integer number of cents, got ${totalCents}`)
  if (weights.some(weight => weight < 0n))
    throw new RangeError('weights must not be negative')
  const weightSum = weights.reduce((sum, weight) => sum + weight, 0n)
  if (weights.length === 0 || weightSum === 0n) {
    if (totalCents === 0)
      return weights.map(() => 0)
    throw new RangeError('a positive total needs at least one positive weight')
  }

  const total = BigInt(totalCents)
  // Start from the exact quotas rounded half up, then move single cents where the divisor rule says.
  const parts = weights.map(weight => (2n * total * weight + weightSum) / (2n * weightSum))
  let assigned = parts.reduce((sum, part) => sum + part, 0n)

  while (assigned < total) {
    // The next cent goes to the highest weight / (part + ½): compare w_i·(2p_j + 1) with w_j·(2p_i + 1).
    let best = -1
    for (let i = 0; i < weights.length; i++) {
      if (weights[i] === 0n)
        continue
      if (best < 0 || weights[i] * (2n * parts[best] + 1n) > weights[best] * (2n * parts[i] + 1n))
        best = i
    }
    parts[best] += 1n
    assigned += 1n
  }
  while (assigned > total) {
    // The cent to take back comes from the lowest weight / (part − ½); ties take from the last listed.
    let worst = -1
    for (let i = 0; i < weights.length; i++) {
      if (parts[i] === 0n)
        continue
      if (worst < 0 || weights[i] * (2n * parts[worst] - 1n) <= weights[worst] * (2n * parts[i] - 1n))
        worst = i
    }
    parts[worst] -= 1n
    assigned -= 1n
  }
  return parts.map(Number)
}

