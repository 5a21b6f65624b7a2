/**
 * The addresses and ports an error text names, and which one the failing operation used: extractors for each tool's
 * way of printing it (Node, curl, Go, psql, Java, Python, Ruby, .NET, nginx ...), generic forms as a fallback, and the
 * spans that name an address that is NOT the target (the client's own end, a resolver, a proxy's request line).
 */
import { canonicalAddress, familyOf, isIPv4, isIPv6 } from '../../net/address.js'
import { mayMatch, type Haystack } from './literal-needles.js'

/** An address and port the text names (not one end of a live connection: that is core/events.ts's `Endpoint`). */
export interface NamedEndpoint {
  address: string | null
  port: number | null
  family: 'IPv4' | 'IPv6' | null
}


export interface Mention {
  address: string | null
  host: string | null
  port: number | null
  score: number
  index: number
  /** A refusal is named on the same line or the line before (psql and curl -v put the address after the error). */
  refused: boolean
}

export const REFUSAL = /ECONNREFUSED|[Cc]onnection refused|Connect call failed|actively refused|Errno 111|Errno 61/

function refusedNear (text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1
  const prevStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart
  let lineEnd = text.indexOf('\n', index)
  if (lineEnd === -1) lineEnd = text.length
  return REFUSAL.test(text.slice(prevStart, Math.min(lineEnd, prevStart + 2000)))
}

/**
 * `0:0:0:0:0:0:0:1` -> `::1`; an IPv4-mapped address stays as written (it tells which socket family printed it).
 * `::1` and `::` are canonical already and are nearly every IPv6 address a localhost error names: they skip
 * canonicalAddress, whose isIP would compile node:net's IPv6 expression (~4 ms on the first call).
 */
function canonicalIPv6 (s: string): string {
  if (s === '::1' || s === '::') return s
  return s.includes('.') || !isIPv6(s) ? s : canonicalAddress(s)
}

const SOURCE_EXT = /\.(?:m?js|cjs|ts|tsx|jsx|py|pyc|java|class|jar|kt|scala|go|rs|rb|c|cc|cpp|h|hpp|cs|php|dart|ex|exs|erl|swift|vue|svelte|json|lua|pl|sh|dll|so|html?|txt|log|ya?ml|toml|conf|sock)$/i
const NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9_-]{1,63}){0,10}$/

/**
 * `s` without its leading `lead` and trailing `trail` characters (quotes, brackets, punctuation around a token). A loop,
 * not `/[…]+$/`: that regex starts again at every character of a long run of them and rescans to the end (a 64 KB run
 * of dots took 4 s).
 */
function stripEnds (s: string, lead: string, trail: string): string {
  let start = 0
  let end = s.length
  while (start < end && lead.includes(s[start]!)) start++
  while (end > start && trail.includes(s[end - 1]!)) end--
  return s.slice(start, end)
}

/** A host that is worth reporting: an IP literal, or a plausible host name (not a file name like `net.js`). */
function cleanHost (raw: string | undefined | null): string | null {
  if (raw == null) return null
  let h = stripEnds(raw.trim(), '\'"(<[', '\'")>],.;')
  if (h.startsWith('[') && h.endsWith(']')) h = h.slice(1, -1)
  h = h.replace(/%[\w.]+$/, '')
  if (h === '' || h.length > 253) return null
  if (isIPv4(h)) return h
  if (isIPv6(h)) return canonicalIPv6(h)
  if (/^\d+$/.test(h) || SOURCE_EXT.test(h) || !NAME.test(h) || !/[A-Za-z]/.test(h)) return null
  // Words, and placeholders people type when they redact a paste: nothing to report or probe.
  if (/^(?:nil|null|none|undefined|true|false|at|hostname|host|yourhost|your-host|your_host|myhost|server|x+)$/i.test(h)) return null
  return h
}

function cleanPort (raw: string | undefined | null): number | null {
  if (raw == null || !/^\d{1,5}$/.test(raw)) return null
  const n = Number(raw)
  return n >= 1 && n <= 65535 ? n : null
}

/**
 * Split a token such as `127.0.0.1:80`, `[::1]:80`, `::1:41599` (Node prints IPv6 without brackets), `:::3000`,
 * `localhost:5173/api`, `tcp:127.0.0.1:80` or a URL into a host and a port.
 */
