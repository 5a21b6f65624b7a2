// Table 3: Windows socket error texts in other languages. Windows' message tables cannot be read here, so the
// input is a committed list of texts quoted by real public sources (sources/quoted/windows-socket-messages.json),
// each with its source. This generator checks them (the text occurs in its quote; the WSA name has that number in
// mingw-w64's header) and groups them by code and language.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { evaluate, parseDefines, readSource, source, typeImports, writeModule } from './lib.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-windows-messages.mjs'
const INPUT = 'quoted/windows-socket-messages.json'

const input = JSON.parse(readFileSync(join(sourcesDir, INPUT), 'utf8'))
const wsa = parseDefines(readSource('mingw-wsa-errnos'))

const byCode = new Map()
for (const q of input.quotes) {
  if (!q.quote.includes(q.text)) throw new Error(`${q.source}: the text is not in its quote`)
  if (evaluate(wsa, q.name) !== q.code) throw new Error(`${q.source}: ${q.name} is not ${q.code}`)
  if (!/^([\w.-]+\/[\w.-]+#\d+|https?:\/\/\S+)$/.test(q.source)) throw new Error(`bad source ${q.source}`)
  if (!byCode.has(q.code)) byCode.set(q.code, { code: q.code, name: q.name, texts: [] })
  const entry = byCode.get(q.code)
  let text = entry.texts.find((t) => t.lang === q.lang && t.text === q.text)
  if (!text) {
    text = { lang: q.lang, text: q.text, quotes: [] }
    entry.texts.push(text)
  }
  text.quotes.push({ source: q.source, quote: q.quote, codeInQuote: q.codeInQuote, ...(q.note ? { note: q.note } : {}) })
}
const entries = [...byCode.values()].sort((a, b) => a.code - b.code)
const languages = [...new Set(input.quotes.map((q) => q.lang))].sort()

const types = typeImports(['QuotedText', 'WindowsMessageText', 'WindowsMessage'])

const out = writeModule('windows-messages', {
  generator: GENERATOR,
  summary: [
    `Windows socket error texts quoted by public sources: ${entries.length} codes, ${languages.length} languages (${languages.join(', ')}).`,
    `Input: tools/knowledge/sources/${INPUT} (each quote with its source); nothing here is translated by us.`,
  ],
  types,
  exports: [
    { name: 'windowsMessageSources', type: 'Record<string, KnowledgeSource>', value: { 'mingw-wsa-errnos': source('mingw-wsa-errnos') }, doc: 'The header the codes are checked against; each text names its own source.' },
    { name: 'windowsMessagesSearchedWithoutResult', type: 'readonly string[]', value: input.searchedWithoutResult, doc: 'Languages and codes searched for and not found in a public source (so not here).' },
    { name: 'windowsMessages', type: 'readonly WindowsMessage[]', value: entries, doc: 'By code; within a code, one item per distinct (language, text).' },
  ],
})
console.log(`${out}: ${entries.length} codes, ${languages.length} languages, ${entries.reduce((n, e) => n + e.texts.length, 0)} distinct texts, ${input.quotes.length} quotes`)
