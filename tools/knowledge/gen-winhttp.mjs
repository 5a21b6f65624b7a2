// WinHTTP's and WinINet's error codes (12xxx), which .NET Framework, PowerShell, Windows Update and Office print as a
// number or an HRESULT (12029 ERROR_WINHTTP_CANNOT_CONNECT / ERROR_INTERNET_CANNOT_CONNECT, 0x80072EFD), from
// mingw-w64's winhttp.h and wininet.h: `#define NAME (BASE + N)`. The two APIs share the numbers (both bases are
// 12000), so one entry per number carries both names. Windows' texts for them are its message tables: not here.
import { hresultFromWin32, readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-winhttp.mjs'

const byCode = new Map()
for (const [id, base, field] of [['mingw-winhttp', 'WINHTTP_ERROR_BASE', 'winhttp'], ['mingw-wininet', 'INTERNET_ERROR_BASE', 'wininet']]) {
  const text = readSource(id)
  const value = Number(new RegExp(`^#define ${base} +(\\d+)\\s*$`, 'm').exec(text)?.[1])
  if (value !== 12000) throw new Error(`${id}: ${base} is ${value}, not 12000`)
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith(`#define ${base} `)) continue
    const m = new RegExp(`^#define (ERROR_\\w+) +\\(${base} \\+ (\\d+)\\)\\s*$`).exec(line)
    if (!m) throw new Error(`${id}: unexpected line ${line}`)
    const code = value + Number(m[2])
    if (!byCode.has(code)) {
      const h = hresultFromWin32(code)
      byCode.set(code, { code, hresult: h.hex, hresultSigned: h.signed, winhttp: null, wininet: null, sources: [] })
    }
    const e = byCode.get(code)
    // One name per API and number: a second would be an alias the table cannot show.
    if (e[field] !== null) throw new Error(`${id}: ${code} is both ${e[field]} and ${m[1]}`)
    e[field] = m[1]
    e.sources.push(id)
  }
}
const entries = [...byCode.values()].sort((a, b) => a.code - b.code)
if (entries.find((e) => e.code === 12029)?.hresult !== '0x80072EFD') throw new Error('12029 is not 0x80072EFD')

const both = entries.filter((e) => e.winhttp && e.wininet).length
const out = writeModule('winhttp-errors', {
  generator: GENERATOR,
  summary: [`WinHTTP's and WinINet's error codes: ${entries.length} numbers (${both} named by both), from mingw-w64's winhttp.h and wininet.h.`],
  types: typeImports(['WinHttpError']),
  exports: [
    { name: 'winHttpErrorSources', type: 'Record<string, KnowledgeSource>', value: { 'mingw-winhttp': source('mingw-winhttp'), 'mingw-wininet': source('mingw-wininet') }, doc: 'The sources the entries cite.' },
    { name: 'winHttpErrors', type: 'readonly WinHttpError[]', value: entries, doc: 'By number.' },
  ],
})
console.log(`${out}: ${entries.length} numbers, ${both} in both`)
