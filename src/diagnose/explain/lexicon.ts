/**
 * What explain knows about words and numbers: the knowledge tables (./knowledge/, each generated from its source) as
 * one precomputed index (knowledge/lexicon-index.ts, built by build-lexicon-index.ts at generation time), plus the
 * one judgement that is ours: which kind of failure each code means, and how sure the code alone makes us.
 * Everything here is a lookup; evidence.ts decides where in a text to look.
 */
import type { Kind } from './signatures.js'
import { httpStatuses, webSocketCloseCodes } from './knowledge/protocol-codes.js'
import { languageErrorNames, type LanguageErrorName } from './knowledge/language-errors.js'
import { bucketKeys, bucketSpan, bucketText, lexiconSection } from './lexicon-text.js'

export interface Meaning {
  kind: Kind
  /** 0..1: how sure this one piece of evidence makes us. */
  weight: number
  /** What it is, in words: `ECONNREFUSED`, `errno 111 on Linux = ECONNREFUSED`, `glibc's de text for ECONNREFUSED`. */
  means: string
  /** The operation, when the evidence says it (a bind error, a connect error). */
  direction?: Direction
  /** A program's own message (program-messages.ts): it often carries the OS's reason in a placeholder. */
  program?: string
  /** The message ends in a placeholder for another text (`Connection to %s failed: %s.`): the reason follows it. */
  frames?: boolean
  /**
   * The code this evidence names, whatever form printed it: Node's `ERR_SSL_WRONG_VERSION_NUMBER` and its
   * `error:0A00010B:`, curl's `SEC_E_ILLEGAL_MESSAGE (0x80090326)`, or `WSAECONNREFUSED (10061)`, are one code and
   * count once (rank.ts).
   */
  code?: string
}

export type Direction = 'listen' | 'connect' | 'resolve' | 'read' | 'tls' | 'proxy' | 'wait'

/**
 * Our reading of each code: the kind it is evidence for and the weight. 1 where only that failure gives the code;
 * less where it is shared: EACCES is as often a file as a port, EPIPE and ECONNABORTED follow resets and more, an
 * unreachable host looks like a timeout to the user (the `hung` lesson) though the kernel answered at once.
 */
const CODE_KINDS: Record<string, [Kind, number]> = {
  ECONNREFUSED: ['refused', 1],
  ECONNRESET: ['reset', 1],
  ENETRESET: ['reset', 0.6],
  ECONNABORTED: ['reset', 0.6],
  EPIPE: ['reset', 0.6],
  ENOTCONN: ['hang-up', 0.6],
  ETIMEDOUT: ['timeout', 1],
  EHOSTUNREACH: ['timeout', 0.8],
  ENETUNREACH: ['timeout', 0.8],
  EHOSTDOWN: ['timeout', 0.6],
  ENETDOWN: ['timeout', 0.5],
  EAGAIN: ['timeout', 0.4],
  // A connect interrupted by a signal: the program's own connect timeout (an alarm) fired, as mutt's connect_timeout does
  // ("Could not connect to HOST (Interrupted system call)"); any other interrupted call is rarer in a failure's text.
  EINTR: ['timeout', 0.7],
  // A non-blocking connect reported as still in progress when the client gave up waiting (netcat -w): a timeout.
  EINPROGRESS: ['timeout', 0.7],
  EADDRINUSE: ['port-in-use', 1],
  EADDRNOTAVAIL: ['address-not-available', 1],
  // Most often IPv6 turned off while something asks for [::]: an address this machine cannot have.
  EAFNOSUPPORT: ['address-not-available', 0.8],
  // As often a file as a port: alone it is a weak answer (rank.ts lowers it further when the text names a file).
  EACCES: ['permission-denied', 0.55],
  EPERM: ['permission-denied', 0.4],
  EPROTO: ['protocol-mismatch', 0.9],
  // Alone it is any bad argument; Perl's IO::Socket::IP sets it when the name did not resolve (rank.ts counts that).
  EINVAL: ['dns', 0.3],
  EAI_NONAME: ['dns', 1],
  EAI_AGAIN: ['dns', 1],
  EAI_FAIL: ['dns', 1],
  EAI_NODATA: ['dns', 1],
  EAI_ADDRFAMILY: ['dns', 0.8],
  EAI_SERVICE: ['dns', 0.5],
  ENOTFOUND: ['dns', 1],
}

/** A bind that fails with EACCES is a privileged or reserved port: the direction makes the code decisive. */
export const LISTEN_WEIGHT: Partial<Record<Kind, number>> = { 'permission-denied': 1, 'address-not-available': 1 }

/** The POSIX name behind a Windows or libuv spelling: WSAECONNREFUSED, UV_ECONNREFUSED -> ECONNREFUSED. */
export function posixName (name: string): string {
  if (name.startsWith('WSAE')) return name.slice(3)
  if (name === 'WSAHOST_NOT_FOUND') return 'EAI_NONAME'
  if (name === 'WSATRY_AGAIN') return 'EAI_AGAIN'
  if (name === 'WSANO_DATA') return 'EAI_NODATA'
  if (name.startsWith('UV_')) return name.slice(3)
  return name
}

/** The meaning of a code name as a program prints it (ECONNREFUSED, WSAECONNREFUSED, EAI_AGAIN, ENOTFOUND). */
export function codeMeaning (name: string): Meaning | null {
  const posix = posixName(name)
  const k = CODE_KINDS[posix]
  return k ? { kind: k[0], weight: k[1], means: posix === name ? name : `${name} = ${posix}`, code: posix } : null
}

// ---- numbers ------------------------------------------------------------------------------------------------------

export type Platform = 'linux' | 'macos' | 'windows' | 'libuv'

