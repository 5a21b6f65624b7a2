/**
 * The shapes of explain's knowledge tables, declared once by hand; every generated table (tools/knowledge/gen-*.mjs)
 * imports its types from here.
 */
/** Where facts came from: a repository file at a commit, an installed Debian package file, or a document. */
export interface KnowledgeSource {
  id: string
  project: string
  version?: string
  repo?: string
  commit?: string
  path?: string
  /** The committed extract of a repository file the generator reads (tools/knowledge/sources/…). */
  extract?: string
  package?: string
  url?: string
  /** owner/repo#N, when the facts are quoted from a GitHub issue rather than a file. */
  issue?: string
}

// ---- aria2 --------------------------------------------------------------------------------------------------------
export interface Aria2ExitCode {
  /** aria2c's exit status, which its log lines also print as `errorCode=N`. */
  code: number
  /** The manual's sentence for it, as written there ("If time out occurred."). */
  text: string
  source: string
}

// ---- chromium -----------------------------------------------------------------------------------------------------
export interface ChromiumNetError {
  /** As Chrome shows it: ERR_CONNECTION_REFUSED (net::ERR_CONNECTION_REFUSED in logs). */
  name: string
  code: number
  /** The comment above the NET_ERROR line, continuation lines joined. */
  comment: string
  source: string
}

// ---- curl ---------------------------------------------------------------------------------------------------------
export interface CurlCode {
  /** The CURLcode, which is also the curl tool's exit status for it. */
  code: number
  name: string
  /** curl_easy_strerror's text (null for numbers libcurl no longer uses). */
  text: string | null
  obsolete: boolean
  source: string
  /** Debian 12's curl 7.88.1, where its name or text differs from the current release. */
  debian12?: { name: string; text: string | null; source: string }
}

// ---- errno --------------------------------------------------------------------------------------------------------
/** A code's number on a Unix platform, with the comment its header gives (often, not always, the strerror text). */
export interface UnixErrno {
  errno: number
  /** Set when the header defines the name as another name (EWOULDBLOCK -> EAGAIN). */
  aliasOf?: string
  comment: string
  source: string
}

/** A Windows code reported for this name; hresult is HRESULT_FROM_WIN32(code) as .NET and COM print it. */
export interface WindowsCode {
  name: string
  code: number
  hresult: string
  hresultSigned: number
  /** The header that defines it and, when libuv translates it to this name, libuv's table. */
  sources: string[]
}

/** libuv's number for the code: what Node puts in err.errno (Linux -111, macOS -61, Windows -4078 for ECONNREFUSED). */
export interface LibuvCode {
  name: string
  /** uv_strerror's text. */
  message: string | null
  linux: number
  macos: number
  windows: number
  source: string
}

export interface ErrnoEntry {
  /** The POSIX name, as Node puts it in err.code. */
  name: string
  family: 'socket' | 'resolver'
  linux: UnixErrno | null
  macos: UnixErrno | null
  windows: WindowsCode[]
  libuv: LibuvCode | null
  /** What Node reports instead of the name, when it differs (getaddrinfo ENOTFOUND). */
  node?: { code: string; source: string }
}

// ---- glibc-messages -----------------------------------------------------------------------------------------------
export interface GlibcMessage {
  /** The English text (the catalogue msgid) glibc prints in the C locale. */
  en: string
  source: string
  /** Language directory of /usr/share/locale (de, pt_BR, zh_CN …) -> the translation libc.mo gives. */
  translations: Record<string, string>
}

export interface GlibcLanguage {
  file: string
  projectVersion: string | null
  team: string | null
  charset: string
  /** How many of this table's texts the catalogue translates. */
  texts: number
}

// ---- gpg-errors ---------------------------------------------------------------------------------------------------
export interface GpgErrorCode {
  /** libgpg-error's name: GPG_ERR_NO_NAME; a system error is GPG_ERR_ and its errno's name (GPG_ERR_ECONNREFUSED). */
  code: string
  /** Its gpg_err_code_t in gpg-error.h; a system error's is GPG_ERR_SYSTEM_ERROR (1 << 15) | its line in errnos.in. */
  number: number
  /** A system error's errno: gpg_strerror prints strerror's text for it, so the texts are the C library's. */
  errno?: string
  /** The English text gpg_strerror prints in the C locale. */
  en: string
  /** Language directory of /usr/share/locale -> the text in that language (libgpg-error.mo, or libc.mo for a system error). */
  translations: Record<string, string>
  /**
   * The kind of failure it means where dirmngr returns it: one of explain's KINDS, or null: the places disagree, or
   * (a system error) explain's reading of the errno decides.
   */
  kind: string | null
  /** 0..1 when `kind` is set: how sure the code alone makes us. */
  weight?: number
  /** Why this kind, or why none. */
  note: string
  /** Where gnupg returns it: `path:line` at the labels' commit. */
  where: string[]
  /** Source ids: the text's, the translations', the label's. */
  sources: string[]
}

