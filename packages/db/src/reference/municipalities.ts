import { readFileSync } from 'node:fs'

export interface Municipality {
  ags: string
  ars: string
  /** Official Destatis spelling, e.g. "Köln, Stadt". */
  officialName: string
  /** Name as people say it, e.g. "Köln". */
  name: string
  landCode: string
  population: number
}

const csvPath = new URL('../../data/gemeinden-zensus2022.csv', import.meta.url)

/** Strips the Destatis suffix (", Stadt", ", Landeshauptstadt", ", M" …); parenthesised disambiguators stay. */
export function displayName(officialName: string): string {
  const comma = officialName.indexOf(', ')
  return comma === -1 ? officialName : officialName.slice(0, comma)
}

function parseLine(line: string): string[] {
  const fields: string[] = []
  let current = ''
  let quoted = false
  for (const char of line) {
    if (char === '"')
      quoted = !quoted
    else if (char === ',' && !quoted) {
      fields.push(current)
      current = ''
    }
    else {
      current += char
    }
  }
  fields.push(current)
  return fields
}

let cache: Municipality[] | undefined

/** All 10,786 municipalities of Zensus 2022 (see data/README.md for source and licence). */
export function loadMunicipalities(): Municipality[] {
  if (cache)
    return cache
  const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1)
  cache = lines.map((line) => {
    const [ags, ars, officialName, landCode, population] = parseLine(line)
    return { ags, ars, officialName, name: displayName(officialName), landCode, population: Number(population) }
  })
  return cache
}

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .replaceAll('ä', 'ae')
    .replaceAll('ö', 'oe')
    .replaceAll('ü', 'ue')
    .replaceAll('ß', 'ss')
    .normalize('NFKD')
    .replace(/[\u0300-\u036F]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
}