interface Numbered { name: string, platform: Platform }

function numberIndex (n: string): Numbered[] {
  const numbers = lexiconSection('numbers')
  return Object.hasOwn(numbers, n) ? numbers[n]!.map(([name, platform]) => ({ name, platform })) : []
}

const PLATFORM_WORDS: Record<Platform, string> = { linux: 'Linux', macos: 'macOS', windows: 'Windows', libuv: 'libuv (Node)' }

/**
 * What a number printed as an error means on the platforms that could have printed it. One name on every platform
 * asked: that name, at full weight. Different names (61 is ECONNREFUSED on macOS, ENODATA on Linux, which explain does
 * not count): each at a lower weight, and the `means` says which platform says what.
 */
export function numberMeanings (n: string, platforms: readonly Platform[], weight = 1): Meaning[] {
  const found = numberIndex(n.toLowerCase()).filter((e) => platforms.includes(e.platform))
  const names = [...new Set(found.map((e) => e.name))]
  const out: Meaning[] = []
  for (const name of names) {
    const k = CODE_KINDS[name]
    if (!k) continue
    const where = found.filter((e) => e.name === name).map((e) => PLATFORM_WORDS[e.platform])
    out.push({ kind: k[0], weight: k[1] * weight * (names.length > 1 ? 0.7 : 1), means: `${n} is ${name} on ${[...new Set(where)].join(', ')}`, code: name })
  }
  if (platforms.includes('windows')) {
    const w = winHttpMeaning(n)
    if (w) out.push({ ...w, weight: w.weight * weight })
  }
  return out
}

/**
 * WinHTTP's and WinINet's codes (knowledge/winhttp-errors.ts; the two APIs share the numbers) that are evidence of a
 * kind. CANNOT_CONNECT is any failed connect (a refusal most often, a timeout too); 12030 is WinHTTP's CONNECTION_ERROR
 * and WinINet's CONNECTION_ABORTED: the connection was ended, or could not be kept, after it was made.
 */
const WINHTTP_KINDS: Record<number, [Kind, number]> = {
  12002: ['timeout', 1],
  12007: ['dns', 1],
  12029: ['refused', 0.8],
  12030: ['reset', 0.8],
  12031: ['reset', 1],
  // "The server response could not be parsed": often not HTTP at all.
  12152: ['protocol-mismatch', 0.7],
  12157: ['protocol-mismatch', 0.6],
}

export const winHttpKind = (code: number): [Kind, number] | undefined => WINHTTP_KINDS[code]

/** A WinHTTP/WinINet code as printed (12029, 0x80072EFD, -2147012867) or by name (ERROR_WINHTTP_CANNOT_CONNECT). */
export function winHttpMeaning (printed: string): Meaning | null {
  const winhttp = lexiconSection('winhttp')
  const key = printed.toLowerCase()
  const row = Object.hasOwn(winhttp, key) ? winhttp[key] : /^ERROR_/.test(printed) && Object.hasOwn(winhttp, printed) ? winhttp[printed] : undefined
  const k = row && WINHTTP_KINDS[row[0]]
  return row && k ? { kind: k[0], weight: k[1], means: `${printed} is ${row[0]} on Windows: ${row[1]}` } : null
}

// ---- Samba's NTSTATUS names ----------------------------------------------------------------------------------------

/**
 * smbclient, rpcclient and Samba's libraries print an NTSTATUS where other tools print strerror: the errno it was
 * mapped from, read from Samba's own table (samba-team/samba libcli/util/errmap_unix.c
 * @ 2ac2c055614c0aaa63b6c80a12d950d8e5d0cbf0, unix_nt_errmap: ECONNREFUSED -> NT_STATUS_CONNECTION_REFUSED,
 * ETIMEDOUT -> NT_STATUS_IO_TIMEOUT, EPIPE -> NT_STATUS_CONNECTION_DISCONNECTED, …). Its EPIPE is an EOF: the
 * socket reader returns EPIPE when read() returns 0 (lib/async_req/async_sock.c
 * @ 00ad0c4a4317db810bf2197503006ae5a6bb8bce, read_packet_handler), so "disconnected" is the peer closing.
 */
const NT_STATUS_ERRNO: Record<string, string> = {
  CONNECTION_REFUSED: 'ECONNREFUSED',
  IO_TIMEOUT: 'ETIMEDOUT',
  CONNECTION_RESET: 'ECONNRESET',
  CONNECTION_ABORTED: 'ECONNABORTED',
  ADDRESS_ALREADY_ASSOCIATED: 'EADDRINUSE',
  ADDRESS_NOT_ASSOCIATED: 'EADDRNOTAVAIL',
  NETWORK_UNREACHABLE: 'ENETUNREACH',
  HOST_UNREACHABLE: 'EHOSTUNREACH',
}

export function ntStatusMeaning (name: string): Meaning | null {
  if (name === 'CONNECTION_DISCONNECTED') return { kind: 'hang-up', weight: 0.85, means: 'NT_STATUS_CONNECTION_DISCONNECTED = Samba\'s EPIPE on EOF: the peer closed the connection' }
  const errno = Object.hasOwn(NT_STATUS_ERRNO, name) ? NT_STATUS_ERRNO[name] : undefined
  const base = errno === undefined ? null : codeMeaning(errno)
  return base && { ...base, means: `NT_STATUS_${name} = ${errno}` }
}

// ---- names languages give the codes -------------------------------------------------------------------------------

export function languageMeaning (form: LanguageErrorName['form'], name: string): Meaning | null {
  const e = languageErrorNames.find((x) => x.form === form && x.name === name)
  if (!e) return null
  const base = codeMeaning(e.errno)
  return base ? { ...base, weight: base.weight * (e.weight ?? 1), means: `${name} = ${e.errno}` } : null
}