function splitHostPort (raw: string, portLast = false): { host: string | null, port: number | null } {
  let token = stripEnds(raw.trim(), '\'"(<', '\'")>,.;')
  const url = /^([a-z][a-z0-9+.-]*):\/\/(?:[^@\s/]*@)?(\[[^\]\s]*\]|[^:/\s?#]*)(?::(\d{1,5}))?/i.exec(token)
  if (url) return { host: cleanHost(url[2]!), port: cleanPort(url[3]) }
  token = token.replace(/^(?:tcp|udp|tcp4|tcp6|ipv4|ipv6):(?!:)/i, '').replace(/[/?#].*$/, '')
  const bracket = /^\[([^\]]*)\](?::(\d{1,5}))?/.exec(token)
  if (bracket) return { host: cleanHost(bracket[1]!), port: cleanPort(bracket[2]) }
  const last = token.lastIndexOf(':')
  if (portLast && last > 0 && /^\d{1,5}$/.test(token.slice(last + 1))) {
    // Node prints `::1:41599` and `:::3000`: an IPv6 address, then the port, no brackets.
    const head = token.slice(0, last)
    if (head === '::' || isIPv6(head) || isIPv4(head)) return { host: canonicalIPv6(head), port: cleanPort(token.slice(last + 1)) }
  }
  if (isIPv6(token)) return { host: canonicalIPv6(token), port: null }
  if (last === -1) return { host: cleanHost(token), port: null }
  const head = token.slice(0, last)
  const tail = token.slice(last + 1)
  const port = cleanPort(tail)
  if (port === null) return { host: cleanHost(token), port: null }
  if (head === '') return { host: null, port }
  if (head === '::' || isIPv6(head)) return { host: canonicalIPv6(head), port }
  return { host: cleanHost(head), port }
}

interface Extractor {
  re: RegExp
  score: number
  /** Turn a match into a mention; return null to skip. */
  take: (m: RegExpExecArray) => { host?: string | null, address?: string | null, port?: number | null } | null
}

const hp = (token: string | undefined, portLast = false): { address: string | null, port: number | null } => {
  const { host, port } = splitHostPort(token ?? '', portLast)
  return { address: host, port }
}

/** For bare `name:port` forms: a name that is not a host (`Redis.js:170`, a stack frame) drops the port with it. */
const hostAndPort = (token: string): { address: string | null, port: number | null } | null => {
  const got = hp(token)
  return got.address === null ? null : got
}

/** Where an address is named in a way that says "this is the one the failing operation used". */
export const EXTRACTORS: Extractor[] = [
  // Node: connect ECONNREFUSED ::1:41599 / listen EADDRINUSE: address already in use :::3000 / bind EADDRNOTAVAIL 192.0.2.1
  { re: /\b(?:connect|listen|bind|read|write)[ \t]+E[A-Z_]{3,}(?::[ \t][a-z][a-z ]{0,40})?[ \t]+(\[[0-9a-fA-F:.]{2,45}\](?::\d{1,5})?|[0-9a-fA-F:.]{2,51}|[\w.-]{1,253}:\d{1,5})(?![\w.:-])/g, score: 10, take: (m) => hp(m[1], true) },
  { re: /\b(?:getaddrinfo|lookup|queryA|queryAaaa)[ \t]+E[A-Z_]{3,}[ \t]+([^\s,)'"]+)/g, score: 10, take: (m) => hp(m[1]) },
  // undici: ConnectTimeoutError (attempted address: 127.0.0.1:54881, timeout: 1000ms)
  { re: /attempted address: ([^\s,)]+)/g, score: 10, take: (m) => hp(m[1]) },
  // Node's inspect of the error object
  { re: /\baddress: '([^'\n]{1,100})'(?:,\s*port: (\d{1,5}))?/g, score: 9, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /\bhostname: '([^'\n]{1,100})'/g, score: 9, take: (m) => ({ address: cleanHost(m[1]) }) },
  { re: /remoteAddress: '([^'\n]{1,100})',\s*remotePort: (\d{1,5})/g, score: 8, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // curl: the summary line names what the user asked for; verbose lines name each address tried
  { re: /Failed to connect to (\S+) port (\d{1,5})/g, score: 11, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // (netcat-openbsd: "nc: connect to 127.0.0.1 port 9000 (tcp) failed: …")
  { re: /\bconnect to (\S+) port (\d{1,5})(?: \((?:tcp|udp)\))? failed/g, score: 9, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /Could not resolve host: (\S+)/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
  // wget: "unable to resolve host address ‘api.local’" (its quote() marks, or ASCII ones).
  { re: /\bunable to resolve host address [‘'"`]([^’'"`\s]{1,253})[’'"`]/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
  // OpenSSH: "ssh: connect to host %s port %s: %s" (sshconnect.c), "Connection to %s port %d: %s", "Connection closed
  // by %s port %d", "Connection reset by %s port %d" (packet.c, sshpkt_vfatal) (openssh/openssh-portable).
  { re: /\b(?:connect to host|Connection (?:to|closed by|reset by)) (\S+) port (\d{1,5})\b/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // Go: dial tcp [::1]:41599: connect: ... / listen tcp :80: bind: ... / read tcp A->B: read: ...
  { re: /\b(?:dial|listen|read|write) (?:tcp|udp)[46]? (\S+?):\s/g, score: 10, take: (m) => hp(m[1]!.split('->').pop()) },
  { re: /\blookup ([^\s:]+)(?: on \S+)?: /g, score: 9, take: (m) => ({ address: cleanHost(m[1]) }) },
  // psql: connection to server at "localhost" (::1), port 5432 failed / on host "localhost" (::1) and accepting TCP/IP connections on port 5432
  { re: /server at "([^"\n]{1,255})"(?: \(([^)\n]{1,64})\))?, port (\d{1,5})/g, score: 10, take: (m) => ({ host: cleanHost(m[1]), address: cleanHost(m[2] ?? m[1]), port: cleanPort(m[3]) }) },
  { re: /on host "([^"\n]{1,255})"(?: \(([^)\n]{1,64})\))? and accepting\s+TCP\/IP connections on port (\d{1,5})/g, score: 10, take: (m) => ({ host: cleanHost(m[1]), address: cleanHost(m[2] ?? m[1]), port: cleanPort(m[3]) }) },
  { re: /could not translate host name "([^"\n]{1,255})"/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
  { re: /\.s\.PGSQL\.(\d{1,5})/g, score: 6, take: (m) => ({ port: cleanPort(m[1]) }) },
  // Redis
  { re: /Could not connect to Redis at (\S+?):(\d{1,5}):/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /Error connecting to Redis on (\S+?):(\d{1,5})/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /listening socket (\S+):/g, score: 9, take: (m) => hp(m[1], true) },
  // MySQL / MariaDB
  { re: /connect to (?:MySQL |MariaDB )?server on '([^'\n]{1,255})'/g, score: 9, take: (m) => hp(m[1]) },
  { re: /Unknown (?:MySQL |MariaDB )?server host '([^'\n]{1,255})'/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
  // nginx, Docker
  { re: /\bbind\(\) to (\S+) failed/g, score: 10, take: (m) => hp(m[1]) },
  { re: /\bupstream: "([^"\n]{1,300})"/g, score: 10, take: (m) => hp(m[1]) },
  { re: /Bind for (\S+) failed/g, score: 10, take: (m) => hp(m[1]) },
  // dev-server proxies: the target is the backend, not the dev server's own address
  { re: /proxying request \S+ to (\S+)/g, score: 10, take: (m) => hp(m[1]) },
  { re: /trying to proxy:? (?!request\b)(\S+)/g, score: 9, take: (m) => hp(m[1]) },
  { re: /proxy request \S+ from \S+ to (\S+)/g, score: 10, take: (m) => hp(m[1]) },
  { re: /(?:Failed to proxy|Error occurred proxying) (\S+)/g, score: 9, take: (m) => hp(m[1]) },
  // Python
  { re: /Connect call failed \('([^'\n]{1,100})', (\d{1,5})/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /host='([^'\n]{1,255})', port=(\d{1,5})/g, score: 9, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /\('([^'\n]{1,100})', (\d{1,5})(?:, \d+, \d+)?\)/g, score: 5, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // Java (Netty: localhost/127.0.0.1:8080; Apache HttpClient: Connect to localhost:8080 [localhost/127.0.0.1] failed)
  { re: /(?:Connection refused|Connection timed out|connection timed out|ConnectException)[^\n/]{0,60}?: (?:no further information: )?([\w.-]*)\/(\[[^\]\s]+\]|[0-9a-fA-F.:]+):(\d{1,5})/g, score: 10, take: (m) => ({ host: cleanHost(m[1]), address: cleanHost(m[2]), port: cleanPort(m[3]) }) },
  { re: /Connect to (\S+?):(\d{1,5}) \[(?:[\w.-]*\/)?([^\],\s]+)/g, score: 10, take: (m) => ({ host: cleanHost(m[1]), address: cleanHost(m[3]) ?? cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /UnknownHostException: ([^\s:]+)/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
  // .NET / Windows, Kestrel
  { re: /actively refused it\.?\s*\(?((?:\[[^\]\s]+\]|[\w.-]+):\d{1,5})/g, score: 10, take: (m) => hp(m[1]) },
  { re: /Failed to bind to address (\S+?)[:.]?(?:\s|$)/g, score: 10, take: (m) => hp(m[1]) },
  // Ruby: Failed to open TCP connection to 127.0.0.1:1337 / connect(2) for "localhost" port 8080 / connect(2) for [::1]:6379
  { re: /Failed to open TCP connection to (\S+?)(?: \(|$)/gm, score: 10, take: (m) => hp(m[1]) },
  { re: /connect\(2\) for "([^"\n]{1,255})" port (\d{1,5})/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /connect\(2\) for nil port (\d{1,5})/g, score: 10, take: (m) => ({ port: cleanPort(m[1]) }) },
  { re: /connect\(2\) for (\[[^\]\s]+\]:\d{1,5}|[\w.-]+:\d{1,5})/g, score: 10, take: (m) => hp(m[1]) },
  // Dart, gRPC-style key = value
  { re: /address = ([^,\s]+), port = (\d{1,5})/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // Prisma: Can't reach database server at `localhost`:`5432`
  { re: /`([^`\s]{1,255})`:`(\d{1,5})`/g, score: 9, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  // MongoDB
  { re: /failed to connect to server \[([^\]\n]{1,255})\]/g, score: 9, take: (m) => hp(m[1]) },
  // browsers, busybox wget, wait-on
  { re: /WebSocket connection to '([^'\n]{1,500})'/g, score: 9, take: (m) => hp(m[1]) },
  { re: /\b(?:GET|POST|PUT|DELETE|PATCH|HEAD|OPTIONS) (\S+) net::ERR_/g, score: 9, take: (m) => hp(m[1]) },
  { re: /connection to the server at (\S+?)\.?$/gm, score: 9, take: (m) => hp(m[1]) },
  { re: /can't connect to remote host \(([^)\n]{1,64})\)/g, score: 9, take: (m) => hp(m[1]) },
  { re: /Connecting to \S+ \(([^)\n]{1,64})\)/g, score: 8, take: (m) => hp(m[1]) },
  { re: /Timed out waiting for: (\S+)/g, score: 9, take: (m) => hp(m[1]) },
  { re: /^(\d{1,3}(?:\.\d{1,3}){3}|localhost) refused to connect/gm, score: 9, take: (m) => ({ address: cleanHost(m[1]) }) },
  // Path forms that open a socket, echoed in the program's error: bash's /dev/tcp/host/port and /dev/udp/host/port
  // (bash(1), REDIRECTION), gawk's /inet/tcp/lport/rhost/rport with /inet4, /inet6 and udp (gawk(1), Special File
  // Names; the gawk manual's "TCP/IP Networking"). The host is written bare, IPv6 too (`/dev/tcp/::1/80`); a port may
  // be a service name, which names no number. gawk's server form (rhost 0, rport 0) names no target and gives nothing.
  { re: /(?<![\w/.-])\/dev\/(?:tcp|udp)\/([\w.:%[\]-]{1,253})\/([\w-]{1,32})(?![\w-])/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /(?<![\w/.-])\/inet[46]?\/(?:tcp|udp)\/[\w-]{1,32}\/([\w.:%[\]-]{1,253})\/([\w-]{1,32})(?![\w-])/g, score: 10, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
]

/** Generic forms, used when no context says more. */
export const GENERIC: Extractor[] = [
  { re: /\b(?:https?|wss?|tcp|grpc|postgres(?:ql)?|mysql|mariadb|redis|rediss|mongodb(?:\+srv)?|amqps?):\/\/[^\s'"`]{1,300}/gi, score: 5, take: (m) => hp(m[0]) },
  { re: /\[[0-9a-fA-F:.]{2,45}\]:\d{1,5}\b/g, score: 5, take: (m) => hostAndPort(m[0]) },
  { re: /(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}:\d{1,5}\b/g, score: 5, take: (m) => hostAndPort(m[0]) },
  { re: /\blocalhost:\d{1,5}\b/gi, score: 5, take: (m) => hostAndPort(m[0]) },
  { re: /(?<![\w./-])[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+:\d{1,5}\b/g, score: 3, take: (m) => hostAndPort(m[0]) },
  { re: /\b(?:on |at )?port (\d{1,5})\b/gi, score: 3, take: (m) => ({ port: cleanPort(m[1]) }) },
  { re: /(?<![\w.:])(?:\d{1,3}\.){3}\d{1,3}(?![\w.:])/g, score: 2, take: (m) => ({ address: cleanHost(m[0]) }) },
  { re: /\blocalhost\b/gi, score: 1, take: () => ({ address: 'localhost' }) },
]

/** Addresses that are named but are NOT the target: the client's own end, a resolver, a proxy's own request line. */
export const NOT_TARGET: RegExp[] = [
  /\bclient: \S+/g,
  /\b(?:host|referrer): "[^"\n]*"/g,
  /\blookup \S+ on \S+/g,
  /(?<=\s)\S{1,300}->/g,
  /proxying request \S+/g,
  /proxy request \S+ from \S+/g,
  /localAddress: '[^'\n]*',\s*localPort: \d+/g,
  /\bLocal:\s+\S+/g,
  /\bNetwork:\s+\S+/g,
  /exposing port TCP \S+ -> \S+/g,
]

const MAX_MENTIONS = 200

export function mentionsOf (text: string): Mention[] {
  const out: Mention[] = []
  const taken: Array<[number, number]> = []
  const hay: Haystack = { text }
  for (const re of NOT_TARGET) {
    if (!mayMatch(re, hay)) continue
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null && taken.length < 1000; m = re.exec(text)) {
      taken.push([m.index, m.index + m[0].length])
      if (m[0].length === 0) re.lastIndex++
    }
  }
  const overlaps = (a: number, b: number): boolean => taken.some(([x, y]) => a < y && b > x)
  const run = (list: Extractor[], generic: boolean): void => {
    for (const ex of list) {
      if (!mayMatch(ex.re, hay)) continue
      ex.re.lastIndex = 0
      for (let m = ex.re.exec(text); m !== null && out.length < MAX_MENTIONS; m = ex.re.exec(text)) {
        const end = m.index + m[0].length
        if (m[0].length === 0) ex.re.lastIndex++
        // Generic forms never override a context: skip what a specific form (or a not-the-target span) covers.
        if (generic && overlaps(m.index, end)) continue
        const got = ex.take(m)
        if (got === null) continue
        const address = got.address ?? null
        const port = got.port ?? null
        if (address === null && port === null) continue
        out.push({ address, host: got.host ?? null, port, score: ex.score, index: m.index, refused: refusedNear(text, m.index) })
        if (!generic) taken.push([m.index, end])
      }
    }
  }
  run(EXTRACTORS, false)
  run(GENERIC, true)
  return out
}

export interface Found {
  address: string | null
  host: string | null
  port: number | null
  endpoints: NamedEndpoint[]
  /** Literal addresses named next to a refusal. */
  refusedAddresses: string[]
}

export function choose (mentions: Mention[]): Found {
  const none: Found = { address: null, host: null, port: null, endpoints: [], refusedAddresses: [] }
  if (mentions.length === 0) return none
  const sorted = [...mentions].sort((a, b) => b.score - a.score || a.index - b.index)
  const best = sorted[0]!
  let { address, port } = best
  let host = best.host
  if (address !== null && port === null) {
    // "Can't connect to server on '127.0.0.1'" plus "port 3306" elsewhere: the same endpoint.
    const same = sorted.find((m) => m.port !== null && (m.address === address || m.host === address))
    if (same) port = same.port
    else {
      const portOnly = sorted.find((m) => m.address === null && m.port !== null && m.score >= 3)
      if (portOnly) port = portOnly.port
    }
  }
  if (address === null && port !== null) {
    const same = sorted.find((m) => m.address !== null && m.port === port && m.score >= 5)
    if (same) address = same.address
  }
  if (host === null && address !== null && familyOf(address) === undefined) host = address
  if (host === null && address !== null) {
    const named = sorted.find((m) => m.host !== null && m.address === address)
    if (named) host = named.host
  }
  const seen = new Set<string>()
  const endpoints: NamedEndpoint[] = []
  for (const m of sorted) {
    if (m.score < 5 || m.address === null) continue
    const key = `${m.address}|${m.port ?? ''}`
    if (seen.has(key)) continue
    seen.add(key)
    endpoints.push({ address: m.address, port: m.port, family: familyOf(m.address) ?? null })
  }
  const refusedAddresses = [...new Set(mentions.flatMap((m) => m.refused && m.score >= 5 && m.address !== null ? [m.address] : []))]
  return { address, host, port, endpoints, refusedAddresses }
}


/** The endpoint that names nothing: for empty input, and for explain's own failures. */
export const NOTHING_FOUND: Found = { address: null, host: null, port: null, endpoints: [], refusedAddresses: [] }


// ---- announcements: a program saying where it listens --------------------------------------------------------------

export interface Announcement {
  /** The address as announced (a literal, a name such as `localhost`, or a container's id), cleaned. */
  address: string | null
  port: number | null
  /** 1-based line. */
  line: number
  text: string
}

/** How servers and dev tools say where they listen (Express/Fastify/Go/uvicorn "listening on", Vite/CRA "Local:"). */
const ANNOUNCES: RegExp[] = [
  /\b(?:listening|listens|running|serving|served|started|available|ready|bound|accepting connections)\b[^\n]{0,80}?\b(?:on|at|from)\b:?[ \t]+(?:[a-z][a-z0-9+.-]{0,15}:\/\/)?(\[[0-9a-fA-F:.]{2,45}\](?::\d{1,5})?|[\w.-]{1,253}:\d{1,5}|[0-9a-fA-F:]{2,39}:\d{1,5})/gi,
  /^[^\n]{0,40}?(?:Local|Network|On Your Network|Loopback|External):[ \t]+([a-z][a-z0-9+.-]{0,15}:\/\/\S{1,300})/gim,
  /\bServing HTTPS? on (\S{1,60}) port (\d{1,5})/g,
  // A server that names only its port: MongoDB's "[initandlisten] waiting for connections on port 27017" (the line its
  // manual says to look for, mongodb/docs install pages), MySQL's "ready for connections. Version: '…'  socket: '…'
  // port: 3306" (ER_SERVER_STARTUP_MSG, logged by mysql/mysql-server sql/mysqld.cc). The empty group is the
  // host it does not name.
  /\b(?:waiting|ready)[ \t]+for[ \t]+connections\b[^\n]{0,80}?\bport\b:?[ \t]*()(\d{1,5})\b/gi,
]

/** Every place the text announces a listening address. */
export function announcementsOf (text: string): Announcement[] {
  const out: Announcement[] = []
  for (const re of ANNOUNCES) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null && out.length < 50; m = re.exec(text)) {
      const got = m[2] !== undefined ? { host: cleanHost(m[1]), port: cleanPort(m[2]) } : splitHostPort(m[1]!, true)
      if (got.host === null && got.port === null) continue
      const line = text.slice(0, m.index).split('\n').length
      out.push({ address: got.host, port: got.port, line, text: m[0].trim().slice(0, 120) })
    }
  }
  return out
}

/** For tests and benchmarks. */
export const announcePatterns = (): RegExp[] => [...ANNOUNCES]

/** A Docker container's short id, which Docker sets as the container's host name. */
export const CONTAINER_ID = /^[0-9a-f]{12}$/
