// The needles of every regular expression explain runs (src/diagnose/explain/literal-needles.ts), read once here
// instead of on every start: reading ~330 pattern sources in cold JavaScript cost more than compiling the patterns.
// Stored as one JSON string keyed by `flags/source` (0: no needles, always run). Run it after changing any pattern
// (generate-all.mjs does); test/knowledge.test.ts fails when the table is stale.
import { tsImport } from 'tsx/esm/api'
import { typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-pattern-needles.mjs'
const { allPatterns } = await tsImport('../../src/diagnose/explain/explain.ts', import.meta.url)
const { readNeedles, patternKey } = await tsImport('../../src/diagnose/explain/literal-needles.ts', import.meta.url)

const table = {}
for (const re of allPatterns()) table[patternKey(re)] = readNeedles(re)?.words ?? 0
const keys = Object.keys(table).sort()
const sorted = Object.fromEntries(keys.map((k) => [k, table[k]]))
const withNeedles = keys.filter((k) => table[k] !== 0).length
const json = JSON.stringify(sorted)
const out = writeModule('pattern-needles', {
  generator: GENERATOR,
  summary: [
    `${keys.length} distinct patterns of explain (allPatterns() in explain.ts), ${withNeedles} with needles, ${keys.length - withNeedles} always run (${Math.round(json.length / 1024)} KB of JSON).`,
    'Read from each pattern\'s own source by readNeedles() in src/diagnose/explain/literal-needles.ts; no outside source.',
  ],
  types: typeImports([]),
  exports: [
    { name: 'patternNeedlesJson', type: 'string', value: json, doc: 'Needles by `flags/source`: the words one of which a text must contain for the pattern to match; 0 for none.' },
  ],
})
console.log(`${out}: ${keys.length} patterns, ${withNeedles} with needles`)
