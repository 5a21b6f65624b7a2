// Mozilla's error codes that Firefox, Thunderbird and programs built on NSS print by name: NSPR's PR_*_ERROR
// (`Error code: PR_CONNECT_RESET_ERROR` on Firefox's error page; curl built with NSS: `NSS error -5961
// (PR_CONNECT_RESET_ERROR)`), NSS's SSL_ERROR_* (SSL_ERROR_RX_RECORD_TOO_LONG: HTTPS to a plain-HTTP port) and
// Necko's NS_ERROR_* nsresults (the browser console's `NS_ERROR_CONNECTION_REFUSED`, `0x804b000d`).
// NSPR and NSS: the installed headers (names, numbers, comments), checked against the installed libraries' own error
// tables, which also give NSS's English texts. Necko: Gecko's ErrorList.py (the NETWORK module's codes and the
// arithmetic that makes their nsresult) and the socket transport's NSPR-to-Necko mapping, transcribed extracts.
import { spawnSync } from 'node:child_process'
import { readInstalled, readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-mozilla.mjs'
const ERRORLIST = 'gecko:xpcom/base/ErrorList.py'
const TRANSPORT = 'gecko:netwerk/base/nsSocketTransport2.cpp'

const entries = []

// prerr.h: `/* comment */` then `#define PR_X_ERROR (-5981L)`; PR_MAX_ERROR is the list's end, not a code.
let comment = ''
for (const line of readInstalled('nspr-prerr').split('\n')) {
  const c = /^\/\* (.*?) \*\/$/.exec(line)
  if (c) { comment = c[1]; continue }
  const d = /^#define (PR_\w+_ERROR) +\((-\d+)L\)$/.exec(line)
  if (d && d[1] !== 'PR_MAX_ERROR') entries.push({ name: d[1], family: 'nspr', code: Number(d[2]), comment, source: 'nspr-prerr' })
  if (line.trim() === '') comment = ''
}

// sslerr.h: `SSL_ERROR_X = (SSL_ERROR_BASE + N),` in an enum; its comments are few (`error 0 is obsolete`).
const base = /^#define SSL_ERROR_BASE +\(-0x([0-9a-f]+)\)$/im.exec(readInstalled('nss-sslerr'))
if (!base) throw new Error('no SSL_ERROR_BASE in sslerr.h')
for (const m of readInstalled('nss-sslerr').matchAll(/^ {4}(SSL_ERROR_\w+)(?: \/\*\w*\s*\*\/)? *= \(SSL_ERROR_BASE \+ *(\d+)\),?$/gm)) {
  entries.push({ name: m[1], family: 'nss-ssl', code: -parseInt(base[1], 16) + Number(m[2]), comment: '', source: 'nss-sslerr' })
}

// The libraries' tables: PR_ErrorToName must give the header's name back; PR_ErrorToString is NSS's English text.
// NSPR registers its table in PR_Init, libssl3 its own on first use of an SSL function (SSL_OptionSetDefault).
const py = `
import ctypes, json, sys
nspr = ctypes.CDLL('libnspr4.so'); ssl = ctypes.CDLL('libssl3.so')
nspr.PR_ErrorToName.restype = ctypes.c_char_p; nspr.PR_ErrorToString.restype = ctypes.c_char_p
nspr.PR_Init(1, 1, 0); ssl.SSL_OptionSetDefault(1, 1)
out = {}
for code in json.load(sys.stdin):
  n = nspr.PR_ErrorToName(code); s = nspr.PR_ErrorToString(code, 0)
  out[code] = [n.decode() if n else None, s.decode() if s else None]
print(json.dumps(out))`
const run = spawnSync('python3', ['-c', py], { input: JSON.stringify(entries.map((e) => e.code)), encoding: 'utf8' })
if (run.status !== 0) throw new Error(`reading the libraries' error tables failed (python3, libnspr4, libnss3): ${run.stderr}`)
const table = JSON.parse(run.stdout)
for (const e of entries) {
  const [name, text] = table[e.code]
  // Five SSL codes were renamed in the header and not in the library's table (or the reverse): the library's name is
  // the one programs print (PR_ErrorToName), so it is the entry's name.
  if (name !== e.name) {
    if (e.family !== 'nss-ssl' || !name) throw new Error(`${e.name} (${e.code}): the library calls it ${name}`)
    e.headerName = e.name
    e.name = name
  }
  if (e.family === 'nss-ssl' && text) { e.comment = text; e.source = 'nss-libssl3' }
}

// ErrorList.py: FAILURE(n) in the NETWORK module is (1 << 31) | ((module + MODULE_BASE_OFFSET) << 16) | n.
const errorList = readSource(ERRORLIST)
const offset = Number(/^MODULE_BASE_OFFSET = (0x[0-9A-F]+)$/im.exec(errorList)[1])
const moduleNumber = Number(/^modules\["NETWORK"\] = Mod\((\d+)\)$/m.exec(errorList)[1])
if (!/return \(sev << 31\) \| \(\(module \+ MODULE_BASE_OFFSET\) << 16\) \| code$/m.test(errorList)) throw new Error('ErrorList.py: the nsresult arithmetic changed')
comment = []
for (const line of errorList.split('\n').slice(errorList.split('\n').indexOf('with modules["NETWORK"]:') + 1)) {
  const c = /^ {4}# ?(.*)$/.exec(line)
  if (c) { comment.push(c[1]); continue }
  if (line === '') continue
  const m = /^ {4}errors\["(NS_\w+)"\] = FAILURE\((\d+)\)$/.exec(line)
  if (!m) throw new Error(`unexpected line in ErrorList.py's extract: ${line}`)
  const code = ((2 ** 31) + ((moduleNumber + offset) << 16) + Number(m[2])) >>> 0
  entries.push({ name: m[1], family: 'necko', code, comment: comment.join(' ').replace(/ +/g, ' ').trim(), source: ERRORLIST })
  comment = []
}
if (entries.find((e) => e.name === 'NS_ERROR_CONNECTION_REFUSED')?.code !== 0x804B000D) throw new Error('NS_ERROR_CONNECTION_REFUSED is not 0x804B000D')

// ErrorAccordingToNSPR: `case PR_X:` lines (comments between them), then `rv = NS_Y;`.
let cases = []
for (const line of readSource(TRANSPORT).split('\n')) {
  const c = /^ {4}case (PR_\w+):/.exec(line)
  if (c) { cases.push(c[1]); continue }
  const r = /^ {6}rv = (NS_\w+);$/.exec(line)
  if (r) {
    const e = entries.find((x) => x.name === r[1])
    // NS_BASE_STREAM_WOULD_BLOCK is not a failure the user sees (and not in the NETWORK module).
    if (e) e.fromNspr = cases
    else if (r[1] !== 'NS_BASE_STREAM_WOULD_BLOCK') throw new Error(`ErrorAccordingToNSPR returns ${r[1]}, not in the extract`)
    for (const name of cases) if (!entries.some((x) => x.name === name)) throw new Error(`${name} is not in prerr.h`)
    cases = []
  }
}
if (new Set(entries.map((e) => e.name)).size !== entries.length) throw new Error('duplicate name')
if (entries.filter((e) => e.headerName).length > 5) throw new Error('more header names differ from the library\'s than the five known')

const ids = [...new Set(entries.map((e) => e.source)), TRANSPORT]
const count = (f) => entries.filter((e) => e.family === f).length
const out = writeModule('mozilla-errors', {
  generator: GENERATOR,
  summary: [`Mozilla's error codes: ${count('nspr')} NSPR, ${count('nss-ssl')} NSS SSL, ${count('necko')} Necko (network module) codes.`],
  types: typeImports(['MozillaError']),
  exports: [
    { name: 'mozillaErrorSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(ids.map((id) => [id, source(id)])), doc: 'The sources the entries cite.' },
    { name: 'mozillaErrors', type: 'readonly MozillaError[]', value: entries, doc: 'NSPR (prerr.h order), NSS SSL (sslerr.h order), Necko (ErrorList.py order).' },
  ],
})
console.log(`${out}: ${entries.length} codes`)
