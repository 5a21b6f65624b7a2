/**
 * The learned word fallback (src/diagnose/explain/learned.ts): trained without the test split, it answers a text of a
 * program it was not trained on where the rules find nothing, says that its evidence is learned, never turns an
 * ordinary line into a failure, and takes bounded time on any input.
 */
import t from 'tap'
import fc from 'fast-check'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { spawnSync } from 'node:child_process'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { explain } from '../src/diagnose/explain/explain.js'
import { lineMayMatter } from '../src/diagnose/explain/evidence.js'
import { GATE, learnedKinds, useLearnedTable, withLearned } from '../src/diagnose/explain/learned.js'
import { MAX_TOKENS, learnedTokenPatterns, learnedTokens } from '../src/diagnose/explain/learned-tokens.js'
import { DEFAULT_OPTIONS, tokenise, trainTable, type LearnedTable, type TrainingText } from '../src/diagnose/explain/learned-train.js'
import { learnedWordsJson } from '../src/diagnose/explain/knowledge/learned-words.js'
import { LogReader } from '../src/diagnose/explain/log.js'

const root = new URL('../', import.meta.url)
interface Entry { id: string, text: string, kind: string, accept?: string[], program?: string, source: string, split?: string }
interface Inputs {
  corpusEntries: () => Entry[]
  devEntries: () => Entry[]
  groupOf: (e: Entry) => string
  catalogueTexts: () => TrainingText[]
  corpusTexts: (entries: Entry[]) => TrainingText[]
  knownCodes: () => Set<string>
}
const inputs = await import(String(new URL('tools/knowledge/learned-inputs.mjs', root))) as Inputs
const codes = inputs.knownCodes()
const committed = JSON.parse(learnedWordsJson) as LearnedTable
const catalogue = tokenise(inputs.catalogueTexts(), codes)
const train = (entries: Entry[]): LearnedTable => trainTable([...catalogue, ...tokenise(inputs.corpusTexts(entries), codes)], { ...DEFAULT_OPTIONS, codes })
t.teardown(() => useLearnedTable(undefined))

t.test('the generator reads no text of the test split', async (t) => {
  const all = inputs.corpusEntries()
  const dev = inputs.devEntries()
  t.ok(all.some((e) => e.split === 'test'), 'the corpus has a test split to leave out')
  t.equal(dev.filter((e) => e.split === 'test').length, 0, 'no test-split entry among the training texts')
  t.equal(dev.length, all.filter((e) => (e.split ?? 'dev') === 'dev').length, 'every development entry is')
  // Tokens only the test split's texts have: none may be in the table. Only counts and ids are printed, never words.
  const seen = new Set([...catalogue, ...tokenise(inputs.corpusTexts(dev), codes)].flatMap((d) => d.tokens))
  const testOnly = new Set(tokenise(inputs.corpusTexts(all.filter((e) => e.split === 'test')), codes).flatMap((d) => d.tokens).filter((k) => !seen.has(k)))
  t.ok(testOnly.size > 0, `${testOnly.size} tokens appear in test-split texts only`)
  t.equal(Object.keys(committed.words).filter((k) => testOnly.has(k)).length, 0, 'none of them is in the committed table')
  // The same check where every token is kept (no selection to hide a leak): the generator's inputs give none of
  // them, and the check can fail: the whole corpus gives some.
  const keepAll = { ...DEFAULT_OPTIONS, perKind: 1e6, minGroups: 1, codes }
  const leaks = (entries: Entry[]): number => Object.keys(trainTable([...catalogue, ...tokenise(inputs.corpusTexts(entries), codes)], keepAll).words).filter((k) => testOnly.has(k)).length
  t.equal(leaks(dev), 0, 'every token kept: none from the development split')
  t.ok(leaks(all) > 0, 'every token kept: some when the test split is let in')
})

t.test('the committed table is the one the generator writes', async (t) => {
  const scratch = mkdtempSync(join(tmpdir(), 'learned-'))
  t.teardown(() => rmSync(scratch, { recursive: true, force: true }))
  const run = spawnSync(process.execPath, [new URL('tools/knowledge/learned-words.mjs', root).pathname], { env: { ...process.env, KNOWLEDGE_OUT_DIR: scratch }, encoding: 'utf8' })
  t.equal(run.status, 0, run.stderr)
  t.equal(readFileSync(join(scratch, 'learned-words.ts'), 'utf8'), readFileSync(new URL('src/diagnose/explain/knowledge/learned-words.ts', root), 'utf8'), 'up to date (node tools/knowledge/learned-words.mjs)')
})