export const LANGUAGE_NAMES = (form: LanguageErrorName['form']): string[] => languageErrorNames.filter((e) => e.form === form).map((e) => e.name)

// ---- tools' codes -------------------------------------------------------------------------------------------------

/** curl's exit codes (= CURLcode) that are evidence of one of explain's kinds. */
const CURL_KINDS: Record<string, [Kind, number]> = {
  CURLE_UNSUPPORTED_PROTOCOL: ['protocol-mismatch', 0.7],
  CURLE_COULDNT_RESOLVE_PROXY: ['dns', 0.8],
  CURLE_COULDNT_RESOLVE_HOST: ['dns', 1],
  // Any failed connect (refused, unreachable, timed out at the TCP level): most often, but not only, a refusal.
  CURLE_COULDNT_CONNECT: ['refused', 0.7],
  CURLE_WEIRD_SERVER_REPLY: ['protocol-mismatch', 0.85],
  CURLE_PARTIAL_FILE: ['hang-up', 0.6],
  CURLE_OPERATION_TIMEDOUT: ['timeout', 1],
  CURLE_INTERFACE_FAILED: ['address-not-available', 0.8],
  CURLE_GOT_NOTHING: ['hang-up', 1],
  CURLE_SEND_ERROR: ['reset', 0.7],
  CURLE_RECV_ERROR: ['reset', 0.9],
  CURLE_SSL_CONNECT_ERROR: ['protocol-mismatch', 0.85],
  CURLE_HTTP2: ['protocol-mismatch', 0.5],
}

/** The kind and weight explain gives a curl code's name, if any. */
export const curlKind = (name: string): [Kind, number] | undefined => CURL_KINDS[name]

export function curlMeaning (code: number): Meaning | null {
  const name = lexiconSection('curl')[String(code)]
  const k = name === undefined ? undefined : CURL_KINDS[name]
  return name !== undefined && k ? { kind: k[0], weight: k[1], means: `curl exit ${code} = ${name}` } : null
}

/**
 * aria2c's exit codes (its log lines print them as `errorCode=N`) that are evidence of one of explain's kinds, read
 * from the manual's sentence for each: 2 "time out", 6 "network problem" (any failed connect, most often refused),
 * 19 "name resolution failed", 22 "HTTP response header was bad or unexpected" (often not HTTP at all).
 */
const ARIA2_KINDS: Record<number, [Kind, number]> = {
  2: ['timeout', 0.9],
  6: ['refused', 0.5],
  19: ['dns', 1],
  22: ['protocol-mismatch', 0.7],
}

export const aria2Kind = (code: number): [Kind, number] | undefined => ARIA2_KINDS[code]

export function aria2Meaning (code: number): Meaning | null {
  const text = lexiconSection('aria2')[String(code)]
  const k = ARIA2_KINDS[code]
  return text !== undefined && k ? { kind: k[0], weight: k[1], means: `aria2 errorCode=${code}: ${lowerFirst(text)}` } : null
}

const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1)

/** Chromium's net errors that are evidence of one of explain's kinds (the names are checked against the table). */
const CHROMIUM_KINDS: Record<string, [Kind, number]> = {
  ERR_CONNECTION_REFUSED: ['refused', 1],
  ERR_CONNECTION_RESET: ['reset', 1],
  ERR_CONNECTION_ABORTED: ['reset', 0.6],
  ERR_CONNECTION_CLOSED: ['hang-up', 0.9],
  ERR_EMPTY_RESPONSE: ['hang-up', 1],
  ERR_CONNECTION_TIMED_OUT: ['timeout', 1],
  ERR_TIMED_OUT: ['timeout', 1],
  ERR_ADDRESS_UNREACHABLE: ['timeout', 0.7],
  ERR_NAME_NOT_RESOLVED: ['dns', 1],
  ERR_NAME_RESOLUTION_FAILED: ['dns', 1],
  ERR_ADDRESS_IN_USE: ['port-in-use', 1],
  ERR_ADDRESS_INVALID: ['address-not-available', 0.7],
  ERR_ACCESS_DENIED: ['permission-denied', 0.5],
  ERR_SSL_PROTOCOL_ERROR: ['protocol-mismatch', 1],
  ERR_SSL_VERSION_OR_CIPHER_MISMATCH: ['protocol-mismatch', 0.9],
  ERR_INVALID_HTTP_RESPONSE: ['protocol-mismatch', 1],
  ERR_INVALID_RESPONSE: ['protocol-mismatch', 0.6],
  ERR_TUNNEL_CONNECTION_FAILED: ['proxy', 0.9],
  ERR_PROXY_CONNECTION_FAILED: ['proxy', 0.9],
  ERR_SOCKS_CONNECTION_FAILED: ['proxy', 0.9],
  ERR_WS_PROTOCOL_ERROR: ['websocket-handshake', 0.7],
  ERR_WS_UPGRADE: ['websocket-handshake', 0.9],
}

export function chromiumMeaning (name: string): Meaning | null {
  const chromium = lexiconSection('chromium')
  const code = Object.hasOwn(chromium, name) ? chromium[name] : undefined
  const k = code === undefined ? undefined : CHROMIUM_KINDS[name]
  return code !== undefined && k ? { kind: k[0], weight: k[1], means: `net::${name} (${code})` } : null
}

