/**
 * explain: turn an error text someone pasted (from any client: Node, curl, Python, Java, Go, Rust, .NET, databases,
 * proxies, browsers) into ranked candidate causes, each with the scenario that reproduces it, plus the address and port
 * the text names. Synchronous, no network, never throws, bounded time on any input; the one thing it reads is where
 * this package is installed (once, by cli/invocation.ts), so each `command` and hint works where the user is.
 *
 * How it decides: every signature (./signatures.ts, data) scores the text by its patterns; then a few rules that need
 * the extracted address add what the text alone cannot tell apart (a refused ::1 after `localhost` is most likely the
 * IPv6 trap; a refused 127.0.0.1 may also be "not ready yet" or "in a container"), ranked.
 */
import { canonicalAddress, familyOf } from '../../net/address.js'
import { demoCommand, localiseCommands } from '../../core/invocation.js'
import { KINDS, PRECEDENCE, SIGNATURES, signatureOf, type Kind, type ScenarioId, type Signature } from './signatures.js'

export type { Kind, ScenarioId } from './signatures.js'

export interface Candidate {
  kind: Kind
  scenario: ScenarioId
  /** 0..1, how well the text supports this cause; candidates are sorted by it, highest first. */
  confidence: number
  title: string
  why: string
  fix: string
  /** The exact command that reproduces this failure on real sockets. */
  command: string
  /** The fragments of the text that pointed here. */
  evidence: string[]
}

/** An address and port the text names (not one end of a live connection: that is core/events.ts's `Endpoint`). */
export interface NamedEndpoint {
  address: string | null
  port: number | null
  family: 'IPv4' | 'IPv6' | null
}

export interface ExplainResult {
  candidates: Candidate[]
  /** The address the failing operation used, as the text names it (a literal such as `::1`, or a name such as `localhost`). */
  address: string | null
  port: number | null
  /** The family of `address` when it is a literal; null for a name. */
  family: 'IPv4' | 'IPv6' | null
  /** The host name the text used, when it named one (e.g. `localhost` while the address tried was ::1). */
  host: string | null
  /** Every distinct address and port the text names in an error context (e.g. both ::1 and 127.0.0.1). */
  endpoints: NamedEndpoint[]
  /** What would tell the top candidates apart when the text cannot. */
  tellApart: string[]
  /** False when nothing was recognised (the first candidate is then `unknown`). */
  recognised: boolean
  /** True when the input was larger than explain reads and only its error-looking lines were analysed. */
  reduced: boolean
}

/** Texts up to this size are analysed whole; larger ones are reduced to their error-looking lines (the last ones). */
export const MAX_ANALYSED = 64 * 1024
/** Longer lines (binary junk, minified code) are cut into pieces of this size. */
const MAX_LINE = 4096
/** A top score below this means "not recognised". */
const RECOGNISED = 0.5

// ---------------------------------------------------------------------------------------------------------------
// Input

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b[()][0-9A-Za-z]|\u001b[@-_]/g
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g
/** Lines worth keeping from a huge input: they name an error, a code, an address or a port. */
const INTERESTING = /error|fail|refus|reset|hang|time|closed|denied|in use|allocated|resolve|host|lookup|proxy|gateway|websocket|1006|start|load|ready|unavailable|errno|exception|panic|abnormal|EOF|SSL|TLS|HTTP|port|connect/i
/** Error codes (ECONNREFUSED ...) and address:port forms; case matters here. */
const CODES = /\bE[A-Z_]{4,}\b|\d:\d/

function normalise (input: unknown): { text: string, reduced: boolean } {
  let text: string
  try {
    text = typeof input === 'string' ? input : input == null ? '' : String(input)
  } catch {
    text = ''
  }
  let reduced = false
  if (text.length > MAX_ANALYSED * 4) {
    // Keep memory and time bounded on anything huge: the error is almost always near the end of a log.
    text = text.slice(-MAX_ANALYSED * 4)
    reduced = true
  }
  text = text.replace(ANSI, '').replace(/\r\n?/g, '\n').replace(CONTROL, ' ')
  if (text.length <= MAX_ANALYSED) return { text, reduced }
  const kept: string[] = []
  let size = 0
  const lines = text.split('\n')
  for (let i = lines.length - 1; i >= 0 && size < MAX_ANALYSED; i--) {
    const line = lines[i]!
    for (let end = line.length; end > 0 && size < MAX_ANALYSED; end -= MAX_LINE) {
      const piece = line.slice(Math.max(0, end - MAX_LINE), end)
      if (INTERESTING.test(piece) || CODES.test(piece)) {
        kept.push(piece)
        size += piece.length + 1
      }
    }
  }
  return { text: kept.reverse().join('\n'), reduced: true }
}

