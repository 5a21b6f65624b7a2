// Table 4b: Chromium's net::ERR_* list (net/base/net_error_list.h): name as Chrome shows it (ERR_CONNECTION_REFUSED),
// number, and the comment above it. The extract is the file's NET_ERROR lines, each with the comment block directly
// above it; removed and commented-out codes are not in it.
import { readSource, source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-chromium.mjs'

const entries = []
let comment = []
for (const line of readSource('chromium-net-errors').split('\n')) {
  if (line.startsWith('//')) { comment.push(line.replace(/^\/\/ ?/, '')); continue }
  const m = /^NET_ERROR\((\w+), (-\d+)\)$/.exec(line)
  if (m) {
    // Continuation lines join with a space; an empty comment line is a paragraph break.
    const text = comment.join('\n').replace(/\n(?!\n)/g, ' ').replace(/\n+/g, '\n').replace(/ +/g, ' ').split('\n').map((p) => p.trim()).join('\n').trim()
    entries.push({ name: `ERR_${m[1]}`, code: Number(m[2]), comment: text, source: 'chromium-net-errors' })
  } else if (line.trim() !== '') throw new Error(`unexpected line in the extract: ${line}`)
  comment = []
}
// What a transcription mistake would break: names and numbers are unique and in the file's (descending) order.
for (let i = 1; i < entries.length; i++) {
  if (entries[i].code >= entries[i - 1].code) throw new Error(`${entries[i].name}: numbers are not descending`)
}
if (new Set(entries.map((e) => e.name)).size !== entries.length) throw new Error('duplicate name')

const types = typeImports(['ChromiumNetError'])

const out = writeModule('chromium-net-errors', {
  generator: GENERATOR,
  summary: [`Chromium's net::ERR_* list: ${entries.length} codes from net/base/net_error_list.h (chromium/chromium).`],
  types,
  exports: [
    { name: 'chromiumNetErrorSources', type: 'Record<string, KnowledgeSource>', value: { 'chromium-net-errors': source('chromium-net-errors') }, doc: 'The source the entries cite.' },
    { name: 'chromiumNetErrors', type: 'readonly ChromiumNetError[]', value: entries, doc: 'In the file\'s order: -1 (IO_PENDING) downwards.' },
  ],
})
console.log(`${out}: ${entries.length} codes`)
