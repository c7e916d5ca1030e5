/** The SQLSTATE of a database error, whichever driver raised it and however Drizzle wrapped it. */
export function sqlState(error: unknown): string | undefined {
  for (let current: unknown = error; current && typeof current === 'object'; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code))
      return code
  }
  return undefined
}

export const UNIQUE_VIOLATION = '23505'
