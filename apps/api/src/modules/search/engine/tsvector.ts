/**
 * Reads PostgreSQL's text form of a tsvector (`'hund':1A,4 'steuer':2A,7C`) into lexemes and the
 * weights they occur with. The stemming stays PostgreSQL's (`german` configuration, trigger in
 * migration 0014); the search in memory only needs to know which lexeme occurs in which field.
 */

/** Bit per tsvector weight: A name, B search terms/tags/Themenfelder, C summary, D description. */
export const WEIGHT = { A: 1, B: 2, C: 4, D: 8 } as const

export function parseTsvector(text: string): Map<string, number> {
  const lexemes = new Map<string, number>()
  let i = 0
  while (i < text.length) {
    if (text[i] !== '\'') {
      i++
      continue
    }
    // A quoted lexeme; a quote inside is doubled, a backslash escapes the next character.
    let lexeme = ''
    i++
    while (i < text.length) {
      const char = text[i]
      if (char === '\\') {
        lexeme += text[i + 1] ?? ''
        i += 2
      }
      else if (char === '\'' && text[i + 1] === '\'') {
        lexeme += '\''
        i += 2
      }
      else if (char === '\'') {
        i++
        break
      }
      else {
        lexeme += char
        i++
      }
    }
    // Positions follow after a colon ("1A,4,7C"); a position without a letter, or no position, is weight D.
    let weights: number = WEIGHT.D
    if (text[i] === ':') {
      const end = text.indexOf(' ', i) === -1 ? text.length : text.indexOf(' ', i)
      weights = 0
      for (const position of text.slice(i + 1, end).split(','))
        weights |= WEIGHT[(/[ABC]$/.exec(position)?.[0] ?? 'D') as keyof typeof WEIGHT]
      i = end
    }
    lexemes.set(lexeme, (lexemes.get(lexeme) ?? 0) | weights)
  }
  return lexemes
}
