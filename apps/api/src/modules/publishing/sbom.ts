/**
 * Structural check of a CycloneDX SBOM (JSON format, spec 1.4–1.6): the fields every consumer relies on.
 * Returns the problems found; empty means valid.
 */
export function sbomProblems(sbom: Record<string, unknown>): string[] {
  const problems: string[] = []
  if (sbom.bomFormat !== 'CycloneDX')
    problems.push('bomFormat must be "CycloneDX"')
  if (!['1.4', '1.5', '1.6'].includes(String(sbom.specVersion)))
    problems.push('specVersion must be 1.4, 1.5 or 1.6')
  if (sbom.version !== undefined && (!Number.isInteger(sbom.version) || (sbom.version as number) < 1))
    problems.push('version must be a positive integer')
  if (sbom.components !== undefined) {
    if (!Array.isArray(sbom.components)) {
      problems.push('components must be an array')
    }
    else {
      sbom.components.forEach((component: unknown, index) => {
        const c = component as Record<string, unknown> | null
        if (!c || typeof c !== 'object' || typeof c.name !== 'string' || typeof c.type !== 'string')
          problems.push(`components[${index}] needs a type and a name`)
      })
    }
  }
  return problems
}
