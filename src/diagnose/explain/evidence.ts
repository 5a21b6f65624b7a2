/**
 * The evidence explain reads in a text, each piece with the kind it counts for, how much, what it means and the line
 * it is on: codes (ECONNREFUSED, WSAECONNREFUSED, net::ERR_…, curl exit codes, Rust/.NET/Python/Java/Erlang names),
 * numbers with the platform that prints them that way (`[Errno 111]`, `[WinError 10061]`, `os error 61`, `errno = 111`,
 * HRESULT 0x8007274D, libuv's -4078), the C library's and Windows' messages in any language, tools' own wording (the
 * signatures' phrases), the direction (a bind or a connect), and context words. Pure; every regular expression here
 * is linear (no nested quantifiers), so the time is bounded on any input.
 */
import { SIGNATURES, type Kind } from './signatures.js'
import {
  LANGUAGE_NAMES, LISTEN_WEIGHT, TRIGGER_WORDS, aria2Meaning, chromiumMeaning, closeCodeMeaning, codeMeaning, codeNamesUsed, curlMeaning,
  httpStatusMeaning, languageMeaning, mayHoldMessage, messageKeyWords, messagesIn, mozillaMeaning, ntStatusMeaning, nsUrlMeaning, numberMeanings, opensslCodeMeaning, qtMeaning, tlsMeaning, winHttpMeaning, type Meaning, type Platform,
} from './lexicon.js'
import { mayMatch, type Haystack } from './literal-needles.js'
import { gpgReasonOf, gpgReasonPatterns } from './gpg-reason.js'
import { foreignBytesMeaning, foreignLengthMeaning } from './foreign-bytes.js'

/** code: a name (ECONNREFUSED); number: an error number read for its platform; message: a known text in any language;
 * phrase: a signature's wording; context: words that place the failure (a container, WSL); learned: words that often
 * mean a kind in labelled texts (learned.ts, the fallback when the rules find little). The direction is a field. */
export type EvidenceType = 'code' | 'number' | 'message' | 'phrase' | 'context' | 'learned'

export interface Evidence extends Meaning {
  type: EvidenceType
  /** The words of the text it was read from (at most 80 characters). */
  text: string
  /** 1-based line of the text it is on. */
  line: number
}

const NON_ASCII = /[^\x00-\x7f]/
/** ASCII words, CamelCase split (ConnectException is `connect` + `exception`), upper-case runs whole (ECONNREFUSED). */
const ASCII_WORD = /[A-Z]?[a-z]{2,}|[A-Z]{3,}/g

let triggers: Set<string> | undefined

function triggerWords (): Set<string> {
  if (triggers) return triggers
  const set = new Set(TRIGGER_WORDS)
  for (const name of codeNamesUsed()) for (const w of name.toLowerCase().split('_')) if (w.length >= 3) set.add(w)
  for (const w of messageKeyWords()) if (!NON_ASCII.test(w)) set.add(w)
  triggers = set
  return set
}

/**
 * A cheap test, run on every line of a streamed log, that a line may carry evidence: false means explain would find
 * nothing in it on its own. May say true too often (the caller then analyses it), never false for a line with evidence.
 * One pass over the line's ASCII words and a set lookup for each; the Unicode scan only for lines that are not ASCII.
 */
export function lineMayMatter (line: string): boolean {
  const set = triggerWords()
  ASCII_WORD.lastIndex = 0
  for (let m = ASCII_WORD.exec(line); m !== null; m = ASCII_WORD.exec(line)) if (set.has(m[0].toLowerCase())) return true
  return (NON_ASCII.test(line) && mayHoldMessage(line)) || gpgReasonOf(line).length > 0
}

// ---- where codes and numbers are printed --------------------------------------------------------------------------

/** value: the error number a printed one stands for, when the program folds it into a numbering of its own. */
interface NumberForm { re: RegExp, platforms: Platform[], weight: number, what: string, value?: (printed: string) => string | null }

/**
 * APR's status numbers, as Subversion prints them (`svn: E000111: …`, `svnserve: E000098: …`, in every language):
 * below 20,000 the errno itself; from 670,000 (APR_OS_START_EAIERR) getaddrinfo's EAI_* code, glibc's negative
 * code made positive (apache/apr include/apr_errno.h, network_io/unix/sockaddr.c @ b5068bae0d054a38fd1f3e5a741574a13ed6e23b, 1.7.2).
 */
function aprStatus (printed: string): string | null {
  const n = Number(printed)
  if (n > 0 && n < 20000) return String(n)
  if (n > 670000 && n < 670100) return String(-(n - 670000))
  return null
}