// ---------------------------------------------------------------------------------------------------------------
// Addresses and ports

interface Mention {
  address: string | null
  host: string | null
  port: number | null
  score: number
  index: number
  /** A refusal is named on the same line or the line before (psql and curl -v put the address after the error). */
  refused: boolean
}

const REFUSAL = /ECONNREFUSED|[Cc]onnection refused|Connect call failed|actively refused|Errno 111|Errno 61/

function refusedNear (text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1
  const prevStart = lineStart > 0 ? text.lastIndexOf('\n', lineStart - 2) + 1 : lineStart
  let lineEnd = text.indexOf('\n', index)
  if (lineEnd === -1) lineEnd = text.length
  return REFUSAL.test(text.slice(prevStart, Math.min(lineEnd, prevStart + 2000)))
}

const isIPv4 = (s: string): boolean => familyOf(s) === 'IPv4'
const isIPv6 = (s: string): boolean => familyOf(s) === 'IPv6'

/** `0:0:0:0:0:0:0:1` -> `::1`; an IPv4-mapped address stays as written (it tells which socket family printed it). */
function canonicalIPv6 (s: string): string {
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
const EXTRACTORS: Extractor[] = [
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
  { re: /\bconnect to (\S+) port (\d{1,5}) failed/g, score: 9, take: (m) => ({ address: cleanHost(m[1]), port: cleanPort(m[2]) }) },
  { re: /Could not resolve host: (\S+)/g, score: 10, take: (m) => ({ address: cleanHost(m[1]) }) },
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
]

/** Generic forms, used when no context says more. */
const GENERIC: Extractor[] = [
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
const NOT_TARGET: RegExp[] = [
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

function mentionsOf (text: string): Mention[] {
  const out: Mention[] = []
  const taken: Array<[number, number]> = []
  for (const re of NOT_TARGET) {
    re.lastIndex = 0
    for (let m = re.exec(text); m !== null && taken.length < 1000; m = re.exec(text)) {
      taken.push([m.index, m.index + m[0].length])
      if (m[0].length === 0) re.lastIndex++
    }
  }
  const overlaps = (a: number, b: number): boolean => taken.some(([x, y]) => a < y && b > x)
  const run = (list: Extractor[], generic: boolean): void => {
    for (const ex of list) {
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

interface Found {
  address: string | null
  host: string | null
  port: number | null
  endpoints: NamedEndpoint[]
  /** Literal addresses named next to a refusal. */
  refusedAddresses: string[]
}

function choose (mentions: Mention[]): Found {
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

// ---------------------------------------------------------------------------------------------------------------
// Scoring

interface Score {
  score: number
  evidence: string[]
}

function scoreSignature (sig: Signature, text: string): Score {
  let best = 0
  let hits = 0
  const evidence: string[] = []
  for (const pat of sig.patterns) {
    const m = pat.re.exec(text)
    if (m === null) continue
    hits++
    if (pat.weight > best) best = pat.weight
    const snippet = m[0].trim().slice(0, 80)
    if (snippet !== '' && !evidence.includes(snippet) && evidence.length < 4) evidence.push(snippet)
  }
  // More independent evidence raises confidence a little, never past the strongest pattern by much.
  const score = hits === 0 ? 0 : Math.min(1, best + 0.03 * (hits - 1))
  return { score, evidence }
}

const LOOPBACK_V4 = /^127\./
const PRIVATE_V4 = /^(?:10\.|172\.(?:1[6-9]|2\d|3[01])\.|192\.168\.)/

function count (re: RegExp, text: string): number {
  let n = 0
  const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : `${re.flags}g`)
  for (let m = g.exec(text); m !== null && n < 100; m = g.exec(text)) {
    n++
    if (m[0].length === 0) g.lastIndex++
  }
  return n
}

/**
 * What the text alone cannot decide, ranked by how often each cause produces exactly this text. Each rule is about
 * the failure, not about any particular sample: a ::1 refusal from a client that resolved a name, both families
 * refused, a refusal while the text talks about containers, a hang-up or reset that a Docker port forward also causes.
 */
function applyContext (s: Map<Kind, Score>, text: string, found: Found): void {
  const get = (k: Kind): number => s.get(k)!.score
  const set = (k: Kind, v: number, why?: string): void => {
    const e = s.get(k)!
    if (v > e.score) {
      e.score = v
      if (why && !e.evidence.includes(why)) e.evidence.push(why)
    }
  }
  const scale = (k: Kind, f: number): void => { s.get(k)!.score *= f }

  const refused = get('refused')
  const literals = found.refusedAddresses
  const v6Loopback = literals.includes('::1')
  const v4Loopback = literals.some((a) => LOOPBACK_V4.test(a))
  const aggregate = /AggregateError|Multiple exceptions/.test(text)
  const localhostNamed = /\blocalhost\b/i.test(text)
  const containerWords = get('container-localhost') >= 0.3
  const dockerHost = /host\.docker\.internal|gateway\.docker\.internal/.test(text)
  // `db`, `postgres`, `backend`: a name without dots is a compose service name far more often than a real host.
  const serviceName = found.address !== null && !found.address.includes('.') && familyOf(found.address) === undefined && found.address !== 'localhost'

  if (refused > 0) {
    const refusals = count(/ECONNREFUSED|Connection refused|connection refused|Connect call failed|actively refused/, text)
    const bothFamilies = (v6Loopback && v4Loopback && refusals >= 2) || (aggregate && /ECONNREFUSED|Errno 111|Connection refused/.test(text))
    // curl prints the host as the user typed it; Node, Go, Java, psql print the address a name resolved to.
    const typedV6 = /(?:Failed to connect to|connect to) ::1 port|\(\('::1'|create_connection\(\('::1'/.test(text) && !localhostNamed
    if (bothFamilies) {
      set('localhost-ipv6', refused * 0.95, 'refused on both ::1 and 127.0.0.1: the name had two addresses')
      scale('refused', 0.88)
    } else if (v6Loopback && !typedV6) {
      set('localhost-ipv6', refused * 0.95, 'refused on ::1, the IPv6 address localhost resolves to first')
      scale('refused', 0.88)
    } else if (v6Loopback) {
      set('localhost-ipv6', refused * 0.9, 'refused on ::1')
    } else if (localhostNamed || found.address === 'localhost') {
      set('localhost-ipv6', refused * 0.85, 'the name was localhost (two addresses)')
    } else {
      set('localhost-ipv6', refused * 0.4)
    }
    const retrying = get('not-ready') > 0 || /retry|retrying|reconnect|attempt|will try again|waiting for/i.test(text)
    set('not-ready', refused * (retrying ? 0.8 : 0.6), retrying ? 'the client was retrying' : undefined)
    if (dockerHost || containerWords) set('container-localhost', Math.max(get('refused'), get('localhost-ipv6')) + 0.001, 'the text mentions a container')
    else if (serviceName) set('container-localhost', refused * 0.9, 'a short service name, as in a compose network')
    else if (found.address !== null && PRIVATE_V4.test(found.address)) set('container-localhost', refused * 0.6, 'a private (container or LAN) address')
    else set('container-localhost', refused * 0.45)
  }

  const dns = get('dns')
  if (dns > 0) {
    if (dockerHost) set('container-localhost', dns, 'host.docker.internal resolves only where Docker provides it')
    else if (containerWords || serviceName) {
      set('container-localhost', dns * 0.8, 'a short service name: resolvable only inside its container network')
    }
  }

  const hangUp = get('hang-up')
  const reset = get('reset')
  if (hangUp > 0 || reset > 0) {
    set('hang-up', reset * 0.7)
    set('reset', hangUp * 0.7)
    const base = Math.max(hangUp, reset)
    set('container-localhost', base * (containerWords || dockerHost ? 0.95 : 0.5))
    set('protocol-mismatch', hangUp * 0.45)
    if (/websocket|Upgrade/i.test(text)) set('websocket-handshake', base * 0.5, 'during a WebSocket upgrade')
  }

  const timeout = get('timeout')
  if (timeout > 0) {
    set('not-ready', timeout * 0.4)
    if (/connect|Connect/.test(text)) set('container-localhost', timeout * (containerWords ? 0.7 : 0.35))
  }

  const wsClose = get('websocket-abnormal-close')
  if (wsClose > 0) set('hang-up', wsClose * 0.6)

  // A proxy names where the failure happened; its inner cause follows it.
  const proxy = get('proxy')
  if (proxy >= 0.85) {
    let top = 0
    for (const k of KINDS) if (k !== 'proxy') top = Math.max(top, get(k))
    set('proxy', Math.max(proxy, top + 0.001))
  }
}

function fill (template: string, found: Found): string {
  const target = found.address !== null && found.port !== null
    ? (found.address.includes(':') ? `[${found.address}]:${found.port}` : `${found.address}:${found.port}`)
    : found.address ?? (found.port !== null ? `port ${found.port}` : 'the address in the message')
  return localiseCommands(template)
    .replaceAll('{target}', target)
    .replaceAll('{port}', found.port !== null ? String(found.port) : 'PORT')
    .replaceAll('{host}', found.host ?? found.address ?? 'NAME')
}

function round2 (n: number): number {
  return Math.round(n * 100) / 100
}

// ---------------------------------------------------------------------------------------------------------------

/** Explain an error text. Never throws; always returns at least one candidate (`unknown` when nothing matched). */
export function explain (input: string): ExplainResult {
  try {
    return analyse(input)
  } catch {
    // A bug of ours must not become the user's problem: answer "unknown" rather than crash.
    return result([], { address: null, host: null, port: null, endpoints: [], refusedAddresses: [] }, false)
  }
}

function analyse (input: unknown): ExplainResult {
  const { text, reduced } = normalise(input)
  const scores = new Map<Kind, Score>()
  for (const sig of SIGNATURES) scores.set(sig.kind, text.trim() === '' ? { score: 0, evidence: [] } : scoreSignature(sig, text))
  const found = text.trim() === '' ? { address: null, host: null, port: null, endpoints: [], refusedAddresses: [] } : choose(mentionsOf(text))
  if (text.trim() !== '') applyContext(scores, text, found)

  const ranked = [...scores.entries()]
    .filter(([kind, s]) => kind !== 'unknown' && s.score >= 0.1)
    .sort(([ka, a], [kb, b]) => b.score - a.score || PRECEDENCE.indexOf(ka) - PRECEDENCE.indexOf(kb))
  const recognised = ranked.length > 0 && ranked[0]![1].score >= RECOGNISED
  const candidates: Candidate[] = ranked.map(([kind, s]) => candidate(kind, s.score, s.evidence, text, found))
  return result(candidates, found, recognised, text, reduced)
}

function candidate (kind: Kind, score: number, evidence: string[], text: string, found: Found): Candidate {
  const sig = signatureOf(kind)
  const variant = sig.variants?.find((v) => v.when.test(text))
  const scenario = variant?.scenario ?? sig.scenario
  return {
    kind,
    scenario,
    confidence: round2(Math.min(1, score)),
    title: sig.title,
    why: fill(variant?.why ?? sig.why, found),
    fix: fill(variant?.fix ?? sig.fix, found),
    command: demoCommand(scenario),
    evidence,
  }
}

function result (ranked: Candidate[], found: Found, recognised: boolean, text = '', reduced = false): ExplainResult {
  let candidates = ranked
  if (!recognised) {
    const unknown = candidate('unknown', 1 - (ranked[0]?.confidence ?? 0), [], text, found)
    if (text.trim() === '') unknown.why = 'The input was empty: there is no error text to explain.'
    else if (found.address !== null || found.port !== null) unknown.fix += ' The text names an address: add --probe to see whether anything listens there now.'
    candidates = [unknown, ...ranked]
  }
  // Confidences are rounded for display; keep them strictly decreasing so the rank is visible in the numbers too.
  for (let i = 1; i < candidates.length; i++) {
    const prev = candidates[i - 1]!.confidence
    if (candidates[i]!.confidence >= prev) candidates[i]!.confidence = Math.max(0, round2(prev - 0.01))
  }
  const tellApart: string[] = []
  const top = candidates[0]!
  for (const c of candidates.slice(0, 3)) {
    if (c !== top && c.confidence < top.confidence * 0.6) break
    const line = fill(signatureOf(c.kind).tellApart, found)
    if (!tellApart.includes(line)) tellApart.push(line)
  }
  return {
    candidates,
    address: found.address,
    port: found.port,
    family: familyOf(found.address ?? undefined) ?? null,
    host: found.host,
    endpoints: found.endpoints,
    tellApart,
    recognised,
    reduced,
  }
}

/** For tests and benchmarks: every regular expression explain runs over untrusted text. */
export function allPatterns (): RegExp[] {
  return [
    ...SIGNATURES.flatMap((s) => [...s.patterns.map((p) => p.re), ...(s.variants ?? []).map((v) => v.when)]),
    ...EXTRACTORS.map((e) => e.re),
    ...GENERIC.map((e) => e.re),
    ...NOT_TARGET,
    INTERESTING,
    CODES,
    REFUSAL,
  ]
}
