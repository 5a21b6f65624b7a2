// Table 4c/4d: WebSocket close codes (RFC 6455 section 7.4.1 + the IANA registry) and the HTTP statuses that mean a
// proxy could not reach or hear from its upstream (502/503/504) plus 421 and 426 (RFC 9110). The inputs are
// committed transcriptions of the documents (sources/documents/*.json); this checks their shape and writes the table.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { source, typeImports, writeModule } from './lib.mjs'
import { sourcesDir } from './sources.mjs'

const GENERATOR = 'tools/knowledge/gen-protocol-codes.mjs'
const read = (file) => JSON.parse(readFileSync(join(sourcesDir, 'documents', file), 'utf8'))

const ws = read('websocket-close-codes.json')
const http = read('http-statuses.json')
for (const c of ws.codes) {
  if (!Number.isInteger(c.code) || c.code < 1000 || c.code > 4999 || !c.name || !c.meaning) throw new Error(`bad close code ${JSON.stringify(c)}`)
}
for (const s of http.statuses) {
  if (!Number.isInteger(s.status) || !/^\d+\.\d+\.\d+$/.test(s.section)) throw new Error(`bad status ${JSON.stringify(s)}`)
}

const types = typeImports(['WebSocketCloseCode', 'WebSocketCloseRange', 'HttpStatus'])

const out = writeModule('protocol-codes', {
  generator: GENERATOR,
  summary: [
    `WebSocket close codes (${ws.codes.length}, RFC 6455 section 7.4.1 + IANA) and HTTP statuses 421/426/502/503/504 (RFC 9110).`,
    'Inputs: tools/knowledge/sources/documents/*.json, transcriptions of the documents.',
  ],
  types,
  exports: [
    { name: 'protocolSources', type: 'Record<string, KnowledgeSource>', value: Object.fromEntries(['rfc6455', 'iana-ws-close', 'rfc9110'].map((id) => [id, source(id)])), doc: 'The sources the entries cite, by id.' },
    { name: 'webSocketCloseRanges', type: 'readonly WebSocketCloseRange[]', value: ws.ranges },
    { name: 'webSocketCloseCodes', type: 'readonly WebSocketCloseCode[]', value: ws.codes },
    { name: 'httpStatuses', type: 'readonly HttpStatus[]', value: http.statuses },
  ],
})
console.log(`${out}: ${ws.codes.length} close codes, ${ws.ranges.length} ranges, ${http.statuses.length} HTTP statuses`)