/**
 * Apple's NSURLErrorDomain codes (URLError.Code, knowledge/nsurl-errors.ts) that are evidence of a kind. Where
 * swift-corelibs-foundation's libcurl transport says what it turns into the code (`fromCurl` in the table), that
 * decides: ECONNREFUSED -> cannotConnectToHost, ECONNRESET on a read or write -> networkConnectionLost, curl's empty
 * reply -> badServerResponse. Apple's own CFNetwork uses cannotConnectToHost for any failed connect, hence below 1.
 */
const NSURL_KINDS: Record<string, [Kind, number]> = {
  timedOut: ['timeout', 1],
  cannotFindHost: ['dns', 1],
  dnsLookupFailed: ['dns', 1],
  cannotConnectToHost: ['refused', 0.85],
  networkConnectionLost: ['reset', 0.8],
  // An empty reply (corelibs) or one it could not use (Apple): the server closed, or spoke something else.
  badServerResponse: ['hang-up', 0.5],
  cannotParseResponse: ['protocol-mismatch', 0.8],
  // The TLS handshake failed: most often a plain-HTTP port asked for HTTPS.
  secureConnectionFailed: ['protocol-mismatch', 0.7],
}

export const nsUrlKind = (name: string): [Kind, number] | undefined => NSURL_KINDS[name]

/** An NSURLErrorDomain code as `Error Domain=NSURLErrorDomain Code=-1004` prints it, or its NSURLError… name. */
export function nsUrlMeaning (code: number | string): Meaning | null {
  const nsurl = lexiconSection('nsurl')
  const key = typeof code === 'number' ? String(code) : Object.keys(nsurl).find((k) => nsurl[k]![1] === code)
  const row = key !== undefined && Object.hasOwn(nsurl, key) ? nsurl[key] : undefined
  const k = row && NSURL_KINDS[row[0]]
  return row && k ? { kind: k[0], weight: k[1], means: `NSURLErrorDomain ${key} = ${row[1]}` } : null
}

/**
 * Mozilla's codes (knowledge/mozilla-errors.ts) that are evidence of a kind: NSPR's by their header's words, Necko's
 * by what Gecko's socket transport turns into each (ErrorAccordingToNSPR, the table's `fromNspr`): it lumps
 * unreachable networks and hosts and EACCES into NS_ERROR_CONNECTION_REFUSED (so below 1), a reset or abort into
 * NS_ERROR_NET_RESET, and NSPR's end of file into NS_ERROR_NET_INTERRUPT.
 */
const MOZILLA_KINDS: Record<string, [Kind, number]> = {
  PR_CONNECT_REFUSED_ERROR: ['refused', 1],
  PR_CONNECT_RESET_ERROR: ['reset', 1],
  PR_CONNECT_ABORTED_ERROR: ['reset', 0.6],
  PR_END_OF_FILE_ERROR: ['hang-up', 0.8],
  PR_CONNECT_TIMEOUT_ERROR: ['timeout', 1],
  PR_IO_TIMEOUT_ERROR: ['timeout', 1],
  PR_NETWORK_UNREACHABLE_ERROR: ['timeout', 0.8],
  PR_HOST_UNREACHABLE_ERROR: ['timeout', 0.8],
  PR_ADDRESS_IN_USE_ERROR: ['port-in-use', 1],
  PR_ADDRESS_NOT_AVAILABLE_ERROR: ['address-not-available', 0.9],
  PR_DIRECTORY_LOOKUP_ERROR: ['dns', 1],
  PR_NO_ACCESS_RIGHTS_ERROR: ['permission-denied', 0.5],
  // "SSL received a record that exceeded the maximum permissible length.": a plain-HTTP answer read as a TLS record.
  SSL_ERROR_RX_RECORD_TOO_LONG: ['protocol-mismatch', 1],
  SSL_ERROR_RX_MALFORMED_SERVER_HELLO: ['protocol-mismatch', 0.7],
  SSL_ERROR_NO_CYPHER_OVERLAP: ['protocol-mismatch', 0.6],
  SSL_ERROR_UNSUPPORTED_VERSION: ['protocol-mismatch', 0.6],
  SSL_ERROR_PROTOCOL_VERSION_ALERT: ['protocol-mismatch', 0.6],
  NS_ERROR_CONNECTION_REFUSED: ['refused', 0.9],
  NS_ERROR_NET_TIMEOUT: ['timeout', 1],
  NS_ERROR_NET_RESET: ['reset', 0.9],
  NS_ERROR_NET_INTERRUPT: ['hang-up', 0.8],
  NS_ERROR_NET_PARTIAL_TRANSFER: ['hang-up', 0.6],
  NS_ERROR_UNKNOWN_HOST: ['dns', 1],
  NS_ERROR_DEFINITIVE_UNKNOWN_HOST: ['dns', 1],
  NS_ERROR_SOCKET_ADDRESS_IN_USE: ['port-in-use', 1],
  NS_ERROR_PROXY_CONNECTION_REFUSED: ['proxy', 0.9],
  NS_ERROR_UNKNOWN_PROXY_HOST: ['proxy', 0.8],
  NS_ERROR_PARSING_HTTP_STATUS_LINE: ['protocol-mismatch', 0.8],
}

/** A Mozilla code by name (PR_CONNECT_REFUSED_ERROR, NS_ERROR_NET_RESET) or Necko's nsresult in hex (0x804b000d). */
export function mozillaMeaning (nameOrHex: string): Meaning | null {
  const mozilla = lexiconSection('mozilla')
  const hex = /^0x[0-9a-f]{8}$/i.test(nameOrHex) ? parseInt(nameOrHex, 16) : undefined
  const name = hex === undefined ? nameOrHex : Object.keys(mozilla).find((n) => mozilla[n] === hex)
  const code = name !== undefined && Object.hasOwn(mozilla, name) ? mozilla[name]! : undefined
  const k = code === undefined ? undefined : MOZILLA_KINDS[name!]
  const printed = code !== undefined && code > 0 ? `0x${code.toString(16)}` : String(code)
  const family = name?.startsWith('PR_') ? 'NSPR' : name?.startsWith('SSL_') ? 'NSS' : 'Necko (Firefox)'
  return k ? { kind: k[0], weight: k[1], means: `${name} (${printed}): ${family}'s code` } : null
}