t.test('a program left out of training: its text that no rule matches is answered from the words, and says so', async (t) => {
  const dev = inputs.devEntries()
  // Dart's SocketException for a reset, quoted from notsfsssf/pixez-flutter#1190: no rule knows its wording.
  const e = dev.find((x) => x.id === 'quoted-notsfsssf-pixez-flutter-1190')!
  t.equal(e.kind, 'reset')
  useLearnedTable(null)
  const rules = explain(e.text)
  t.equal(rules.recognised, false, 'the rules alone do not recognise it')
  const without = train(dev.filter((x) => inputs.groupOf(x) !== inputs.groupOf(e)))
  useLearnedTable(without)
  const r = explain(e.text)
  const c = r.candidates.slice(0, 3).find((x) => x.kind === 'reset')
  t.ok(c, `reset is in the top 3 (${r.candidates.slice(0, 3).map((x) => x.kind).join(', ')})`)
  const learned = c!.because.find((b) => b.type === 'learned')!
  t.ok(learned, 'its evidence is the learned words')
  t.match(learned.means, /^words that often mean reset, learned from labelled texts/)
  t.ok(learned.weight <= 0.5 && learned.weight < GATE + 0.01, 'weighted no higher than the weakest answer the rules recognise')
  t.ok(learned.text.split(', ').every((w) => /^'[^']+'$/.test(w)), `the words are quoted: ${learned.text}`)
  useLearnedTable(undefined)
})

t.test('the fallback stays out when the rules have answered, and below them when they are weak', async (t) => {
  useLearnedTable(committed)
  const strong = [{ kind: 'refused' as const, weight: 0.9, means: 'ECONNREFUSED', type: 'code' as const, text: 'ECONNREFUSED', line: 1 }]
  t.equal(withLearned(strong, 'Error: connect ECONNREFUSED, connection failed'), strong, 'strong rule evidence: unchanged')
  const weak = [{ kind: 'timeout' as const, weight: 0.3, means: 'a weak phrase', type: 'phrase' as const, text: 'x', line: 1 }]
  const more = withLearned(weak, 'error: Connection refused by the server, could not connect')
  t.ok(more.length > 1, 'weak rule evidence: learned evidence added')
  t.ok(more.filter((e) => e.type === 'learned').every((e) => e.weight < 0.3), 'every learned piece weighs less than the rule')
  t.ok(more.filter((e) => e.type === 'learned').length <= 3, 'at most three learned kinds')
  useLearnedTable(undefined)
})

/** Real prose that is not a failure: packages' READMEs and this repository's docs, line by line. */
function ordinaryLines (): string[] {
  const files = ['node_modules/fastify/README.md', 'node_modules/ws/README.md', 'node_modules/undici/README.md', 'node_modules/pino/README.md', 'node_modules/typescript/README.md', 'README.md', 'CHANGELOG.md']
  return files.flatMap((f) => {
    try {
      return readFileSync(new URL(f, root), 'utf8').split('\n')
    } catch {
      return []
    }
  })
}

t.test('ordinary lines do not become failures', async (t) => {
  const lines = ordinaryLines()
  const matter = lines.filter((l) => lineMayMatter(l))
  t.ok(matter.length > 200, `${matter.length} of ${lines.length} lines pass lineMayMatter`)
  let changed = 0
  let fired = 0
  for (const line of matter) {
    useLearnedTable(null)
    const before = explain(line).recognised
    useLearnedTable(committed)
    const after = explain(line)
    if (after.candidates.some((c) => c.because.some((b) => b.type === 'learned'))) fired++
    if (after.recognised !== before) changed++
  }
  t.ok(fired > 0, `the fallback ran on ${fired} of them (so this can fail)`)
  t.equal(changed, 0, 'none recognised that the rules alone do not recognise')
  // The log reader records recognised failures only: the same READMEs as a log give the same failures either way.
  const failures = (): string[] => {
    const reader = new LogReader()
    reader.push(lines.join('\n'))
    return reader.end().failures.map((f) => `${f.line} ${f.kind}`)
  }
  useLearnedTable(null)
  const rulesOnly = failures()
  useLearnedTable(committed)
  t.same(failures(), rulesOnly, 'a log of them: the same failures with and without the fallback')
  useLearnedTable(undefined)
})

t.test('bounded on any input', async (t) => {
  const hostile = [
    'a'.repeat(60_000), '1.'.repeat(30_000), ':'.repeat(60_000), 'a:'.repeat(30_000), '/a'.repeat(30_000), '[::'.repeat(20_000),
    'x'.repeat(60_000) + ':1', 'aB'.repeat(30_000), 'A'.repeat(60_000), 'a.'.repeat(30_000), 'a-'.repeat(30_000) + ':1', 'é\u0301'.repeat(20_000), '连接'.repeat(30_000), `error ${'word '.repeat(20_000)}`,
  ]
  for (const re of learnedTokenPatterns()) {
    for (const s of hostile) {
      const started = performance.now()
      s.replace(new RegExp(re.source, re.flags), ' ')
      t.ok(performance.now() - started < 2000, `${re.source.slice(0, 30)} on ${s.slice(0, 6)}…: linear`)
    }
  }
  for (const s of hostile) {
    const started = performance.now()
    t.ok(learnedTokens(s).length <= MAX_TOKENS)
    learnedKinds(`connection failed ${s}`)
    t.ok(performance.now() - started < 2000, `learned fallback on ${s.slice(0, 6)}…: within a generous bound`)
  }
  fc.assert(fc.property(fc.string({ maxLength: 2000 }), (s) => {
    const kinds = learnedKinds(`error ${s}`)
    return kinds.every((k) => k.share > 0 && k.share <= 1 && k.words.length > 0)
  }), { numRuns: 300 })
})
