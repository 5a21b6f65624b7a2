// Apple's NSURLErrorDomain codes (Safari, Swift, iOS apps, React Native and Flutter on iOS print them as
// `Error Domain=NSURLErrorDomain Code=-1004 "…"`), from swift-corelibs-foundation, Foundation's open copy: the numbers
// of URLError.Code (NSError.swift), the Objective-C names (NSURLError.swift), what its libcurl transport maps to each
// (MultiHandle.swift), CFStream's error domains (CFStream.h) and the print format (CFError.c). The descriptions Apple
// prints ("Could not connect to the server.") come from CFNetwork's localized strings, which are not open source: not here.
import { readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-nsurl.mjs'
const ID = (path) => `swift-foundation:${path}`
const ENUM = ID('Sources/Foundation/NSError.swift')
const CONSTANTS = ID('Sources/Foundation/NSURLError.swift')
const MAPPING = ID('Sources/FoundationNetworking/URLSession/libcurl/MultiHandle.swift')
const STREAM = ID('Sources/CoreFoundation/include/CFStream.h')
const FORMAT = ID('Sources/CoreFoundation/CFError.c')

const entries = []
for (const m of readSource(ENUM).matchAll(/^ {8}case (\w+) = (-\d+)$/gm)) entries.push({ code: Number(m[2]), name: m[1], objcName: '', source: ENUM })
const constants = new Map()
for (const m of readSource(CONSTANTS).matchAll(/^public var NSURLError(\w+): Int \{ return (-\d+) \}$/gm)) constants.set(m[1].toLowerCase(), { name: `NSURLError${m[1]}`, code: Number(m[2]) })
if (entries.length < 40 || entries.length !== constants.size) throw new Error(`${entries.length} URLError.Code cases, ${constants.size} NSURLError constants`)

// corelibs' SSL constants (NSURLError.swift) run one below URLError.Code's (-1201 for secureConnectionFailed, whose
// bridged code is -1200, as Apple's SDK has it): the enum is what an NSError carries, so its numbers are the table's.
const SHIFTED = ['secureConnectionFailed', 'serverCertificateHasBadDate', 'serverCertificateUntrusted', 'serverCertificateHasUnknownRoot', 'serverCertificateNotYetValid', 'clientCertificateRejected', 'clientCertificateRequired']
for (const e of entries) {
  const c = constants.get(e.name.toLowerCase())
  if (!c) throw new Error(`no NSURLError constant for URLError.Code.${e.name}`)
  e.objcName = c.name
  if (c.code !== e.code) {
    if (!SHIFTED.includes(e.name)) throw new Error(`${e.name}: NSURLError.swift says ${c.code}, URLError.Code ${e.code}`)
    e.corelibsConstant = c.code
  }
}
if (entries.filter((e) => e.corelibsConstant !== undefined).length !== SHIFTED.length) throw new Error('the known disagreement changed')

// urlErrorCode(for:): `case (CURLCODE, ERRNO):` lines, `_` for any, then `return NSURLErrorX`.
let cases = []
for (const line of readSource(MAPPING).split('\n')) {
  const c = /^ {8}case \((\w+), (\w+)\):$/.exec(line)
  if (c) { cases.push({ curl: c[1] === '_' ? null : c[1].replace('CFURLSessionEasyCode', 'CURLE_'), errno: c[2] === '_' ? null : c[2] }); continue }
  const r = /^ {12}return (NSURLError\w+)/.exec(line)
  if (r) {
    const e = entries.find((x) => x.objcName === r[1])
    if (!e) throw new Error(`MultiHandle.swift returns ${r[1]}, which is not in the table`)
    if (e.name !== 'unknown') (e.fromCurl ??= []).push(...cases)
  }
  // A comment between a case and its return ("Oddly, this appears for malformed URLs, too.") keeps the case.
  if (!/^ {8}case |^ +\/\//.test(line)) cases = []
}
if (!entries.some((e) => e.fromCurl)) throw new Error('no mapping read from MultiHandle.swift')

const domains = []
for (const m of readSource(STREAM).matchAll(/^ {4}kCFStreamErrorDomain(\w+)(?: = (-?\d+)L?)?,? +\/\* (.*?) \*\/$/gm)) {
  // An enumerator without a value is the one before it plus one.
  const code = m[2] !== undefined ? Number(m[2]) : domains.at(-1).code + 1
  domains.push({ name: `kCFStreamErrorDomain${m[1]}`, code, comment: m[3], source: STREAM })
}
if (domains.find((d) => d.name === 'kCFStreamErrorDomainPOSIX')?.code !== 1) throw new Error('kCFStreamErrorDomainPOSIX is not 1')

// The debug description: `Error Domain=%@ Code=%ld` then ` "%@"` (the description; "(null)" when there is none).
const format = [...readSource(FORMAT).matchAll(/CFSTR\("((?:[^"\\]|\\.)*)"\)/g)].map((m) => m[1].replace(/\\"/g, '"')).join('')
if (format !== 'Error Domain=%@ Code=%ld "%@"') throw new Error(`unexpected format ${format}`)

// NSError's localizedDescription when nothing better is known: "The operation could not be completed. (%@ error %ld.)".
const fallback = /"The operation could not be completed\." \+ " " \+ \(self\.localizedFailureReason \?\? "\(\\\(domain\) error \\\(code\)\.\)"\)/.test(readSource(ENUM))
if (!fallback) throw new Error('NSError.swift: the fallback description changed')

const sources = Object.fromEntries([ENUM, CONSTANTS, MAPPING, STREAM, FORMAT].map((id) => [id, source(id)]))
const out = writeModule('nsurl-errors', {
  generator: GENERATOR,
  summary: [`Apple's NSURLErrorDomain: ${entries.length} codes, ${domains.length} CFStream error domains, from apple/swift-corelibs-foundation.`],
  types: typeImports(['NsUrlError', 'CfStreamErrorDomain']),
  exports: [
    { name: 'nsUrlErrorSources', type: 'Record<string, KnowledgeSource>', value: sources, doc: 'The sources the entries cite.' },
    { name: 'nsUrlErrors', type: 'readonly NsUrlError[]', value: entries, doc: 'In URLError.Code\'s order.' },
    { name: 'cfStreamErrorDomains', type: 'readonly CfStreamErrorDomain[]', value: domains, doc: 'CFStreamErrorDomain: `_kCFStreamErrorDomainKey=1` means the `_kCFStreamErrorCodeKey` beside it is an errno.' },
    { name: 'nsErrorFormat', type: 'string', value: format, doc: 'How CFError (so NSError on Apple platforms) prints itself, before ` UserInfo={…}`.' },
    { name: 'nsErrorFallbackFormat', type: 'string', value: 'The operation could not be completed. (%@ error %ld.)', doc: 'NSError.localizedDescription with no description or reason (NSError.swift).' },
  ],
})
console.log(`${out}: ${entries.length} codes, ${domains.length} stream domains`)