/**
 * A value of Qt's QAbstractSocket::SocketError or QNetworkReply::NetworkError, by name or number, under the class
 * that printed it (knowledge/qt-messages.ts: the kinds are labelled there, by each value's meaning).
 */
export function qtMeaning (cls: 'QAbstractSocket' | 'QNetworkReply', value: string): Meaning | null {
  const qt = lexiconSection('qt')
  const key = /^\d+$/.test(value) ? `${cls} ${value}` : `${cls}::${value}`
  if (!Object.hasOwn(qt, key)) return null
  const [name, code, kind, weight, direction] = qt[key]!
  return { kind, weight, means: `${name} (${code}): Qt's error`, ...(direction ? { direction } : {}) }
}

/**
 * TLS libraries' codes (knowledge/tls-errors.ts): OpenSSL's reasons and SSL_get_error() results, GnuTLS's codes, each
 * with the kind the table's generator labels it with by hand (LABELS in tools/knowledge/gen-tls.mjs, with the why).
 * `key` is how the index files a code: its name (SSL_R_WRONG_VERSION_NUMBER, GNUTLS_E_PREMATURE_TERMINATION),
 * `openssl:<lib>:<reason>`, `gnutls:<code>`, `mbedtls:-0x7280`, `schannel:0x80090326` (or its signed or unsigned decimal),
 * or `text:<the library's text>`; `printed` is what the text showed.
 */
export function tlsMeaning (key: string, printed = key): Meaning | null {
  const codes = lexiconSection('tls').codes
  const row = Object.hasOwn(codes, key) ? codes[key] : undefined
  if (row === undefined) return null
  const [name, kind, weight, text] = row
  const library = name.startsWith('GNUTLS_') ? 'GnuTLS' : name.startsWith('MBEDTLS_') ? 'Mbed TLS' : /^(?:SEC_[EI]|CRYPT_E)_/.test(name) ? 'Schannel (Windows)' : 'OpenSSL'
  return { kind, weight, means: `${printed === name ? name : `${printed} is ${name}`}: ${library}'s ${text === null ? 'code' : `"${text}"`}`, code: name }
}

/**
 * An OpenSSL error code as its error queue prints it (`error:0A00010B:`), packed by 3.0's or by 1.1's rule (the
 * index keeps both, from each version's err.h): the library's reason, or for a system error the errno under it
 * (3.0: ERR_SYSTEM_FLAG | errno, `error:8000006F:system library::Connection refused`; 1.1: lib 2, `error:0200206F:`).
 * The two rules never give the same library for the SSL, BIO and system codes: the first that finds one decides.
 */
export function opensslCodeMeaning (hex: string): Meaning | null {
  const { packings, libs } = lexiconSection('tls')
  const n = parseInt(hex, 16)
  for (const p of packings) {
    const system = p.systemFlag !== undefined && n >= p.systemFlag
    const lib = Math.floor(n / 2 ** p.libShift) & p.libMask
    const reason = system ? n - p.systemFlag! : n & p.reasonMask
    if (system || (p.systemFlag === undefined && lib === libs.SYS)) {
      const m = numberMeanings(String(reason), ['linux', 'macos', 'windows'])[0]
      if (m) return { ...m, means: `OpenSSL ${p.version}'s system error ${hex}: ${m.means}` }
      continue
    }
    const m = tlsMeaning(`openssl:${lib}:${reason}`, `OpenSSL ${p.version}'s ${hex}`)
    if (m) return m
  }
  return null
}

/** For tests: every name the mapping uses exists in Chromium's list. */
export const chromiumNamesUsed = (): string[] => Object.keys(CHROMIUM_KINDS)
export const curlNamesUsed = (): string[] => Object.keys(CURL_KINDS)
export const nsUrlNamesUsed = (): string[] => Object.keys(NSURL_KINDS)
export const mozillaNamesUsed = (): string[] => Object.keys(MOZILLA_KINDS)
export const codeNamesUsed = (): string[] => Object.keys(CODE_KINDS)

/**
 * WebSocket close codes: 1006 is the abnormal close (no close frame at all); the others are an endpoint closing
 * because something went wrong (a protocol error, a frame too big, an internal error), which explain counts as the
 * same kind, less surely; 1001 and 1012 are a server going away or restarting.
 */
export function closeCodeMeaning (code: number): Meaning | null {
  const c = webSocketCloseCodes.find((x) => x.code === code)
  if (!c) return null
  const means = `close code ${code} (${c.name})`
  if (code === 1006) return { kind: 'websocket-abnormal-close', weight: 1, means }
  if (code === 1002 || code === 1003 || code === 1007 || code === 1009 || code === 1010 || code === 1011 || code === 1015) return { kind: 'websocket-abnormal-close', weight: 0.85, means }
  if (code === 1001 || code === 1012 || code === 1013) return { kind: 'websocket-abnormal-close', weight: 0.6, means: `${means}: the server went away` }
  if (code === 1014) return { kind: 'proxy', weight: 0.7, means }
  return null
}

