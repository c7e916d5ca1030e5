import { licenseIdConformance } from '@nodesecure/licenses-conformance'
import parse from 'spdx-expression-parse'

export interface LicenseCheck {
  ok: boolean
  problem?: string
  /** Why not: no valid SPDX expression, or licences in it that are not open source. */
  reason?: 'invalid' | 'not_open_source'
  licenses?: string[]
}

type Node = { license: string, plus?: boolean, exception?: string } | { left: Node, conjunction: 'and' | 'or', right: Node }

function licensesIn(node: Node): string[] {
  return 'license' in node ? [node.license] : [...licensesIn(node.left), ...licensesIn(node.right)]
}

/** OSI-approved or FSF-free, from the SPDX License List data in @nodesecure/licenses-conformance. */
function isOpenSource(id: string): boolean {
  const result = licenseIdConformance(id)
  // The library corrects near-misses ("GPL" → "NGPL"); only an exact identifier counts here.
  return result.ok && result.value.uniqueLicenseIds.length === 1 && result.value.uniqueLicenseIds[0] === id
    && Boolean(result.value.spdx?.osi || result.value.spdx?.fsf)
}

/**
 * An SPDX expression is accepted when it parses strictly (spdx-expression-parse) and every licence in
 * it is OSI-approved or FSF-free.
 */
export function checkLicenseExpression(expression: string): LicenseCheck {
  let tree: Node
  try {
    tree = parse(expression) as Node
  }
  catch {
    return { ok: false, reason: 'invalid', problem: `"${expression}" is not a valid SPDX licence expression (e.g. "EUPL-1.2" or "AGPL-3.0-or-later OR MIT").` }
  }
  const notOpenSource = licensesIn(tree).filter(id => !isOpenSource(id))
  if (notOpenSource.length > 0)
    return { ok: false, reason: 'not_open_source', licenses: notOpenSource, problem: `Neither OSI-approved nor FSF-free: ${notOpenSource.join(', ')}.` }
  return { ok: true }
}
