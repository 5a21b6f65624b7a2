// The needles of every regular expression explain runs (src/diagnose/explain/literal-needles.ts), read once here
// instead of on every start: reading ~330 pattern sources in cold JavaScript cost more than compiling the patterns.
// Stored as one JSON string, by flags each pattern's source then its needles (0: none, always run; literal-needles.ts's
// needlesTable). Run it after changing any pattern
// (generate-all.mjs does); test/knowledge.test.ts fails when the table is stale.
import { tsImport } from 'tsx/esm/api'
import { typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-pattern-needles.mjs'
const { allPatterns } = await tsImport('../../src/diagnose/explain/explain.ts', import.meta.url)
const { needlesTable } = await tsImport('../../src/diagnose/explain/literal-needles.ts', import.meta.url)

const { json, patterns, withNeedles } = needlesTable(allPatterns())
const out = writeModule('pattern-needles', {
  generator: GENERATOR,
  summary: [
    `${patterns} distinct patterns of explain (allPatterns() in explain.ts), ${withNeedles} with needles, ${patterns - withNeedles} always run (${Math.round(json.length / 1024)} KB of JSON).`,
    'Read from each pattern\'s own source by readNeedles() in src/diagnose/explain/literal-needles.ts; no outside source.',
  ],
  types: typeImports([]),
  exports: [
    { name: 'patternNeedlesJson', type: 'string', value: json, doc: 'By flags, each pattern\'s source then its needles: the words one of which a text must contain for the pattern to match; 0 for none.' },
  ],
})
console.log(`${out}: ${patterns} patterns, ${withNeedles} with needles`)