export function httpStatusMeaning (status: number): Meaning | null {
  const s = httpStatuses.find((x) => x.status === status)
  if (!s) return null
  if (s.proxyUpstream) return { kind: 'proxy', weight: status === 503 ? 0.6 : 0.9, means: `HTTP ${status} ${s.title}: a proxy or gateway's upstream failed` }
  if (status === 426) return { kind: 'websocket-handshake', weight: 0.8, means: `HTTP 426 ${s.title}` }
  return { kind: 'protocol-mismatch', weight: 0.5, means: `HTTP ${status} ${s.title}` }
}

/**
 * Words that mark a line worth analysing in a long log (lower case, whole words of 3+ letters): failures, codes,
 * protocols, and how servers announce themselves. Together with every errno name and the first word of every known
 * message (messageKeyWords), they make the one set evidence.ts's `lineMayMatter` looks words up in; a message is keyed by one of
 * these words when it has one, so that the keys stay words that mean a failure.
 */
export const TRIGGER_WORDS: readonly string[] = [
  'error', 'errors', 'err', 'fail', 'failed', 'failure', 'failing', 'fails', 'refused', 'refuse', 'refusing', 'reset',
  'hang', 'hung', 'timeout', 'timeouts', 'timed', 'closed', 'close', 'closing', 'denied', 'permission', 'already',
  'allocated', 'resolve', 'resolving', 'resolution', 'lookup', 'getaddrinfo', 'nxdomain', 'proxy', 'proxying',
  'gateway', 'upstream', 'websocket', 'handshake', 'unavailable', 'unreachable', 'route', 'errno', 'exception',
  'panic', 'fatal', 'abnormal', 'abnormally', 'eof', 'ssl', 'tls', 'connect', 'connection', 'connecting', 'listen',
  'listening', 'bind', 'bound', 'unable', 'cannot', 'could', 'couldn', 'aborted', 'broken', 'disconnected', 'dropped',
  'terminated', 'unexpected', 'unexpectedly', 'invalid', 'malformed', 'wrong', 'protocol', 'running', 'serving',
  'served', 'local', 'port', 'host', 'code', 'winerror', 'curl', 'socket', 'crashed', 'retrying', 'reconnecting',
  'unhealthy', 'emerg', 'crit', 'alert', 'forwarding', 'incomplete', 'premature', 'prematurely', 'empty', 'reply',
  'ssh', 'status', 'bad', 'kind', 'raise', 'caused',
]
// ---- messages in any language -------------------------------------------------------------------------------------

interface MessageEntry {
  /** The literal pieces, normalised, in order. */
  parts: string[]
  meaning: Meaning
}

/** One message as the generated index stores it: its parts, kind, weight, what it is, the program and direction. */
export type MessageRow = [parts: string[], kind: Kind, weight: number, means: string, program: string | null, direction: Direction | null, frames: 0 | 1]

/** The index build-lexicon-index.ts builds. */
export interface LexiconData {
  /** A message's key word (a failure word when it has one, else its longest; letters only, lower case) -> its rows. */
  words: Record<string, MessageRow[]>
  /** For scripts written without spaces (Han, kana): the first two characters of the key run. */
  pairs: Record<string, MessageRow[]>
  /** An error number as printed (111, 10061, 0x8007274d, -4078) -> the code names it has, per platform. */
  numbers: Record<string, Array<[name: string, platform: Platform]>>
  /** curl's exit codes explain counts -> their CURLcode names. */
  curl: Record<string, string>
  /** Chromium's net error names explain counts -> their numbers. */
  chromium: Record<string, number>
  /** aria2's exit codes explain counts -> the manual's sentence. */
  aria2: Record<string, string>
  /** NSURLErrorDomain codes explain counts -> their URLError.Code case and Objective-C name. */
  nsurl: Record<string, [name: string, objcName: string]>
  /** Mozilla's codes explain counts (NSPR, NSS SSL, Necko) -> their numbers (Necko's: the unsigned nsresult). */
  mozilla: Record<string, number>
  /** WinHTTP/WinINet codes explain counts, by every printed form (12029, 0x80072efd, -2147012867) and name -> the code and its names. */
  winhttp: Record<string, [code: number, names: string]>
  /** Qt's error enum values explain counts, by `Class::Name` and `Class number` (QNetworkReply::ConnectionRefusedError, QNetworkReply 1). */
  qt: Record<string, QtCodeRow>
  /** TLS libraries' codes explain counts (tlsMeaning's keys), and how OpenSSL 3 and 1.1 pack a code (knowledge/tls-errors.ts). */
  tls: {
    codes: Record<string, [name: string, kind: Kind, weight: number, text: string | null]>
    packings: Array<{ version: string, libShift: number, libMask: number, reasonMask: number, systemFlag?: number }>
    libs: Record<string, number>
  }
}

/** A Qt enum value: its full name, number, kind, weight and direction (knowledge/qt-messages.ts qtErrorCodes). */
export type QtCodeRow = [name: string, code: number, kind: Kind, weight: number, direction: Direction | null]

export const UNSPACED = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff]/
/** Scripts where one character carries a syllable or a word: a short text is already specific. */
export const DENSE = /[\u3040-\u30ff\u3400-\u9fff\uf900-\ufaff\uac00-\ud7af]/
export const LETTERS = /[\p{L}\p{M}]+/gu
const NON_ASCII_LETTER = /[^\x00-\x7f]/
/**
 * LETTERS on a text of ASCII only: the same runs (\p{L} is A-Z and a-z there, \p{M} nothing), without the Unicode
 * property classes, which cost ~0.15 ms to create and as much to compile at a fresh start (issue 15).
 */
const ASCII_LETTERS = /[A-Za-z]+/g
/** The expression that finds the letter runs of `s`. */
const lettersIn = (s: string): RegExp => NON_ASCII_LETTER.test(s) ? LETTERS : ASCII_LETTERS

