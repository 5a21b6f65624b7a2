// Table 1: errno names <-> numbers per platform, for the socket, network and resolver codes explain cares about.
// Linux from the installed kernel UAPI headers, macOS from xnu and Libinfo, Windows from mingw-w64's headers,
// libuv's UV_E* numbers (what Node prints as `errno`) from libuv's headers and its Windows translation tables.
import { RESOLVER_CODES, SOCKET_CODES } from './codes.mjs'
import { evaluate, hresultFromWin32, parseDefines, preprocess, readInstalled, readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-errno.mjs'

const linuxBase = parseDefines(readInstalled('linux-errno-base'))
const linuxKernel = parseDefines(readInstalled('linux-errno-base') + '\n' + readInstalled('linux-errno'))
// glibc adds ENOTSUP (as EOPNOTSUPP) where the kernel's headers have none; the kernel's definitions come first.
const linux = parseDefines(readInstalled('linux-errno-base') + '\n' + readInstalled('linux-errno') + '\n' + readInstalled('glibc-bits-errno'))
const glibcNetdb = parseDefines(readInstalled('glibc-netdb'))
/** What a user-space program sees on current macOS: UNIX03 conformance, the full C level, not the kernel. */
const MACOS_USER = { __DARWIN_UNIX03: 1, __DARWIN_C_FULL: 900000, __DARWIN_C_LEVEL: 900000 }
const xnu = parseDefines(preprocess(readSource('xnu-errno'), MACOS_USER))
const libinfo = parseDefines(preprocess(readSource('libinfo-netdb'), MACOS_USER))
const wsa = parseDefines(readSource('mingw-wsa-errnos') + '\n' + readSource('mingw-winsock2') + '\n' + readSource('mingw-winerror'))
const ws2tcpip = parseDefines(readSource('mingw-ws2tcpip'))

/** include/uv/errno.h: UV__EX is -errno where the platform defines EX (not on Windows), else libuv's own number. */
function uvErrnoH (text) {
  const table = new Map()
  const lines = text.split('\n')
  for (let i = 0; i < lines.length; i++) {
    const guard = /^#if defined\((E\w+)\) && !defined\(_WIN32\)$/.exec(lines[i])
    if (guard) {
      const own = /^# define UV__(E\w+) \((-\d+)\)$/.exec(lines[i + 3])
      if (own && own[1] === guard[1] && /UV__ERR\(/.test(lines[i + 1])) table.set(guard[1], { own: Number(own[2]), line: i + 4 })
      continue
    }
    const fixed = /^#define UV__(EAI_\w+|EOF|UNKNOWN)\s+\((-\d+)\)$/.exec(lines[i])
    if (fixed) table.set(fixed[1], { fixed: Number(fixed[2]), line: i + 1 })
  }
  return table
}
const uv = uvErrnoH(readSource('libuv-errno'))
const uvMessages = new Map([...readSource('libuv-errno-map').matchAll(/XX\((\w+), "([^"]*)"\)/g)].map((m) => [m[1], m[2]]))
/** Windows system codes libuv translates into each UV_ code (src/win/error.c, and getaddrinfo.c for resolver codes). */
function uvWinMap (id) {
  const map = new Map()
  for (const m of readSource(id).matchAll(/case (\w+):\s+return UV_(\w+);/g)) {
    if (!map.has(m[2])) map.set(m[2], [])
    map.get(m[2]).push(m[1])
  }
  return map
}
const uvFromWinSys = uvWinMap('libuv-win-error')
const uvFromWinGai = uvWinMap('libuv-win-getaddrinfo')

/** The mingw-w64 header that defines a Windows name (WSA_* aliases ERROR_* codes in winsock2.h). */
function windowsHeader (name) {
  return name.startsWith('ERROR_') ? ['mingw-winerror'] : name.startsWith('WSA_') ? ['mingw-winsock2', 'mingw-winerror'] : ['mingw-wsa-errnos']
}

function windowsCode (name, extraSources) {
  const code = evaluate(wsa, name)
  if (code === undefined) return null
  const h = hresultFromWin32(code)
  return { name, code, hresult: h.hex, hresultSigned: h.signed, sources: [...windowsHeader(name), ...extraSources] }
}

function platformErrno (defines, name, sourceId) {
  const value = evaluate(defines, name)
  if (value === undefined) return null
  const d = defines.get(name)
  const aliasOf = /^[A-Z]\w*$/.test(d.raw) ? d.raw : undefined
  return { errno: value, ...(aliasOf ? { aliasOf } : {}), comment: d.comment, source: sourceId }
}

function libuvFor (name, linuxEntry, macosEntry) {
  const u = uv.get(name)
  if (!u) return null
  const uvName = `UV_${name}`
  if (u.fixed !== undefined) {
    return { name: uvName, message: uvMessages.get(name) ?? null, linux: u.fixed, macos: u.fixed, windows: u.fixed, source: 'libuv-errno' }
  }
  // On Unix libuv reports -errno where the platform has the code, and its own number where it does not.
  return {
    name: uvName,
    message: uvMessages.get(name) ?? null,
    linux: linuxEntry ? -linuxEntry.errno : u.own,
    macos: macosEntry ? -macosEntry.errno : u.own,
    windows: u.own,
    source: 'libuv-errno',
  }
}

/** Every Windows code that surfaces as this name: the WSA code of the same name, and what libuv maps onto it. */
function windowsCodes (name, mapped) {
  const codes = []
  const direct = `WSA${name}`
  const seen = new Set()
  for (const winName of [direct, ...(mapped ?? [])]) {
    if (seen.has(winName)) continue
    seen.add(winName)
    const c = windowsCode(winName, mapped?.includes(winName) ? ['libuv-win-error'] : [])
    if (c) codes.push(c)
  }
  return codes
}

const entries = []
for (const name of SOCKET_CODES) {
  const l = platformErrno(linux, name, linuxBase.has(name) ? 'linux-errno-base' : linuxKernel.has(name) ? 'linux-errno' : 'glibc-bits-errno')
  const m = platformErrno(xnu, name, 'xnu-errno')
  const uvEntry = libuvFor(name, l, m)
  entries.push({ name, family: 'socket', linux: l, macos: m, windows: windowsCodes(name, uvFromWinSys.get(name)), libuv: uvEntry })
}

for (const name of RESOLVER_CODES) {
  const l = platformErrno(glibcNetdb, name, 'glibc-netdb')
  const m = platformErrno(libinfo, name, 'libinfo-netdb')
  // ws2tcpip.h defines EAI_X as a WSA name (EAI_NONAME -> WSAHOST_NOT_FOUND) or, for EAI_NODATA, a bare number.
  const winAlias = ws2tcpip.get(name)
  const mapped = [...(uvFromWinGai.get(name) ?? [])]
  const windows = []
  if (winAlias) {
    const target = /^[A-Z_]\w*$/.test(winAlias.raw) ? winAlias.raw : null
    const c = target ? windowsCode(target, ['mingw-ws2tcpip']) : null
    if (c) windows.push(c)
    else if (/^\d+$/.test(winAlias.raw)) {
      const code = Number(winAlias.raw)
      const wsaName = [...wsa.keys()].find((k) => /^WSA/.test(k) && evaluate(wsa, k) === code)
      const h = hresultFromWin32(code)
      windows.push({ name: wsaName ?? name, code, hresult: h.hex, hresultSigned: h.signed, sources: ['mingw-wsa-errnos', 'mingw-ws2tcpip'] })
    }
  }
  for (const winName of mapped) {
    if (windows.some((w) => w.name === winName)) {
      windows.find((w) => w.name === winName).sources.push('libuv-win-getaddrinfo')
      continue
    }
    const c = windowsCode(winName, ['libuv-win-getaddrinfo'])
    if (c) windows.push(c)
  }
  const u = uv.get(name)
  const libuv = u ? { name: `UV_${name}`, message: uvMessages.get(name) ?? null, linux: u.fixed, macos: u.fixed, windows: u.fixed, source: 'libuv-errno' } : null
  const node = name === 'EAI_NONAME' || name === 'EAI_NODATA' ? { code: 'ENOTFOUND', source: 'node-dns-exception' } : undefined
  entries.push({ name, family: 'resolver', linux: l, macos: m, windows, libuv, ...(node ? { node } : {}) })
}

// A name no platform knows is a typo in the lists above, not a fact.
for (const e of entries) {
  if (!e.linux && !e.macos && e.windows.length === 0 && !e.libuv) throw new Error(`${e.name}: found in no source`)
}

const cited = new Set(['node-dns-exception'])
for (const e of entries) {
  for (const p of [e.linux, e.macos, e.libuv]) if (p) cited.add(p.source)
  for (const w of e.windows) w.sources.forEach((s) => cited.add(s))
}

const types = typeImports(['UnixErrno', 'WindowsCode', 'LibuvCode', 'ErrnoEntry'])

const file = writeModule('errno', {
  generator: GENERATOR,
  summary: [
    'errno names <-> numbers: Linux (installed kernel headers, glibc netdb.h), macOS (xnu, Libinfo), Windows (mingw-w64',
    'headers; HRESULT_FROM_WIN32 forms), libuv (the err.errno Node prints). Every entry cites its sources by id.',
  ],
  types,
  exports: [
    { name: 'errnoSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries([...cited].sort().map((id) => [id, source(id)])), doc: 'The sources the entries cite, by id.' },
    { name: 'errnoTable', type: 'readonly ErrnoEntry[]', value: entries, doc: 'One entry per code; socket codes first, then resolver (EAI_*) codes.' },
  ],
})
console.log(`${file}: ${entries.length} codes (${SOCKET_CODES.length} socket, ${RESOLVER_CODES.length} resolver)`)
