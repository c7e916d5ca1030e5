import parse from 'spdx-expression-parse'
import spdxLicenses from 'spdx-license-list'

export interface LicenseCheck {
  ok: boolean
  problem?: string
}

type Node = { license: string, plus?: boolean, exception?: string } | { left: Node, conjunction: 'and' | 'or', right: Node }

function licensesIn(node: Node): string[] {
  return 'license' in node ? [node.license] : [...licensesIn(node.left), ...licensesIn(node.right)]
}

/**
 * An SPDX expression is accepted when it parses and every licence in it is on the SPDX list and
 * OSI-approved (data: spdx-expression-parse and spdx-license-list, both following the SPDX License List).
 */
export function checkLicenseExpression(expression: string): LicenseCheck {
  let tree: Node
  try {
    tree = parse(expression) as Node
  }
  catch {
    return { ok: false, problem: `"${expression}" is not a valid SPDX licence expression (e.g. "EUPL-1.2" or "AGPL-3.0-or-later OR MIT").` }
  }
  const notOpenSource = licensesIn(tree).filter(id => !(spdxLicenses as Record<string, { osiApproved: boolean } | undefined>)[id]?.osiApproved)
  if (notOpenSource.length > 0)
    return { ok: false, problem: `Not an OSI-approved open-source licence: ${notOpenSource.join(', ')}.` }
  return { ok: true }
}
