// The learned word table (src/diagnose/explain/knowledge/learned-words.ts): per kind, the tokens that most often mean
// it in labelled texts, with their log-odds weights (src/diagnose/explain/learned-train.ts). Trained on the
// development split of the corpus and the message catalogues (learned-inputs.mjs names them; the test split is
// dropped there, before any of its words are read). Stored as one JSON string: explain parses it the first time
// its fallback runs (learned.ts), never at start-up. generate-all.mjs runs it after the catalogue generators.
import { tsImport } from 'tsx/esm/api'
import { typeImports, writeModule } from './lib.mjs'
import { CORPUS_DIR, catalogueTexts, corpusCommit, corpusEntries, corpusTexts, devEntries, knownCodes } from './learned-inputs.mjs'

const GENERATOR = 'tools/knowledge/learned-words.mjs'
const { DEFAULT_OPTIONS, tokenise, trainTable } = await tsImport('../../src/diagnose/explain/learned-train.ts', import.meta.url)

const codes = knownCodes()
const dev = devEntries()
const catalogue = catalogueTexts()
const table = trainTable([...tokenise(catalogue, codes), ...tokenise(corpusTexts(dev), codes)], { ...DEFAULT_OPTIONS, codes })
const json = JSON.stringify(table)
const files = [...new Set(corpusEntries().map((e) => e.file))]
const commit = corpusCommit()
const weights = Object.values(table.words).reduce((n, l) => n + l.length, 0)

const sources = {
  'explain-corpus-dev': { id: 'explain-corpus-dev', project: 'localhost-lab explain corpus, development split', path: `${CORPUS_DIR}/*.json`, commit },
  'glibc-messages': { id: 'glibc-messages', project: 'glibc strerror texts (knowledge/glibc-messages.ts and its sources)', path: 'src/diagnose/explain/knowledge/glibc-messages.ts' },
  'windows-messages': { id: 'windows-messages', project: 'Windows socket error texts (knowledge/windows-messages.ts and its sources)', path: 'src/diagnose/explain/knowledge/windows-messages.ts' },
  'curl-codes': { id: 'curl-codes', project: 'curl error texts (knowledge/curl-codes.ts and its sources)', path: 'src/diagnose/explain/knowledge/curl-codes.ts' },
  'program-messages': { id: 'program-messages', project: 'programs\' own messages (knowledge/program-messages.ts and its sources)', path: 'src/diagnose/explain/knowledge/program-messages.ts' },
}

const out = writeModule('learned-words', {
  generator: GENERATOR,
  summary: [
    `${Object.keys(table.words).length} tokens, ${weights} weights for ${table.kinds.length} kinds (at most ${DEFAULT_OPTIONS.perKind} a kind; ${Math.round(json.length / 1024)} KB of JSON),`,
    `learned from ${dev.length} development texts of ${new Set(dev.map((e) => e.program ?? e.source)).size} programs (${CORPUS_DIR}/ at ${commit}: ${files.join(', ')})`,
    `and ${catalogue.length} catalogue sentences (glibc-messages, windows-messages, curl-codes, program-messages); the test split is left out.`,
    `Options: ${JSON.stringify(DEFAULT_OPTIONS)} (src/diagnose/explain/learned-train.ts); chosen by tools/knowledge/learned-cv.mjs.`,
  ],
  types: typeImports([]),
  exports: [
    { name: 'learnedWordsSources', type: 'Record<string, KnowledgeSource>', value: sources, doc: 'What the table was learned from.' },
    { name: 'learnedWordsJson', type: 'string', value: json, doc: 'learned-train.ts\'s LearnedTable as JSON: kinds by index, each token\'s [kind, weight] pairs.' },
  ],
})
console.log(`${out}: ${Object.keys(table.words).length} tokens, ${Math.round(json.length / 1024)} KB`)