const APOSTROPHES = /[’‘`´ʼ]/g
const QUOTES = /[«»“”„]/g
const SPACES = /\s+/g

/** One form for matching: lower case, one kind of apostrophe and space, no trailing full stop. */
export function normaliseMessage (s: string): string {
  return s.normalize('NFC').toLowerCase().replace(APOSTROPHES, "'").replace(QUOTES, '"').replace(SPACES, ' ')
}

/**
 * The index as knowledge/lexicon-index.ts stores it: the keys, numbers and codes as one small JSON text, and every
 * bucket of messages in one long string, each key pointing at its bucket's [start, length] there. A bucket is parsed
 * the first time a line has its key: parsing all ~3,700 rows at once cost ~10 ms and a garbage collection on every
 * start, and most texts need a handful of buckets.
 */
export type StoredLexicon = Omit<LexiconData, 'words' | 'pairs'> & {
  words: Record<string, [number, number]>
  pairs: Record<string, [number, number]>
  /** Every kind, `means`, program and direction the rows name, once: a stored row holds their indexes (-1: none). */
  strings: string[]
}

/** A row as stored: the parts as they are, every other string as its index in StoredLexicon.strings. */
type StoredRow = [parts: string[], kind: number, weight: number, means: number, program: number, direction: number, frames: 0 | 1]

/**
 * What the generator writes for `index`: the stored form (as JSON) and the buckets' text. The rows' kinds, `means`,
 * programs and directions repeat (3,718 rows, ~1,300 distinct strings): stored once each, they took the buckets from
 * 354 to ~200 KB, and the module explain compiles on every start shrank with them (issue 15).
 */
export function storedLexicon (index: LexiconData): { stored: StoredLexicon, buckets: string } {
  const strings: string[] = []
  const at = new Map<string, number>()
  const intern = (x: string | null): number => {
    if (x === null) return -1
    let i = at.get(x)
    if (i === undefined) { i = strings.length; strings.push(x); at.set(x, i) }
    return i
  }
  let buckets = ''
  const each = (m: Record<string, MessageRow[]>): Record<string, [number, number]> => Object.fromEntries(Object.entries(m).map(([k, rows]) => {
    const stored = rows.map(([parts, kind, weight, means, program, direction, frames]): StoredRow => [parts, intern(kind), weight, intern(means), intern(program), intern(direction), frames])
    const text = JSON.stringify(stored)
    const span: [number, number] = [buckets.length, text.length]
    buckets += text
    return [k, span]
  }))
  const words = each(index.words)
  const pairs = each(index.pairs)
  return { stored: { ...index, words, pairs, strings }, buckets }
}

/** The rows of one stored bucket (its text in the buckets string), as build-lexicon-index.ts built them. */
export function bucketRows (stored: Pick<StoredLexicon, 'strings'>, text: string): MessageRow[] {
  const s = stored.strings
  const or = (i: number): string | null => i === -1 ? null : s[i]!
  return (JSON.parse(text) as StoredRow[]).map(([parts, kind, weight, means, program, direction, frames]): MessageRow =>
    [parts, s[kind] as Kind, weight, s[means]!, or(program), or(direction) as Direction | null, frames])
}

/** Each bucket's rows become entries the first time a line asks for its key (lexicon-text.ts reads its text). */
const buckets = { words: new Map<string, MessageEntry[]>(), pairs: new Map<string, MessageEntry[]>() }

function entriesOf (map: 'words' | 'pairs', key: string): MessageEntry[] | undefined {
  const cached = buckets[map].get(key)
  if (cached !== undefined) return cached
  const span = bucketSpan(map, key)
  if (span === undefined) return undefined
  const list = bucketRows({ strings: lexiconSection('strings') }, bucketText(span[0], span[1])).map(([parts, kind, weight, means, program, direction, frames]): MessageEntry =>
    ({ parts, meaning: { kind, weight, means, ...(program !== null ? { program } : {}), ...(direction !== null ? { direction } : {}), ...(frames === 1 ? { frames: true } : {}) } }))
  buckets[map].set(key, list)
  return list
}

const hasKey = (map: 'words' | 'pairs', key: string): boolean => bucketSpan(map, key) !== undefined

/** Every known message (any language) found in `line`, with what it means. */
export function messagesIn (line: string): Array<Meaning & { text: string }> {
  const norm = normaliseMessage(line)
  const out: Array<Meaning & { text: string }> = []
  const tried = new Set<MessageEntry>()
  const check = (list: MessageEntry[] | undefined): void => {
    for (const e of list ?? []) {
      if (tried.has(e)) continue
      tried.add(e)
      let at = 0
      let start = -1
      let ok = true
      for (const p of e.parts) {
        const i = norm.indexOf(p, at)
        if (i === -1) { ok = false; break }
        if (start === -1) start = i
        at = i + p.length
      }
      // Quote the user's own words when normalising kept the length (it almost always does), else the normal form.
      if (ok) out.push({ ...e.meaning, text: (norm.length === line.length ? line : norm).slice(start, Math.min(at, start + 120)) })
      else {
        const retyped = retypedPrefix(e, () => lineLetters ??= lettersOf(norm))
        if (retyped !== null) out.push({ ...e.meaning, weight: e.meaning.weight * 0.8, means: `${e.meaning.means} (its first ${retyped[0]} of ${retyped[1]} letters)`, text: retyped[2] })
      }
    }
  }
  let lineLetters: string | undefined
  const letters = lettersIn(norm)
  letters.lastIndex = 0
  for (let m = letters.exec(norm); m !== null; m = letters.exec(norm)) {
    const run = m[0]
    if (UNSPACED.test(run)) {
      for (let i = 0; i + 1 < run.length; i++) check(entriesOf('pairs', run.slice(i, i + 2)))
    } else if (run.length >= 3 || DENSE.test(run)) {
      check(entriesOf('words', run))
    }
  }
  // A program's English template (`cannot connect to %s: %s`) matching the line's ASCII half must not hide the OS's
  // reason after it, whose accents the log's encoding lost: the reason is looked for until an OS text is found.
  if (line.includes('\ufffd') && !out.some((m) => m.program === undefined)) out.push(...mojibakeIn(norm))
  return out
}

let notLetters: RegExp | undefined
// Made at first use: only a line quoting a translated message gets here.
const lettersOf = (s: string): string => s.replace(notLetters ??= /[^\p{L}\p{M}]+/gu, '')

/**
 * A translated message as users quote it: cut short (the Japanese and Korean Windows texts without their last
 * words), retyped with other spaces and punctuation (`т.к` for `т.к.`, `대상컴퓨터` for `대상 컴퓨터`), or with a typo
 * late in it. Letters only, the longest start of the message the line contains; it counts when that is at least half
 * of the message and 8 letters (dense scripts) or 16 (others). English texts and programs' templates are left to the
 * exact match: their starts are shared by too many sentences. Returns [letters matched, letters in all, the start].
 */
function retypedPrefix (e: MessageEntry, lineLetters: () => string): [number, number, string] | null {
  // Only the OS's own sentences: programs' short messages and templates share their starts with their siblings.
  if (e.meaning.program !== undefined || e.parts.length !== 1 || !NON_ASCII_LETTER.test(e.parts[0]!)) return null
  const msg = lettersOf(e.parts[0]!)
  // The line's letters only now: the \p{L} expression costs ~0.5 ms to compile, and most lines never get here.
  const line = lineLetters()
  const least = Math.max(DENSE.test(msg) ? 8 : 16, Math.ceil(msg.length / 2))
  // The start that must be there has to be the translation's own (not an English word it begins with).
  if (msg.length < least || !NON_ASCII_LETTER.test(msg.slice(0, least)) || !line.includes(msg.slice(0, least))) return null
  // Containment of a prefix only shrinks as the prefix grows: the longest one is found by bisection.
  let lo = least
  let hi = msg.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (line.includes(msg.slice(0, mid))) lo = mid
    else hi = mid - 1
  }
  return [lo, msg.length, msg.slice(0, Math.min(lo, 80))]
}

// A program that prints its locale's text in Latin-1 (Perl under `use locale`, a Windows console's code page) into a
// UTF-8 log leaves U+FFFD where each accented letter was: `Connexion refus�e`. Such a line is matched against every
// text with its non-ASCII letters replaced the same way, keyed by its longest ASCII word.
let skeletons: Map<string, MessageEntry[]> | undefined

const skeleton = (s: string): string => s.replace(/[^\x00-\x7f]/g, '\ufffd')
const ASCII_WORDS = /[a-z]{4,}/g

function mojibakeIndex (): Map<string, MessageEntry[]> {
  if (skeletons) return skeletons
  const map = new Map<string, MessageEntry[]>()
  for (const key of bucketKeys('words')) {
    const list = entriesOf('words', key)!
    for (const e of list) {
      const parts = e.parts.map(skeleton)
      const words = parts.join(' ').match(ASCII_WORDS) ?? []
      if (words.length === 0 || parts.join('') === e.parts.join('')) continue
      const key = [...words].sort((a, b) => b.length - a.length)[0]!
      const bucket = map.get(key) ?? []
      bucket.push({ parts, meaning: { ...e.meaning, weight: e.meaning.weight * 0.9, means: `${e.meaning.means} (its accented letters lost in the log's encoding)` } })
      map.set(key, bucket)
    }
  }
  skeletons = map
  return map
}

