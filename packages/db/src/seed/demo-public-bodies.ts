import type { Municipality } from '../reference/municipalities.ts'
import { loadMunicipalities } from '../reference/municipalities.ts'

/**
 * The municipalities of the demo: every city with 100,000 inhabitants or more, plus in each Land
 * an even spread of smaller municipalities, so that "municipalities of my size in my Land" has answers.
 * Real AGS, names and Zensus 2022 populations.
 */
export function selectDemoMunicipalities(smallPerLand = 10): Municipality[] {
  const all = loadMunicipalities()
  const large = all.filter(m => m.population >= 100_000)
  const small: Municipality[] = []
  for (let land = 1; land <= 16; land++) {
    const landCode = String(land).padStart(2, '0')
    const candidates = all.filter(m => m.landCode === landCode && m.population >= 1_000 && m.population < 100_000)
    const step = Math.max(1, Math.floor(candidates.length / smallPerLand))
    for (let index = 0; index < candidates.length && index / step < smallPerLand; index += step)
      small.push(candidates[index])
  }
  return [...large, ...small]
}
