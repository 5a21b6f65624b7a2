import { networkInterfaces } from 'node:os'
import type { Family } from '../core/events.js'

/** The family of a literal address (as node:net's isIP reads it), or undefined for a name such as `localhost`. */
export function familyOf (address: string | null | undefined): Family | undefined {
  if (address == null) return undefined
  return isIPv4(address) ? 'IPv4' : isIPv6(address) ? 'IPv6' : undefined
}

/** A dotted quad as node:net's isIPv4 accepts it: four decimal octets 0-255, no leading zeros. */
export function isIPv4 (s: string): boolean {
  const parts = s.split('.')
  return parts.length === 4 && parts.every(isOctet)
}

function isOctet (p: string): boolean {
  if (p.length === 0 || p.length > 3 || (p.length > 1 && p[0] === '0')) return false
  for (let i = 0; i < p.length; i++) { const c = p.charCodeAt(i); if (c < 48 || c > 57) return false }
  return Number(p) <= 255
}

function isHexGroup (g: string): boolean {
  if (g.length === 0 || g.length > 4) return false
  for (let i = 0; i < g.length; i++) {
    const c = g.charCodeAt(i)
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102))) return false
  }
  return true
}

const ZONE_CHAR = /^[0-9a-zA-Z.:-]+$/

/**
 * An IPv6 literal as node:net's isIPv6 accepts it (eight groups, or fewer around one `::`, an IPv4 tail, a `%zone`).
 * Written out because isIP's IPv6 regular expression is large: compiling it on its first call cost every `explain`
 * ~4 ms and every `probe` and `check` 3–5 ms (issue 15). test/explain-needles.test.ts holds familyOf to node:net's
 * isIP with fast-check.
 */
export function isIPv6 (s: string): boolean {
  const cut = s.indexOf('%')
  if (cut !== -1 && !ZONE_CHAR.test(s.slice(cut + 1))) return false
  const a = cut === -1 ? s : s.slice(0, cut)
  const gap = a.indexOf('::')
  if (gap !== -1 && a.indexOf('::', gap + 1) !== -1) return false
  const groups = (part: string): string[] => part === '' ? [] : part.split(':')
  const left = gap === -1 ? groups(a) : groups(a.slice(0, gap))
  const right = gap === -1 ? [] : groups(a.slice(gap + 2))
  const all = gap === -1 ? left : right
  const last = all[all.length - 1]
  const v4 = last !== undefined && last.includes('.')
  if (v4 && !isIPv4(last)) return false
  if (v4) all.pop()
  if (!left.every(isHexGroup) || !right.every(isHexGroup)) return false
  const n = left.length + right.length + (v4 ? 2 : 0)
  return gap === -1 ? n === 8 : n <= 7
}


/** This machine's own address in each family: where a client goes for "loopback". */
export function loopbackAddress (family: Family): '127.0.0.1' | '::1' {
  return family === 'IPv4' ? '127.0.0.1' : '::1'
}

/**
 * RFC 5952 text of eight IPv6 groups (hex strings): leading zeros dropped, lower case, the longest run of two or more
 * zero groups (the first, on a tie) written `::`.
 */
export function formatIPv6 (groups: readonly string[]): string {
  const g = groups.map((x) => x.replace(/^0+(?=.)/, '').toLowerCase())
  let best = -1
  let bestLen = 0
  for (let i = 0; i < g.length;) {
    if (g[i] !== '0') { i++; continue }
    let j = i
    while (j < g.length && g[j] === '0') j++
    if (j - i > bestLen && j - i > 1) { best = i; bestLen = j - i }
    i = j
  }
  if (best < 0) return g.join(':')
  return `${g.slice(0, best).join(':')}::${g.slice(best + bestLen).join(':')}`
}

/** The eight groups of a valid IPv6 literal without zone, `::` expanded and a dotted IPv4 tail turned into two groups. */
function ipv6Groups (address: string): string[] {
  let text = address
  const tail: string[] = []
  if (text.includes('.')) {
    const cut = text.lastIndexOf(':')
    const [a, b, c, d] = text.slice(cut + 1).split('.').map(Number) as [number, number, number, number]
    tail.push(((a << 8) | b).toString(16), ((c << 8) | d).toString(16))
    text = text.endsWith('::', cut + 1) ? text.slice(0, cut + 1) : text.slice(0, cut)
  }
  const [head = '', rest] = text.split('::')
  const left = head === '' ? [] : head.split(':')
  const right = rest === undefined || rest === '' ? [] : rest.split(':')
  const fill = rest === undefined ? [] : new Array<string>(8 - left.length - right.length - tail.length).fill('0')
  return [...left, ...fill, ...right, ...tail]
}