function mojibakeIn (norm: string): Array<Meaning & { text: string }> {
  const line = skeleton(norm)
  const out: Array<Meaning & { text: string }> = []
  const seen = new Set<MessageEntry>()
  for (const word of new Set(line.match(ASCII_WORDS) ?? [])) {
    for (const e of mojibakeIndex().get(word) ?? []) {
      if (seen.has(e)) continue
      seen.add(e)
      let at = 0
      let start = -1
      const ok = e.parts.every((p) => {
        const i = line.indexOf(p, at)
        if (i === -1) return false
        if (start === -1) start = i
        at = i + p.length
        return true
      })
      if (ok) out.push({ ...e.meaning, text: norm.slice(start, Math.min(at, start + 120)) })
    }
  }
  return out
}

/** The words that key the known messages (the longest word of each): a line without one holds none of them. */
export function messageKeyWords (): string[] {
  return bucketKeys('words')
}

/** True when `line` has a word that starts a known message: the cheap half of messagesIn. */
export function mayHoldMessage (line: string): boolean {
  const norm = line.toLowerCase()
  const letters = lettersIn(norm)
  letters.lastIndex = 0
  for (let m = letters.exec(norm); m !== null; m = letters.exec(norm)) {
    const run = m[0]
    if (UNSPACED.test(run)) {
      for (let i = 0; i + 1 < run.length; i++) if (hasKey('pairs', run.slice(i, i + 2))) return true
    } else if (hasKey('words', run)) return true
  }
  return false
}

/** For tests and benchmarks: the regular expressions lexicon.ts runs over untrusted text. */
export function lexiconPatterns (): RegExp[] {
  return [UNSPACED, DENSE, LETTERS, ASCII_LETTERS, APOSTROPHES, QUOTES, SPACES, ASCII_WORDS, /[^\x00-\x7f]/g]
}