/** Each way programs print an error number, and the platforms whose numbering it uses. */
const NUMBER_FORMS: NumberForm[] = [
  // Python: OSError's errno (POSIX numbering, or getaddrinfo's negative EAI_* on Linux); Windows socket codes as is.
  { re: /\[Errno (-?\d{1,5})\]/g, platforms: ['linux', 'macos', 'windows'], weight: 1, what: 'errno' },
  { re: /\[WinError (\d{1,5})\]/gi, platforms: ['windows'], weight: 1, what: 'WinError' },
  // Rust's io::Error Display, and its Debug `Os { code: 111, … }`.
  { re: /\bos error ?(\d{1,5})\b/g, platforms: ['linux', 'macos', 'windows'], weight: 1, what: 'os error' },
  { re: /\bOs \{ code: (\d{1,5})/g, platforms: ['linux', 'macos', 'windows'], weight: 1, what: 'Os code' },
  // Dart (`errno = 111`), Node's inspect (`errno: -111`, libuv's numbers), C programs (`errno=111`).
  { re: /\berrno ?[=:] ?(-?\d{1,5})\b/gi, platforms: ['linux', 'macos', 'windows', 'libuv'], weight: 1, what: 'errno' },
  // C programs that print errno under another name (`errcode = 98`, `err=111`) or bare after "failed." (`bind()
  // failed. (98)`): the same numbers, a little less surely.
  { re: /\b(?:errcode|err) ?[=:] ?(\d{2,5})\b/gi, platforms: ['linux', 'macos', 'windows'], weight: 0.9, what: 'errno' },
  { re: /\bfailed\.? \((\d{2,5})\)/g, platforms: ['linux', 'macos', 'windows'], weight: 0.85, what: 'errno' },
  // A read or write that failed, its errno alone in parentheses (wget2: "Failed to read 102400 bytes (104)").
  { re: /\bFailed to (?:read|write|send|receive|recv) \d{1,12} bytes \((\d{2,5})\)/gi, platforms: ['linux', 'macos', 'windows'], weight: 0.85, what: 'errno' },
  { re: /\bE(\d{6}): /g, platforms: ['linux', 'macos'], weight: 0.9, what: 'APR status', value: aprStatus },
  // .NET: SocketException (10061), and the HRESULT forms COM and .NET print (0x8007274D, -2147014835).
  { re: /SocketException \((\d{1,5})\)/g, platforms: ['windows'], weight: 1, what: 'SocketException' },
  { re: /\b(0x8007[0-9A-Fa-f]{4})\b/g, platforms: ['windows'], weight: 1, what: 'HRESULT' },
  { re: /(-21470\d{5})\b/g, platforms: ['windows'], weight: 1, what: 'HRESULT' },
  // MySQL's `system error: 110` is errno; `error 10061`, `error code 10061`, `Socket error # 10061` name a number too.
  // nginx's "failed (%d: %s)": the errno, then its text.
  { re: /\bfailed \((\d{1,5}): /g, platforms: ['linux', 'macos'], weight: 1, what: 'errno' },
  { re: /\bsystem error: (\d{1,5})\b/g, platforms: ['linux', 'macos', 'windows'], weight: 1, what: 'system error' },
  { re: /\b(?:error code|error|Socket Error #) ?:? ?(\d{3,5})\b/gi, platforms: ['linux', 'macos', 'windows'], weight: 0.8, what: 'error' },
  // MySQL's CR_CONN_HOST_ERROR "Can't connect to MySQL server on '%s' (%d)", and any "(10061)": a Windows socket code
  // in parentheses is distinctive; a small number there is weaker (it could be anything).
  { re: /server on '[^'\n]{0,255}' \((\d{1,5})\)/g, platforms: ['linux', 'macos', 'windows'], weight: 1, what: 'errno' },
  { re: /\((1\d{4})\)/g, platforms: ['windows'], weight: 0.9, what: 'Windows code' },
  // Apple's CFNetwork errors carry the stream error beside them: domain 1 is kCFStreamErrorDomainPOSIX, whose code is
  // an errno (knowledge/nsurl-errors.ts, CFStream.h): `_kCFStreamErrorCodeKey=61, _kCFStreamErrorDomainKey=1`.
  { re: /_kCFStreamErrorCodeKey=(\d{1,3}), _kCFStreamErrorDomainKey=1\b/g, platforms: ['macos'], weight: 1, what: 'CFStream POSIX error' },
  { re: /_kCFStreamErrorDomainKey=1, _kCFStreamErrorCodeKey=(\d{1,3})\b/g, platforms: ['macos'], weight: 1, what: 'CFStream POSIX error' },
]

interface CodeForm { re: RegExp, read: (m: RegExpExecArray) => Meaning | null }

const wordsOf = (names: string[]): string => names.join('|')

/** A Schannel HRESULT as printed (0x80090326, -2146893018, 2148074278): the index files it under each form. */
const schannelMeaning = (printed: string): Meaning | null => tlsMeaning(`schannel:${printed.toLowerCase()}`, printed)

const CODE_FORMS: CodeForm[] = [
  // POSIX, Windows and libuv names, and Node's ENOTFOUND.
  { re: /\b((?:WSA|UV_)?E[A-Z]{3,}[A-Z_]*|EAI_[A-Z]+|WSAHOST_NOT_FOUND|WSATRY_AGAIN|WSANO_DATA)\b/g, read: (m) => codeMeaning(m[1]!) },
  { re: /\bcurl: \((\d{1,3})\)/g, read: (m) => curlMeaning(Number(m[1])) },
  // libcurl's number as PHP's wrappers print it, ahead of curl's text (which a terminal may wrap mid-word): Composer's
  // "curl error N while downloading URL: …" (composer 2.5.5-1+deb12u5, /usr/share/php/Composer/Util/Http/CurlDownloader.php
  // line 365) and Guzzle's "cURL error N: …" (guzzle/guzzle src/Handler/CurlFactory.php @ 2779e868a00289e1b1fd854af030c43a06f4bcb4).
  { re: /\bcurl error (\d{1,3}) while downloading\b|\bcURL error (\d{1,3}): /g, read: (m) => curlMeaning(Number(m[1] ?? m[2])) },
  // Samba's NTSTATUS names (smbclient: `Connection to HOST failed (Error NT_STATUS_CONNECTION_REFUSED)`).
  { re: /\bNT_STATUS_([A-Z_]{4,40})\b/g, read: (m) => ntStatusMeaning(m[1]!) },
  // aria2c: `Exception: [AbstractCommand.cc:340] errorCode=2 Timeout.` (the text after it is translated).
  { re: /\berrorCode=(\d{1,2})\b/g, read: (m) => aria2Meaning(Number(m[1])) },
  { re: /\b(?:net::)?(ERR_[A-Z_]{4,})\b/gi, read: (m) => chromiumMeaning(m[1]!.toUpperCase()) },
  // Apple's NSURLErrorDomain as NSError/CFError print it (`Error Domain=NSURLErrorDomain Code=-1004 "…"`), its
  // fallback description (`(NSURLErrorDomain error -1004.)`) and the Objective-C names (NSURLErrorCannotConnectToHost).
  { re: /\bError Domain=NSURLErrorDomain Code=(-\d{1,4})\b|\(NSURLErrorDomain error (-\d{1,4})\.\)/g, read: (m) => nsUrlMeaning(Number(m[1] ?? m[2])) },
  { re: /\b(NSURLError[A-Z][A-Za-z]{4,40})\b/g, read: (m) => nsUrlMeaning(m[1]!) },
  // Mozilla's: NSPR's and NSS's names (Firefox's error page, curl built with NSS), Necko's names and nsresults.
  { re: /\b(PR_[A-Z_]{4,40}_ERROR|SSL_ERROR_[A-Z0-9_]{4,60}|NS_ERROR_[A-Z0-9_]{4,60})\b/g, read: (m) => mozillaMeaning(m[1]!) },
  { re: /\b(0x804[bB][0-9a-fA-F]{4})\b/g, read: (m) => mozillaMeaning(m[1]!) },
  // TLS libraries' codes (knowledge/tls-errors.ts): OpenSSL's error queue as it prints it (`error:0A00010B:SSL
  // routines::wrong version number` in 3.0, `error:1408F10B:SSL routines:ssl3_get_record:…` in 1.1), Python's
  // `[SSL: WRONG_VERSION_NUMBER]` and Node's `ERR_SSL_WRONG_VERSION_NUMBER` (the reason's name), the macros by name
  // (curl's `SSL_ERROR_SYSCALL`, GnuTLS's `GNUTLS_E_…`), curl's GnuTLS backend (`GnuTLS recv error (-110)`) and Ruby's
  // OpenSSL::SSL::SSLError, which prints the reason's text after the handshake state (`state=error: wrong version number`).
  { re: /\berror:([0-9A-Fa-f]{8}):/g, read: (m) => opensslCodeMeaning(m[1]!) },
  { re: /\[SSL: ([A-Z0-9_]{4,80})\]|\bERR_SSL_([A-Z0-9_]{4,80})\b/g, read: (m) => tlsMeaning(`SSL_R_${m[1] ?? m[2]!}`, m[0]) },
  { re: /\b((?:SSL_R|BIO_R|GNUTLS_E)_[A-Z0-9_]{3,80}|SSL_ERROR_(?:SYSCALL|ZERO_RETURN))\b/g, read: (m) => tlsMeaning(m[1]!) },
  { re: /\bGnuTLS (?:recv|send) error \((-\d{1,5})\)/g, read: (m) => tlsMeaning(`gnutls:${m[1]!}`, m[0]) },
  { re: /\bSSL_connect returned=\d{1,3} errno=\d{1,5} [^\n]{0,200}?state=[^:\n]{1,60}: ([a-z][a-z0-9 ]{2,60}[a-z0-9])/g, read: (m) => tlsMeaning(`text:${m[1]!}`, m[1]) },
  // Mbed TLS: its codes as negative hex (`mbedtls_ssl_handshake returned -0x7280`, curl's `(-0x7200)`) and
  // mbedtls_strerror's `SSL - …` / `NET - …` texts, the module's name first.
  { re: /\b(MBEDTLS_ERR_[A-Z0-9_]{3,60})\b/g, read: (m) => tlsMeaning(m[1]!) },
  { re: /(?<![\w.-])(-0x[0-9A-Fa-f]{4})\b/g, read: (m) => tlsMeaning(`mbedtls:${m[1]!.toLowerCase()}`, `Mbed TLS ${m[1]!}`) },
  { re: /\b((?:SSL|NET) - [A-Z][a-z][^\n]{4,100}?)(?=$|\n| \(|\.? ?\))/gm, read: (m) => tlsMeaning(`text:${m[1]!}`, m[1]) },
  // Schannel's (Windows' TLS) codes: by name (curl: `schannel: next InitializeSecurityContext failed:
  // SEC_E_ILLEGAL_MESSAGE (0x80090326) - …`), as an HRESULT in parentheses (.NET's `Win32Exception (0x80090326)`, curl's
  // `(0x80090326)` after a name), after `HRESULT`/`HResult`, as the signed decimal .NET prints (`-2146893018`), and bare
  // hex only on a line with a TLS word (SSPI's facility, 0x8009…, holds CryptoAPI's codes too). The index knows only
  // the labelled ones; the name and the number of one code count once (Meaning.code).
  { re: /\b((?:SEC_[EI]|CRYPT_E)_[A-Z0-9_]{2,60})\b/g, read: (m) => tlsMeaning(m[1]!) },
  { re: /\((0x[08]009[0-9A-Fa-f]{4})\)|\bHRESULT\b[:= ]{0,3}(0x[08]009[0-9A-Fa-f]{4}|-21468\d{5}|2148\d{6})\b/gi, read: (m) => schannelMeaning(m[1] ?? m[2]!) },
  { re: /(?<![\w-])(-21468\d{5})\b/g, read: (m) => schannelMeaning(m[1]!) },
  { re: /\b(?:SSL|TLS|[Ss]channel|SSPI|[Hh]andshake|[Cc]ertificate|[Ss]ecure channel)\b[^\n]{0,200}?\b(0x[08]009[0-9A-Fa-f]{4})\b|\b(0x[08]009[0-9A-Fa-f]{4})\b(?=[^\n]{0,200}?\b(?:SSL|TLS|[Ss]channel|SSPI|[Hh]andshake|[Cc]ertificate|[Ss]ecure channel)\b)/g, read: (m) => schannelMeaning(m[1] ?? m[2]!) },
  // WinHTTP's and WinINet's names (their numbers and HRESULTs are read with the other Windows numbers).
  { re: /\b(ERROR_(?:WINHTTP|INTERNET|HTTP)_[A-Z_]{4,50})\b/g, read: (m) => winHttpMeaning(m[1]!) },
  // Qt's error enums as qDebug() prints them (`QAbstractSocket::ConnectionRefusedError`,
  // `QNetworkReply::NetworkError(TimeoutError)`), PyQt's and PySide's `QNetworkReply.NetworkError.HostNotFoundError`, and
  // a number a Qt class names (`QNetworkReply error 1`: the int a program printed).
  { re: /\b(QAbstractSocket|QNetworkReply)(?:::|\.)(?:(?:SocketError|NetworkError)(?:::|\.|\())?(\w{1,40})\b/g, read: (m) => qtMeaning(m[1] as 'QAbstractSocket', m[2]!) },
  { re: /\b(QNetworkReply|QNetworkAccessManager|QAbstractSocket|QTcpSocket|QUdpSocket|QSslSocket|QTcpServer|QWebSocket)\b[^\n]{0,40}?\b[Ee]rror(?: code)?[ :=#(]{1,3}(\d{1,3})\b/g, read: (m) => qtMeaning(m[1]!.startsWith('QNetwork') ? 'QNetworkReply' : 'QAbstractSocket', m[2]!) },
  // The CamelCase names many runtimes share (Rust's kinds, Bun, .NET's SocketError, Metasploit's Rex) standing alone.
  { re: /\b(ConnectionRefused|ConnectionReset|ConnectionAborted|AddrInUse|AddressAlreadyInUse|AddrNotAvailable|HostUnreachable|NetworkUnreachable)\b/g, read: (m) => languageMeaning('rust-kind', m[1]!) ?? languageMeaning('dotnet-socket-error', m[1]!) },
  // An errno name as an Erlang or Elixir atom, anywhere: lower-case `econnrefused` is printed by nothing else.
  { re: /\b(econnrefused|econnreset|econnaborted|eaddrinuse|eaddrnotavail|etimedout|ehostunreach|enetunreach|nxdomain)\b/g, read: (m) => languageMeaning('erlang-atom', m[1]!) },
  { re: new RegExp(`\\bkind: (${wordsOf(LANGUAGE_NAMES('rust-kind'))})\\b`, 'g'), read: (m) => languageMeaning('rust-kind', m[1]!) },
  { re: new RegExp(`\\bSocketError(?:Code)?[.:= ]+(${wordsOf(LANGUAGE_NAMES('dotnet-socket-error'))})\\b`, 'g'), read: (m) => languageMeaning('dotnet-socket-error', m[1]!) },
  { re: new RegExp(`\\b(${wordsOf(LANGUAGE_NAMES('python-exception'))})\\b`, 'g'), read: (m) => languageMeaning('python-exception', m[1]!) },
  { re: new RegExp(`\\b(${wordsOf(LANGUAGE_NAMES('java-exception'))})\\b`, 'g'), read: (m) => languageMeaning('java-exception', m[1]!) },
  // Erlang `{error,econnrefused}`, `{inet,[inet],nxdomain}`; Elixir `{:error, :econnrefused}`, `reason: :timeout`.
  { re: new RegExp(`(?:\\{error,|\\{:error, ?:|reason: ?:?|\\[:?inet6?\\],|\\{:?failed_connect,)\\s?\\{?:?(${wordsOf(LANGUAGE_NAMES('erlang-atom'))})\\b`, 'g'), read: (m) => languageMeaning('erlang-atom', m[1]!) },
  // WebSocket close codes as clients print them (`closed: 1006`: a CloseEvent's code logged after the word), and HTTP statuses.
  { re: /\b(?:close ?code|closed with code|closed?|code|received|sent|with code)[:= (]{0,3}(1\d{3})\b/gi, read: (m) => closeCodeMeaning(Number(m[1])) },
  { re: /\b(?:HTTP\/\d(?:\.\d)? |status(?: code)?[:= ]{1,3}|Response code:? )(4(?:21|26)|50[234])\b/gi, read: (m) => httpStatusMeaning(Number(m[1])) },
  // A length or size that is another protocol's first bytes read as a number (foreign-bytes.ts): `Bad packet length
  // 1213486160`, `Invalid receive (size = 1195725856 …)`, `Packet len1213486160`; and four bytes printed in hex.
  { re: /\b(?:len(?:gth)?|size|packet|frame|message|receive|payload|record)(?![a-z])[^\n\d]{0,30}?(?<![\d.:-])(\d{8,10})(?!\d|[.:]\d)/gi, read: (m) => foreignLengthMeaning(m[1]!) },
  { re: /(?<![\w.:,-])(\d{9,10})(?![\w]|[.:,]\d)/g, read: (m) => foreignLengthMeaning(m[1]!, true) },
  { re: /\bgot \(([0-9a-f]{1,2}),([0-9a-f]{1,2}),([0-9a-f]{1,2}),([0-9a-f]{1,2})\)/gi, read: (m) => foreignBytesMeaning([m[1]!, m[2]!, m[3]!, m[4]!]) },
]

/**
 * The operation a line is about: a server binding (then EACCES is a port, not a file) or a client connecting.
 * PHP's stream_socket_server() reports a failed bind as "Unable to connect to %s (%s)" (php/php-src
 * ext/standard/streamsfuncs.c @ 00443c77e48cf43304addf6195b1e7986a9604c6, PHP_FUNCTION(stream_socket_server)): the
 * function's name is the bind, whatever the sentence says, so it is read before CONNECT.
 */
const LISTEN = /\b(?:listen(?:ing)?|bind|bound|BindException|ServerSocket|createServer|(?:stream_)?socket_server|server socket|Failed to listen|Cannot listen|could not bind|make_sock|start(?:ing)? (?:the )?server|serve)\b|bind\(|listen\(/i
const CONNECT = /\b(?:connect|dial|Connecting|Connection to|to address)\b|connect\(/i

/** A line as `docker compose` prints a service's output (`api-1  | …`, `web_1  | …`): the program runs in a container. */
export const COMPOSE_LOG_PREFIX = /^[ \t]*[\w.-]+[-_]\d+[ \t]+\|/m
const LOG_DECORATION = /^(?:[ \t]*[\w.-]+[-_]\d+[ \t]+\| ?|#\d+ \d+\.\d+ )/gm

/**
 * The text without what a log runner puts in front of each line: compose's service prefix (`web_1  | `) and
 * BuildKit's step and time (`#9 0.329 `). A message a program split over lines (libpq's "on host … and accepting /
 * TCP/IP connections on port …") reads whole again.
 */
export function undecorated (text: string): string {
  return text.replace(LOG_DECORATION, '')
}

/** Words that place the failure somewhere: in a container, behind a proxy, in WSL or an emulator. */
const CONTEXT: Array<{ re: RegExp, kind: Kind, weight: number, means: string }> = [
  { re: /host\.docker\.internal|gateway\.docker\.internal|host-gateway/, kind: 'container-localhost', weight: 0.85, means: 'a name only Docker provides' },
  { re: /\b(?:docker(?:-compose)?|compose|container|kubernetes|kubectl|k8s|podman|pod)\b/i, kind: 'container-localhost', weight: 0.3, means: 'the text is about a container' },
  { re: COMPOSE_LOG_PREFIX, kind: 'container-localhost', weight: 0.3, means: 'a compose log prefix' },
  { re: /\bport-forward\b|\b10\.0\.2\.2\b|\bWSL2?\b|\bemulator\b|\bsimulator\b|\bflutter\b|\bReact Native\b|\bAndroid\b/i, kind: 'container-localhost', weight: 0.3, means: 'another machine\'s localhost (port-forward, WSL, a phone emulator)' },
]

// ---- the program that printed it ----------------------------------------------------------------------------------

export interface Tool {
  id: string
  re: RegExp
  /**
   * The client tries every address a name resolves to before it gives up (Happy Eyeballs or a loop over getaddrinfo's
   * answers), so a refusal it reports was a refusal on all of them: `localhost` meaning ::1 cannot trap it.
   */
  triesEvery?: boolean
  /** It prints a line for each address it tried (libpq, wget, curl -v): one ::1 line means ::1 was the only address. */
  reportsEach?: boolean
  why?: string
}

const TOOLS: Tool[] = [
  { id: 'node', re: /\bnode:(?:net|internal|events)\b|\bNode\.js v\d+|\bTCPConnectWrap\b/ },
  { id: 'go', re: /\bdial tcp[46]? /, triesEvery: true, why: 'Go\'s Dialer tries each address of the name in turn' },
  { id: 'python', re: /Traceback \(most recent call last\)|\bFile "[^"\n]{1,300}", line \d+|\burllib3\b|\brequests\.exceptions\b|\baiohttp\b|\bhttpx\b/, triesEvery: true, why: 'Python\'s socket.create_connection and asyncio try every address getaddrinfo returns' },
  { id: 'curl', re: /\bcurl: \(\d+\)/, triesEvery: true, why: 'curl races the addresses (Happy Eyeballs)' },
  { id: 'curl-verbose', re: /^\* +(?:Trying|connect to) \S+/m, triesEvery: true, reportsEach: true, why: 'curl -v prints each address it tries' },
  { id: 'libpq', re: /\bpsql: |connection to server at "|\bpg_isready\b/, triesEvery: true, reportsEach: true, why: 'libpq tries each address of the host in turn' },
  { id: 'wget', re: /^--\d{4}-\d\d-\d\d \d\d:\d\d:\d\d--|\bwget: /m, triesEvery: true, reportsEach: true, why: 'wget tries each address of the host in turn' },
  { id: 'ruby', re: /\(Errno::E[A-Z]+\)|\.rb:\d+:in [`']/, triesEvery: true, why: 'Ruby\'s TCPSocket tries each address in turn' },
  { id: 'java', re: /\bat java\.base\/|\bjava\.net\.\w+Exception|\bat (?:java|jdk|sun)\.[\w.$]+\(/ },
  { id: 'rust', re: /\bos error \d+|\bkind: [A-Z][A-Za-z]+\b/ },
  { id: 'dotnet', re: /\bSystem\.Net\.\w+|\bSocketException \(\d+\)/ },
  { id: 'php', re: /\bPHP (?:Warning|Fatal error)|^Warning: \w+\(\)/m },
  { id: 'erlang', re: /\{error,|\{:error, ?:/ },
  { id: 'browser', re: /\bnet::ERR_[A-Z_]+/ },
]

/** Node 20 turned Happy Eyeballs on by default (`autoSelectFamily`): from then on it tries every address too. */
const NODE_VERSION = /\bNode\.js v(\d+)\./

/** The programs the text shows printed it, and whether each tries every address of a name. */
export function toolsOf (text: string, hay: Haystack = { text }): Tool[] {
  const out: Tool[] = []
  for (const t of TOOLS) {
    if (!mayMatch(t.re, hay) || !t.re.test(text)) continue
    if (t.id === 'node') {
      const major = Number(NODE_VERSION.exec(text)?.[1] ?? 0)
      out.push(major >= 20 ? { ...t, triesEvery: true, why: `Node ${major} tries every address (autoSelectFamily, on by default since Node 20)` } : t)
    } else out.push(t)
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------------

function lineStarts (text: string): number[] {
  const starts = [0]
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1)
  return starts
}

function lineAt (starts: number[], index: number): number {
  let lo = 0
  let hi = starts.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (starts[mid]! <= index) lo = mid
    else hi = mid - 1
  }
  return lo + 1
}

const MAX_PER_FORM = 50

function eachMatch (re: RegExp, hay: Haystack, fn: (m: RegExpExecArray) => void): void {
  if (!mayMatch(re, hay)) return
  const text = hay.text
  re.lastIndex = 0
  let n = 0
  for (let m = re.exec(text); m !== null && n < MAX_PER_FORM; m = re.exec(text)) {
    n++
    if (m[0].length === 0) re.lastIndex++
    fn(m)
  }
}

const snippet = (s: string): string => s.trim().slice(0, 80)

// ---- lines that are not what happened ------------------------------------------------------------------------------

/**
 * Node's uncaught-error header echoes the throwing source line with a caret under it, and Python 3.11 marks the
 * failing expression of a frame's source line with `^^^^`: the line above such a line is code. (A frame's source line
 * alone is not blanked: `python3 -c` prints none, and the next line is then the error.)
 */
const CARET_LINE = /^[ \t]*\^+[ \t]*$/
/** An inspected object's private field (`_closeCode: 1006`, ws' initial value): its state, not an event. */
const PRIVATE_FIELD = /^[ \t]+_[\w$]{1,60}: /
/**
 * A list of codes (got's `retry.errorCodes`, a retry policy): one quoted name per line, or several in brackets; and
 * a table of them (Node's http.STATUS_CODES, `'426': 'Upgrade Required',`, inside an inspected agent); a list of
 * statuses (got's `retry.statusCodes: [ 408, 413, 429, 500, 502, 503, … ]`).
 */
const LISTED_CODE = /^[ \t]*'[A-Z][A-Z0-9_]{2,40}',?[ \t]*$|\[ ?'[A-Z][A-Z0-9_]{2,40}', '[A-Z][A-Z0-9_]{2,40}'|^[ \t]*'\d{3}': '[^'\n]{1,60}',?[ \t]*$|^[ \t]*\d{3}(?:, {1,3}\d{3}){1,20},?[ \t]*$|\[ ?\d{3}(?:, \d{3}){2,20}/

/**
 * `text` with the lines that are code or configuration blanked (kept as empty lines, so line numbers stay): the
 * source line Node and Python mark with a caret (`reject(new FetchError(\`network timeout at: …\`))` is the
 * throw site, whatever happened), an object's private fields and the lists of codes an options object carries
 * (got prints `errorCodes: [ 'ETIMEDOUT', 'EADDRINUSE', … ]` under every error it throws). Their words name what
 * could happen, not what did.
 */
export function withoutCodeLines (text: string): string {
  if (!text.includes('^') && !text.includes("'") && !text.includes('_')) return text
  const lines = text.split('\n')
  let changed = false
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!
    if (CARET_LINE.test(line) && i > 0 && lines[i - 1] !== '') { lines[i - 1] = ''; changed = true }
    else if (PRIVATE_FIELD.test(line) || LISTED_CODE.test(line)) { lines[i] = ''; changed = true }
  }
  return changed ? lines.join('\n') : text
}

/** Every piece of evidence in `text` (already normalised: no escape sequences, `\n` line ends). */
export function evidenceOf (original: string): Evidence[] {
  const text = withoutCodeLines(original)
  const starts = lineStarts(text)
  const hay: Haystack = { text }
  const out: Evidence[] = []
  const push = (type: EvidenceType, m: Meaning, words: string, index: number): void => {
    out.push({ ...m, type, text: snippet(words), line: lineAt(starts, index) })
  }

  for (const form of CODE_FORMS) {
    eachMatch(form.re, hay, (m) => {
      const meaning = form.read(m)
      if (meaning) push('code', meaning, m[0], m.index)
    })
  }
  for (const form of NUMBER_FORMS) {
    eachMatch(form.re, hay, (m) => {
      const n = form.value ? form.value(m[1]!) : m[1]!
      if (n !== null) for (const meaning of numberMeanings(n, form.platforms, form.weight)) push('number', meaning, m[0], m.index)
    })
  }
  const lines = text.split('\n')
  for (let i = 0; i < lines.length && i < 5000; i++) {
    const line = lines[i]!
    if (!mayHoldMessage(line)) continue
    for (const hit of messagesIn(line)) out.push({ ...hit, type: 'message', text: snippet(hit.text), line: i + 1 })
  }
  // libgpg-error's code texts count only as the reason a GnuPG program prints last on its line (gpg-reason.ts).
  for (let i = 0; i < lines.length && i < 5000; i++) {
    for (const hit of gpgReasonOf(lines[i]!)) out.push({ ...hit, type: 'code', text: snippet(hit.text), line: i + 1 })
  }
  for (const sig of SIGNATURES) {
    for (const pat of sig.patterns) {
      if (!mayMatch(pat.re, hay)) continue
      const m = pat.re.exec(text)
      if (m !== null) push('phrase', { kind: sig.kind, weight: pat.weight, means: `${sig.kind} wording` }, m[0], m.index)
    }
  }
  for (const c of CONTEXT) {
    if (!mayMatch(c.re, hay)) continue
    const m = c.re.exec(text)
    if (m !== null) push('context', { kind: c.kind, weight: c.weight, means: c.means }, m[0], m.index)
  }
  // The direction is read from the source lines too: a traceback's `s.bind((host, port))` says what was attempted.
  markDirections(out, text === original ? lines : original.split('\n'))
  reasonsOverTemplates(out, lines)
  return out
}

/**
 * A program's message often only frames the OS's reason ("Failed to listen on %s (reason: %s)", "connect to %s
 * failed: %s"): when the reason is on the same line and means another kind, the reason decides. The template's own
 * kind stays a candidate, at no more than half weight.
 */
function reasonsOverTemplates (out: Evidence[], lines: string[]): void {
  for (const t of out) {
    if (t.program === undefined) continue
    // The reason is the OS's (a code, a number, its text), a wording the signatures are sure of (gRPC's "last error:
    // … Trying to connect an http1.x server"), or, in a message that frames one, another program's own
    // sentence that frames nothing (ncat's "Connection to %s failed: %s." matching psql's line, whose end is
    // libpq's translated "timeout expired").
    // On the template's line: a phrase is reported where it first matched, so its words on this line count too.
    const onLine = (r: Evidence): boolean => r.line === t.line || (r.type === 'phrase' && (lines[t.line - 1]?.includes(r.text) ?? false))
    const reason = out.find((r) => r !== t && onLine(r) && r.kind !== t.kind && r.weight >= 0.45 &&
      (r.type === 'code' || r.type === 'number' || r.type === 'message' || (r.type === 'phrase' && r.weight >= 0.9)) &&
      (r.program === undefined || (t.frames === true && r.frames !== true && r.program !== t.program)))
    if (reason && t.weight > 0.5) {
      t.weight = 0.5
      t.means += `, whose reason (${reason.text}) says more`
    }
  }
}

/**
 * A code that means one thing in a bind and another elsewhere: EACCES next to a bind or listen is a privileged or
 * reserved port, not a file. The direction is read from the evidence's line and the few lines above it (a Python
 * traceback names `s.bind(...)` two lines before the error).
 */
function markDirections (out: Evidence[], lines: string[]): void {
  for (const e of out) {
    const from = Math.max(0, e.line - 4)
    const near = lines.slice(from, e.line + 1).join('\n')
    const here = lines[e.line - 1] ?? ''
    if (e.direction === undefined) {
      if (LISTEN.test(here) || (!CONNECT.test(here) && LISTEN.test(near))) e.direction = 'listen'
      else if (CONNECT.test(here)) e.direction = 'connect'
    }
    const boost = e.direction === 'listen' ? LISTEN_WEIGHT[e.kind] : undefined
    if (boost !== undefined && boost > e.weight && e.type !== 'context') {
      e.weight = boost
      e.means += ', in a bind'
    }
  }
}

/** For tests and benchmarks: every regular expression evidence.ts runs over untrusted text. */
export function evidencePatterns (): RegExp[] {
  return [...NUMBER_FORMS.map((f) => f.re), ...CODE_FORMS.map((f) => f.re), LISTEN, CONNECT, NON_ASCII, ASCII_WORD, ...CONTEXT.map((c) => c.re), ...TOOLS.map((t) => t.re), NODE_VERSION,
    CARET_LINE, PRIVATE_FIELD, LISTED_CODE, LOG_DECORATION, ...gpgReasonPatterns()]
}
