// Every source the knowledge tables are generated from, named once. A table entry cites a source by its id; the
// generated module carries the records it cites, so an entry's origin is readable without this file.
//
// Repository sources were read from snapshots of the public repositories (the session's `fetch` tool; any clone of
// the same commit is the same text). `file` is the extract committed under tools/knowledge/sources/ and `extract`
// the line filter extract-sources.mjs applies. Installed sources are read from this machine's Debian packages.
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export const sourcesDir = fileURLToPath(new URL('./sources/', import.meta.url))

const XNU = 'e3723e1f17661b24996789d8afc084c0c3303b26'
const LIBINFO = '39b70c515baee5b609e7e91693edbd934b6845a1'
const MINGW = '9b3dd0125792fe94d16cacdc596dbd42fca1b369'
const LIBUV = '1cfa32ff59c076ffb6ed735bbc8c18361558661f'
const GLIBC = 'c804cd1c00adde061ca51711f63068c103e94eef'
const CURL_NEW = '68720b4837284335b2d63cb358f8f6ce65f5bc55'
const CURL_OLD = '046209e561b7e9b5aab1aef7daebf29ee6e6e8c7'
const CHROMIUM = '0182b17bc505e3d68ffd2269d18e1a2fa5bc8876'

/** Repository sources, in the order extract-sources.mjs must process them (winerrorSubset last: it keeps the ERROR_* names the others mention). */
export const SOURCES = [
  { id: 'xnu-errno', project: 'xnu (macOS kernel)', version: 'xnu-11417.101.15', repo: 'apple-oss-distributions/xnu', commit: XNU, path: 'bsd/sys/errno.h', file: 'apple-oss-distributions+xnu/bsd/sys/errno.h', extract: 'defineEWithConditions' },
  { id: 'libinfo-netdb', project: 'Libinfo (macOS libc resolver)', version: 'Libinfo-600', repo: 'apple-oss-distributions/Libinfo', commit: LIBINFO, path: 'lookup.subproj/netdb.h', file: 'apple-oss-distributions+Libinfo/lookup.subproj/netdb.h', extract: 'defineEAIWithConditions' },
  { id: 'mingw-wsa-errnos', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/psdk_inc/_wsa_errnos.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/psdk_inc/_wsa_errnos.h', extract: 'all' },
  { id: 'mingw-ws2tcpip', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/ws2tcpip.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/ws2tcpip.h', extract: 'defineEAI' },
  { id: 'libuv-errno', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'include/uv/errno.h', file: 'libuv+libuv/include/uv/errno.h', extract: 'uvErrnoH' },
  { id: 'libuv-errno-map', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'include/uv.h', file: 'libuv+libuv/include/uv.h', extract: 'uvErrnoMap' },
  { id: 'libuv-win-error', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'src/win/error.c', file: 'libuv+libuv/src/win/error.c', extract: 'uvWinMap' },
  { id: 'libuv-win-getaddrinfo', project: 'libuv', version: 'v1.52.1', repo: 'libuv/libuv', commit: LIBUV, path: 'src/win/getaddrinfo.c', file: 'libuv+libuv/src/win/getaddrinfo.c', extract: 'uvWinMap' },
  { id: 'mingw-winsock2', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/winsock2.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/winsock2.h', extract: 'defineWSA' },
  { id: 'mingw-winerror', project: 'mingw-w64 headers', version: 'v14.0.0', repo: 'mingw-w64/mingw-w64', commit: MINGW, path: 'mingw-w64-headers/include/winerror.h', file: 'mingw-w64+mingw-w64/mingw-w64-headers/include/winerror.h', extract: 'winerrorSubset' },
  { id: 'glibc-errlist', project: 'GNU C Library', version: 'glibc-2.36 (Debian 12 ships 2.36)', repo: 'bminor/glibc', commit: GLIBC, path: 'sysdeps/gnu/errlist.h', file: 'bminor+glibc/sysdeps/gnu/errlist.h', extract: 'glibcList' },
  { id: 'glibc-gai-strerror', project: 'GNU C Library', version: 'glibc-2.36 (Debian 12 ships 2.36)', repo: 'bminor/glibc', commit: GLIBC, path: 'sysdeps/posix/gai_strerror-strs.h', file: 'bminor+glibc/sysdeps/posix/gai_strerror-strs.h', extract: 'glibcList' },
  { id: 'curl-h', project: 'curl', version: 'curl 8.21.0', repo: 'curl/curl', commit: CURL_NEW, path: 'include/curl/curl.h', file: 'curl+curl/curl-8_21_0/include/curl/curl.h', extract: 'curlEnum' },
  { id: 'curl-strerror', project: 'curl', version: 'curl 8.21.0', repo: 'curl/curl', commit: CURL_NEW, path: 'lib/strerror.c', file: 'curl+curl/curl-8_21_0/lib/strerror.c', extract: 'curlStrerror' },
  { id: 'curl-h-7.88.1', project: 'curl', version: 'curl 7.88.1 (Debian 12)', repo: 'curl/curl', commit: CURL_OLD, path: 'include/curl/curl.h', file: 'curl+curl/curl-7_88_1/include/curl/curl.h', extract: 'curlEnum' },
  { id: 'curl-strerror-7.88.1', project: 'curl', version: 'curl 7.88.1 (Debian 12)', repo: 'curl/curl', commit: CURL_OLD, path: 'lib/strerror.c', file: 'curl+curl/curl-7_88_1/lib/strerror.c', extract: 'curlStrerror' },
  // Too large to fetch whole (the snapshot limit); read with the search tool's read_file and transcribed verbatim,
  // NET_ERROR lines and the comment block before each.
  { id: 'chromium-net-errors', project: 'Chromium', version: 'main', repo: 'chromium/chromium', commit: CHROMIUM, path: 'net/base/net_error_list.h', file: 'chromium+chromium/net/base/net_error_list.h', extract: null },
]

/** /usr/include/<triplet>/<file> for this machine's architecture (x86_64-linux-gnu, aarch64-linux-gnu …). */
function multiarch (file) {
  const dirs = existsSync('/usr/include') ? readdirSync('/usr/include').filter((d) => /-linux-gnu/.test(d)) : []
  const dir = dirs.find((d) => existsSync(`/usr/include/${d}/${file}`)) ?? 'x86_64-linux-gnu'
  return `/usr/include/${dir}/${file}`
}

/** Sources on this machine: read at generation time from their installed path. */
export const INSTALLED = [
  { id: 'linux-errno-base', project: 'Linux kernel UAPI headers', package: 'linux-libc-dev', path: '/usr/include/asm-generic/errno-base.h' },
  { id: 'linux-errno', project: 'Linux kernel UAPI headers', package: 'linux-libc-dev', path: '/usr/include/asm-generic/errno.h' },
  // glibc's own additions to the kernel's list (ENOTSUP = EOPNOTSUPP); the directory is the multiarch triplet.
  { id: 'glibc-bits-errno', project: 'GNU C Library', package: 'libc6-dev', path: multiarch('bits/errno.h') },
  { id: 'glibc-netdb', project: 'GNU C Library', package: 'libc6-dev', path: '/usr/include/netdb.h' },
  { id: 'libc-l10n', project: 'GNU C Library translations', package: 'libc-l10n', path: '/usr/share/locale/*/LC_MESSAGES/libc.mo' },
]

/** Documents (RFCs, registries) whose facts were transcribed into a committed input file. */
export const DOCUMENTS = [
  { id: 'node-dns-exception', project: 'Node.js', repo: 'nodejs/node', path: 'lib/internal/errors.js', version: 'main (DNSException; read with the search tool, no commit pinned)', url: 'https://github.com/nodejs/node/blob/main/lib/internal/errors.js' },
  { id: 'rfc6455', project: 'RFC 6455 The WebSocket Protocol', url: 'https://www.rfc-editor.org/rfc/rfc6455#section-7.4.1', version: 'December 2011' },
  { id: 'iana-ws-close', project: 'IANA WebSocket Close Code Number Registry', url: 'https://www.iana.org/assignments/websocket/websocket.xhtml#close-code-number' },
  { id: 'rfc9110', project: 'RFC 9110 HTTP Semantics', url: 'https://www.rfc-editor.org/rfc/rfc9110#section-15', version: 'June 2022' },
]