export interface GpgErrorLanguage {
  file: string
  projectVersion: string | null
  /** How many of this table's texts the catalogue translates. */
  texts: number
}

// ---- program-messages ---------------------------------------------------------------------------------------------
/**
 * A program's own message that is evidence of a failure. One shape for both origins: the gettext catalogues of the
 * installed programs (English msgid and its translations) and tools' English wording quoted from their source code.
 */
export interface ProgramMessage {
  /** Who prints it: a program or library ('libpq', 'postgres', 'wget', 'git', 'redis-server', 'nginx', 'vite' …). */
  program: string
  /** The kind of failure this message is evidence for: one of explain's KINDS (src/diagnose/explain/signatures.ts). */
  kind: string
  /** What the failing operation was, when the message says so. */
  direction?: 'listen' | 'connect' | 'resolve' | 'read' | 'tls' | 'proxy' | 'wait'
  /** 0..1: 1 when only that failure prints it, less when the words are shared with other failures. */
  weight: number
  /** The English text as a printf template: every variable part is a placeholder (%s, %d, %m, %1$s, %c …). */
  en: string
  /** Language (the locale directory name: de, pt_BR, zh_CN …) -> the translated template, where a catalogue has one. */
  translations: Record<string, string>
  /** A source id of the table's `programMessageSources` record (repository+path+commit, installed package, URL, owner/repo#N). */
  source: string
  note?: string
}

// ---- protocol-codes -----------------------------------------------------------------------------------------------
export interface WebSocketCloseCode {
  code: number
  /** The IANA registry's name. */
  name: string
  /** False for codes an endpoint must never send (1005, 1006, 1015: they only describe what happened locally). */
  sentOnWire: boolean
  meaning: string
  source: string
}

export interface WebSocketCloseRange {
  from: number
  to: number
  meaning: string
  source: string
}

export interface HttpStatus {
  status: number
  /** RFC 9110's title (the reason phrase servers usually send). */
  title: string
  /** RFC 9110 section. */
  section: string
  meaning: string
  /** True for the statuses a proxy or gateway sends when its upstream failed it. */
  proxyUpstream: boolean
  source: string
}

// ---- windows-messages ---------------------------------------------------------------------------------------------
export interface QuotedText {
  /** Where the text was quoted: owner/repo#N (a GitHub issue) or a URL. */
  source: string
  /** The line it appeared in, exactly. */
  quote: string
  /** False when the quote has no number and the code is given by the message's meaning. */
  codeInQuote: boolean
  note?: string
}

export interface WindowsMessageText {
  /** BCP 47 tag: en, zh-Hans, es, fr, ru, de … */
  lang: string
  /** The message exactly as quoted (trailing period as the source has it). */
  text: string
  quotes: QuotedText[]
}

export interface WindowsMessage {
  code: number
  name: string
  texts: WindowsMessageText[]
}

// ---- nsurl --------------------------------------------------------------------------------------------------------
/** One code of Apple's NSURLErrorDomain, as Foundation's URLError.Code declares it. */
export interface NsUrlError {
  /** NSURLErrorDomain's number, which `Error Domain=NSURLErrorDomain Code=-1004 …` prints. */
  code: number
  /** Swift's URLError.Code case: cannotConnectToHost. */
  name: string
  /** The Objective-C constant: NSURLErrorCannotConnectToHost. */
  objcName: string
  /** swift-corelibs-foundation's own NSURLError constant, where its number differs from URLError.Code's. */
  corelibsConstant?: number
  /** What swift-corelibs-foundation's libcurl transport turns into this code (curl's code, the connect errno; null: any). */
  fromCurl?: Array<{ curl: string | null, errno: string | null }>
  source: string
}