/**
 * One spelling per address, so that two spellings of one address compare equal: brackets removed (`[::1]`), lower
 * case, IPv6 compressed as RFC 5952 writes it (`0:0:0:0:0:0:0:1` is `::1`), and an IPv4-mapped IPv6 address written as
 * the IPv4 address it maps (`::ffff:127.0.0.1` is `127.0.0.1`: a dual-stack socket reports IPv4 peers that way). A zone
 * (`fe80::1%eth0`) is kept. A name is only lower-cased.
 */
export function canonicalAddress (text: string): string {
  let a = text
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1)
  const cut = a.indexOf('%')
  const zone = cut < 0 ? '' : a.slice(cut)
  const bare = (cut < 0 ? a : a.slice(0, cut)).toLowerCase()
  if (!isIPv6(bare)) return `${bare}${zone}`
  const g = ipv6Groups(bare)
  if (g.slice(0, 5).every((x) => Number.parseInt(x, 16) === 0) && Number.parseInt(g[5]!, 16) === 0xffff) {
    const hi = Number.parseInt(g[6]!, 16)
    const lo = Number.parseInt(g[7]!, 16)
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}${zone}`
  }
  return `${formatIPv6(g)}${zone}`
}

/** The literal as written, without brackets or zone: what `isIP` reads. */
function literal (text: string): string {
  return (text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text).split('%')[0]!
}

/**
 * A loopback address (127.0.0.0/8, `::1`, and either one IPv4-mapped), however it is spelled. With `family`, only one
 * of that family as written (`::ffff:127.0.0.1` is an IPv6 literal). Addresses only: names are `isLocalhostName`'s.
 */
export function isLoopback (address: string, family?: Family): boolean {
  if (family !== undefined && familyOf(literal(address)) !== family) return false
  const a = canonicalAddress(literal(address))
  return a === '::1' || (isIPv4(a) && a.startsWith('127.'))
}

/**
 * The any-address of either family (`0.0.0.0`, `::`, also IPv4-mapped): a listening address that means "every
 * interface of the machine", never a destination of its own.
 */
export function isAnyAddress (address: string): boolean {
  const a = canonicalAddress(literal(address))
  return a === '0.0.0.0' || a === '::'
}

/** An IPv4 address of a private network (RFC 1918: 10/8, 172.16/12, 192.168/16): a LAN's, or a container network's. */
export function isPrivateIPv4 (address: string): boolean {
  const a = canonicalAddress(literal(address))
  return isIPv4(a) && /^(?:10\.|172\.(?:1[6-9]|2\d|3[01])\.|192\.168\.)/.test(a)
}

/** `localhost` and `*.localhost` (RFC 6761): names that always mean this machine, resolved without asking DNS. */
export function isLocalhostName (host: string): boolean {
  const h = host.toLowerCase()
  return h === 'localhost' || h.endsWith('.localhost')
}

/** `127.0.0.1:80` or `[::1]:80`. */
export function hostPort (address: string, port: number | string): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`
}

/**
 * Read `host:port` as tools print it: the port after the last colon, the host bracketed (`[::1]:80`) or carrying a
 * zone (`127.0.0.53%lo:53`, and ss's `[fe80::1]%eth0:22`, zone after the bracket). Null when there is no port 0-65535.
 * For what a user types, with errors that say what is wrong, see `parseTarget`.
 */
export function parseHostPort (text: string): { host: string, port: number } | null {
  const i = text.lastIndexOf(':')
  if (i <= 0) return null
  const port = Number(text.slice(i + 1))
  if (!Number.isInteger(port) || port < 0 || port > 65535 || text.slice(i + 1) === '') return null
  let host = text.slice(0, i)
  if (host.startsWith('[')) {
    const close = host.indexOf(']')
    host = host.slice(1, close) + host.slice(close + 1)
  }
  return { host, port }
}


/** The addresses of this machine's interfaces, canonical and without zone, read now (interfaces come and go). */
export function localAddresses (): Set<string> {
  const set = new Set<string>()
  for (const list of Object.values(networkInterfaces())) for (const i of list ?? []) set.add(canonicalAddress(literal(i.address)))
  return set
}

/** Does this machine have this address (e.g. `::1`, absent when IPv6 is disabled)? */
export function hasLocalAddress (address: string): boolean {
  return localAddresses().has(canonicalAddress(literal(address)))
}

/**
 * Where a service listens, as every kind of service reports it: the address and port the OS gave it, their family, and
 * the URL a client would use (`http://127.0.0.1:40123`, `tcp://[::1]:40124`). Declared once; services extend it.
 */
export interface ServiceAddress {
  address: string
  port: number
  family: Family
  url: string
}
