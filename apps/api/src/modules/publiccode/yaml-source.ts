import type { Node } from 'yaml'
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml'

export type YamlPath = (string | number)[]

const MAX_SYNTAX_ERRORS = 20

/** Where a finding is in the file (1-based), so a person can go there. */
export interface SourcePosition {
  line: number
  column: number
}

export interface YamlSource {
  /** The document as plain values (scalars as YAML 1.2 reads them: an unquoted 0.4 is a number). */
  value: unknown
  /** Position of the key at `path`, or of the nearest enclosing key when `path` is absent. */
  locate: (path: YamlPath) => SourcePosition
}

export interface YamlSyntaxError extends SourcePosition {
  message: string
}

/** `legal.license`, `maintenance.contractors[0].until`. */
export function formatPath(path: YamlPath): string {
  return path.reduce<string>((text, part) => typeof part === 'number' ? `${text}[${part}]` : text ? `${text}.${part}` : part, '')
}

/**
 * Parses YAML keeping node positions. Syntax errors come back all at once, with their positions.
 * Aliases are capped, so a "billion laughs" file fails instead of eating memory.
 */
export function parseYamlSource(text: string): { source: YamlSource, errors: [] } | { source: null, errors: YamlSyntaxError[] } {
  const lineCounter = new LineCounter()
  const document = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false })
  if (document.errors.length > 0) {
    return {
      source: null,
      // A broken file can produce an error per line; the first ones are what a person fixes first.
      errors: document.errors.slice(0, MAX_SYNTAX_ERRORS).map((error) => {
        const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0])
        // yaml's messages end with a source excerpt after a colon and newline; keep the sentence.
        return { line: position.line, column: position.col, message: error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') }
      }),
    }
  }
  let value: unknown
  try {
    value = document.toJS({ maxAliasCount: 100 })
  }
  catch (error) {
    return { source: null, errors: [{ line: 1, column: 1, message: (error as Error).message }] }
  }
  const position = (node: Node | null | undefined): SourcePosition | null => {
    if (!node?.range)
      return null
    const { line, col } = lineCounter.linePos(node.range[0])
    return { line, column: col }
  }
  const locate = (path: YamlPath): SourcePosition => {
    let node: unknown = document.contents
    let found: SourcePosition = position(document.contents as Node) ?? { line: 1, column: 1 }
    for (const part of path) {
      if (isMap(node)) {
        const pair = node.items.find(item => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part))
        if (!pair)
          break
        found = position(pair.key as Node) ?? found
        node = pair.value
      }
      else if (isSeq(node) && typeof part === 'number' && node.items[part]) {
        node = node.items[part]
        found = position(node as Node) ?? found
      }
      else {
        break
      }
    }
    return found
  }
  return { source: { value, locate }, errors: [] }
}