/** One of CFStream's error domains, which Apple's errors print as `_kCFStreamErrorDomainKey=1`. */
export interface CfStreamErrorDomain {
  name: string
  code: number
  /** The header's comment. */
  comment: string
  source: string
}

// ---- mozilla ------------------------------------------------------------------------------------------------------
/** One of Mozilla's error codes: NSPR's PR_*_ERROR, NSS's SSL_ERROR_*, Necko's NS_ERROR_* (an nsresult). */
export interface MozillaError {
  /** As the library's own table names it (PR_ErrorToName), which is what programs print. */
  name: string
  /** sslerr.h's name, where it differs from the library's (renamed in one and not the other). */
  headerName?: string
  family: 'nspr' | 'nss-ssl' | 'necko'
  /** NSPR's and NSS's PRErrorCode (negative); Necko's nsresult as an unsigned 32-bit number (0x804B000D). */
  code: number
  /** The header's or ErrorList.py's comment above the code. */
  comment: string
  /** Necko codes: the NSPR codes Gecko's socket transport turns into this one (ErrorAccordingToNSPR). */
  fromNspr?: string[]
  source: string
}

// ---- winhttp ------------------------------------------------------------------------------------------------------
/** One of the 12xxx codes WinHTTP and WinINet share a numbering for (INTERNET_ERROR_BASE = WINHTTP_ERROR_BASE = 12000). */
export interface WinHttpError {
  /** The Win32 error code: `[WinError 12029]`, `error 12029`. */
  code: number
  /** HRESULT_FROM_WIN32, as .NET, PowerShell, Windows Update and Office print it: 0x80072EFD. */
  hresult: string
  /** The same HRESULT as a signed 32-bit number (.NET's HResult): -2147012867. */
  hresultSigned: number
  /** winhttp.h's name (ERROR_WINHTTP_CANNOT_CONNECT); null where WinHTTP has none for the number. */
  winhttp: string | null
  /** wininet.h's name (ERROR_INTERNET_CANNOT_CONNECT, ERROR_HTTP_INVALID_SERVER_RESPONSE); null where WinINet has none. */
  wininet: string | null
  sources: string[]
}

// ---- qt -----------------------------------------------------------------------------------------------------------
/** One of Qt's socket or proxy error texts (QIODevice::errorString() of a QTcpSocket …) with Qt's own translations. */
export interface QtMessage {
  /** The translation context: the Qt class that sets the text (QNativeSocketEngine, QAbstractSocket, QHostInfoAgent …). */
  context: string
  en: string
  kind: string
  weight: number
  direction?: 'listen' | 'connect' | 'resolve' | 'proxy'
  /** Language (the catalogue's suffix: de, pt_BR, zh_CN) -> Qt's text; absent where the catalogue leaves it untranslated. */
  translations: Record<string, string>
  source: string
}

/** A sentence of Chromium's error page, with its translations (chromium-pages.ts). */
export interface ChromiumPageMessage {
  /** As the page shows it, the host name a %s placeholder: `%s refused to connect.` */
  en: string
  kind: string
  weight: number
  /** The net errors Chromium shows the sentence for. */
  netErrors: string[]
  /** Its resource ids in the packs the table was made from (a build's own numbering). */
  ids: number[]
  /** Locale pack (de, pt-BR, zh-CN …) -> the sentence; absent where it is the English one. */
  translations: Record<string, string>
  source: string
}

/** A sentence of Firefox's error page, with its translations (firefox-pages.ts). */
export interface FirefoxPageMessage {
  /** Its key in Firefox's appstrings.properties (connectionFailure, netTimeout …). */
  key: string
  /** The English, the host a %s placeholder: `Firefox can’t establish a connection to the server at %s.` */
  en: string
  kind: string
  weight: number
  /** The nsresult Firefox shows it for. */
  error: string
  /** Language pack (de, pt-BR, zh-CN …) -> the sentence; absent where it is the English one. */
  translations: Record<string, string>
  source: string
}

/** A value of one of Qt's error enums, as a Qt program prints it (`QNetworkReply::ConnectionRefusedError`, or its number). */
export interface QtErrorCode {
  /** The enum: 'QAbstractSocket::SocketError' or 'QNetworkReply::NetworkError'. */
  enum: string
  name: string
  code: number
  kind: string
  weight: number
  direction?: 'listen' | 'connect' | 'resolve' | 'tls' | 'proxy'
  source: string
}

