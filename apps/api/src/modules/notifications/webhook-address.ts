import { lookup } from 'node:dns/promises'
import { BlockList, isIP } from 'node:net'

/** Addresses a webhook must not reach from the server in production: loopback, private, link-local, reserved. */
const internal = new BlockList()
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const)
  internal.addSubnet(network, prefix, 'ipv4')
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const)
  internal.addSubnet(network, prefix, 'ipv6')

function isInternal(address: string): boolean {
  // IPv4 written as IPv6 (::ffff:10.0.0.1) is checked as IPv4.
  const mapped = address.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i)?.[1]
  if (mapped)
    return internal.check(mapped, 'ipv4')
  return internal.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4')
}

/**
 * Why the server must not call this host, or undefined when it may: every address the name resolves
 * to must be public, so that a webhook cannot be aimed at the store's own network (SSRF).
 */
export async function internalAddressProblem(hostname: string): Promise<string | undefined> {
  const host = hostname.replace(/^\[|\]$/g, '')
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true }).catch(() => [])).map(entry => entry.address)
  if (addresses.length === 0)
    return `The host "${host}" cannot be resolved.`
  const blocked = addresses.find(isInternal)
  return blocked ? `The host "${host}" points to a local or private address (${blocked}), which the store does not call.` : undefined
}
