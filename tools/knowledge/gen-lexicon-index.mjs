// The index explain matches texts with (knowledge/lexicon-index.ts), built from the other tables by
// src/diagnose/explain/build-lexicon-index.ts — the same code, loaded through tsx, so that the index and the
// judgement in lexicon.ts (which codes count, and how much) cannot drift apart. It is stored as one JSON string:
// explain then pays one JSON.parse on its first text instead of compiling ~500 KB of tables and building the index,
// and parses a bucket of messages only when a line has its key (the buckets are one string, sliced).
// Run it after any other generator (generate-all.mjs does) and after changing a kind or weight in lexicon.ts.
import { tsImport } from 'tsx/esm/api'
import { typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-lexicon-index.mjs'
const { buildLexiconIndex } = await tsImport('../../src/diagnose/explain/build-lexicon-index.ts', import.meta.url)
const { storedLexicon } = await tsImport('../../src/diagnose/explain/lexicon.ts', import.meta.url)

const data = buildLexiconIndex()
const rows = [...Object.values(data.words), ...Object.values(data.pairs)].reduce((n, l) => n + l.length, 0)
const { stored, buckets } = storedLexicon(data)
const json = JSON.stringify(stored)
const out = writeModule('lexicon-index', {
  generator: GENERATOR,
  summary: [
    `${rows} messages under ${Object.keys(data.words).length} key words and ${Object.keys(data.pairs).length} character pairs, ${Object.keys(data.numbers).length} error numbers,`,
    `${Object.keys(data.curl).length} curl codes, ${Object.keys(data.chromium).length} Chromium errors, ${Object.keys(data.aria2).length} aria2 codes (${Math.round((json.length + buckets.length) / 1024)} KB of JSON).`,
    'Built by src/diagnose/explain/build-lexicon-index.ts from errno, glibc-messages, windows-messages, curl-codes, chromium-net-errors, program-messages, aria2-codes and tls-errors;',
    'their sources are its sources (lexiconIndexSources() there).',
  ],
  types: typeImports([]),
  exports: [
    { name: 'lexiconIndexJson', type: 'string', value: json, doc: 'lexicon.ts\'s StoredLexicon, as JSON: keys, numbers, codes, the rows\' strings; each key points into lexiconBuckets.' },
    { name: 'lexiconBuckets', type: 'string', value: buckets, doc: 'Every bucket of messages, each a JSON array of rows (lexicon.ts StoredRow: strings as indexes into strings), one after another.' },
  ],
})
console.log(`${out}: ${rows} messages, ${Math.round(json.length / 1024)} + ${Math.round(buckets.length / 1024)} KB`)
