import { describe, expect, it } from 'vitest'
import { WordStartIndex } from '../../../src/modules/search/prefix.ts'

const names = ['hundesteuer fiffi', 'burger-service online', 'e-akte', 'kita-platz portal', 'abfallkalender', 'wahlhelfer verwaltung', 'ratsinformationssystem', 'online-termin', 'a b c']

describe('word starts for autocomplete', () => {
  it('finds exactly the texts with a word starting with the prefix, each once', () => {
    const index = new WordStartIndex(names, name => name)
    const naive = (prefix: string) => names.filter(name => name.startsWith(prefix) || name.includes(` ${prefix}`) || name.includes(`-${prefix}`))
    const prefixes = new Set([...names.flatMap(name => Array.from({ length: name.length }, (_, end) => name.slice(0, end + 1))), 'x', 'onl', 'service', 'platz p'])
    for (const name of names) {
      for (let at = 0; at < name.length; at++)
        prefixes.add(name.slice(at, at + 3))
    }
    for (const prefix of prefixes)
      expect(index.find(prefix).sort(), prefix).toEqual(naive(prefix).sort())
    expect(index.find('onl').sort()).toEqual(['burger-service online', 'online-termin'])
  })

  it('matches only the start of the whole text when asked to', () => {
    const index = new WordStartIndex(names, name => name, { wholeTextOnly: true })
    expect(index.find('online')).toEqual(['online-termin'])
    expect(index.find('termin')).toEqual([])
  })
})