/**
 * A client library's own error name (client-errors.ts): a Node or undici code, an llhttp parse error, a Python or Java
 * exception class. `kind` only where the name alone says which failure it is (labelled by hand, with `why`).
 */
export interface ClientError {
  /** node, undici, llhttp, http.client, urllib.error, urllib3, requests, httpx, httpcore, aiohttp, h11, java. */
  library: string
  /** The code (ERR_STREAM_PREMATURE_CLOSE, HPE_INVALID_CONSTANT) or the class name (RemoteDisconnected). */
  name: string
  /** undici's `err.code` for its class (UND_ERR_SOCKET for SocketError). */
  code?: string
  /** llhttp's number for the code. */
  number?: number
  /** The module or package that defines the class (urllib3.exceptions, java.nio.channels). */
  module?: string
  /** Its base classes, as the source names them. */
  parent?: string
  /** The message the library builds for it by default; placeholders as %s. */
  message?: string
  /** The first paragraph of the class's own docstring (the enum member's summary). */
  doc?: string
  /**
   * How users see it, when not by its name alone: `qualified`, only with its module (an enum value such as .NET's
   * `ResponseEnded` is a common pair of words: `HttpRequestError.ResponseEnded`); `message`, only by its text (a
   * resource key is never printed).
   */
  match?: 'qualified' | 'message'
  kind?: string
  weight?: number
  direction?: 'listen' | 'connect' | 'resolve' | 'read' | 'tls' | 'proxy' | 'wait'
  /** Why the name means that kind. */
  why?: string
  source: string
}

// ---- tls ----------------------------------------------------------------------------------------------------------
/**
 * One error code of a TLS library, as its programs print it: OpenSSL's reason codes (`error:0A00010B:SSL
 * routines::wrong version number`, Python's `[SSL: WRONG_VERSION_NUMBER]`, Node's `ERR_SSL_WRONG_VERSION_NUMBER`),
 * OpenSSL's SSL_get_error() results (`SSL_ERROR_SYSCALL`), GnuTLS's codes (`GNUTLS_E_PREMATURE_TERMINATION`, -110).
 */
export interface TlsError {
  library: 'openssl' | 'gnutls' | 'mbedtls' | 'schannel'
  /** The header's macro: SSL_R_WRONG_VERSION_NUMBER, BIO_R_CONNECT_ERROR, SSL_ERROR_SYSCALL, GNUTLS_E_PREMATURE_TERMINATION. */
  name: string
  /** GnuTLS: the header's other names for the code (an old name kept beside a renamed one). */
  aliases?: string[]
  /** OpenSSL: the library's number (ERR_LIB_SSL 20, ERR_LIB_BIO 32); absent for SSL_get_error() results and GnuTLS. */
  lib?: number
  /** OpenSSL: the reason (267) or SSL_get_error() result (5); GnuTLS and Mbed TLS: the (negative) code; Schannel: the HRESULT as a signed 32-bit number (-2146893018). */
  code: number
  /** OpenSSL 3's packed code as it prints it (ERR_PACK: lib << 23 | reason), 8 hex digits: 0A00010B; Mbed TLS's code as the header writes it and programs print it: -0x7280. */
  packed?: string
  /** Schannel: the HRESULT unsigned (2148074278); `packed` is its hex as winerror.h writes it, 0x80090326. */
  unsigned?: number
  /** The library's English text (ERR_reason_error_string, gnutls_strerror, mbedtls_strerror with its `SSL - ` module prefix); SSL_get_error() results have none. */
  text: string | null
  /** explain's kind, labelled by hand (LABELS in tools/knowledge/gen-tls.mjs); most codes have none. */
  kind?: string
  weight?: number
  /** Why the label: what makes the library return the code. */
  why?: string
  source: string
  /** Schannel: where the English text comes from, when not from `source` (the SDK's MessageText, through winresult). */
  textSource?: string
}

/** How OpenSSL packs lib and reason into one code, read from each version's err.h. */
export interface OpensslPacking {
  version: string
  libShift: number
  libMask: number
  /** 1.1 only: the function code's place (f << 12). */
  funcShift?: number
  reasonMask: number
  /** 3.0: a system error is ERR_SYSTEM_FLAG | errno (INT_MAX + 1). */
  systemFlag?: number
  source: string
}
