// What the learned word table is trained on, for the generator (learned-words.mjs), the cross-validation
// (learned-cv.mjs) and the test: the development split of test/fixtures/explain-corpus/ (captured and quoted texts,
// each labelled with its kind) and the sentences of the message catalogues explain already holds, each labelled with
// its kind by lexicon.ts's reading of its code (glibc's strerror in every language, Windows' quoted texts, curl's,
// programs' own .mo and quoted messages). Entries with "split": "test" are dropped here, before anything reads
// their words: the test split measures explain on programs it was never tuned on, this table included.
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { tsImport } from 'tsx/esm/api'
import { repoRoot } from './lib.mjs'

export const CORPUS_DIR = 'test/fixtures/explain-corpus'

const { glibcMessages } = await tsImport('../../src/diagnose/explain/knowledge/glibc-messages.ts', import.meta.url)
const { windowsMessages } = await tsImport('../../src/diagnose/explain/knowledge/windows-messages.ts', import.meta.url)
const { curlCodes } = await tsImport('../../src/diagnose/explain/knowledge/curl-codes.ts', import.meta.url)
const { programMessages } = await tsImport('../../src/diagnose/explain/knowledge/program-messages.ts', import.meta.url)
const { lexiconIndexJson } = await tsImport('../../src/diagnose/explain/knowledge/lexicon-index.ts', import.meta.url)
const { codeMeaning, curlKind } = await tsImport('../../src/diagnose/explain/lexicon.ts', import.meta.url)

/** printf conversions: the variable parts of a template are not its wording. */
const PLACEHOLDER = /%(?:\d+\$)?[-+ #0']*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]/g
const template = (s) => s.replace(PLACEHOLDER, ' ')

/** The corpus files, and every entry of them (both splits: callers filter). */
export function corpusEntries () {
  const dir = join(repoRoot, CORPUS_DIR)
  return readdirSync(dir).filter((f) => f.endsWith('.json')).sort().flatMap((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')).map((e) => ({ ...e, file: f })))
}

/** The development split only: the one thing the table and its tuning may see. */
export function devEntries () {
  return corpusEntries().filter((e) => (e.split ?? 'dev') === 'dev')
}

/** The unit a text is weighted by and held out with: its program (a quoted text's program, else its repository). */
export const groupOf = (e) => e.program ?? e.source

/** The catalogues' sentences as training texts, each labelled with the kind explain reads its code as. */
export function catalogueTexts () {
  const out = []
  for (const [name, m] of Object.entries(glibcMessages)) {
    const meaning = codeMeaning(name)
    if (!meaning) continue
    out.push({ text: template(m.en), kind: meaning.kind, group: 'glibc en', origin: 'catalogue' })
    for (const [lang, text] of Object.entries(m.translations)) out.push({ text: template(text), kind: meaning.kind, group: `glibc ${lang}`, origin: 'catalogue' })
  }
  for (const w of windowsMessages) {
    const meaning = codeMeaning(w.name)
    if (!meaning) continue
    for (const t of w.texts) out.push({ text: t.text, kind: meaning.kind, group: `windows ${t.lang}`, origin: 'catalogue' })
  }
  for (const c of curlCodes) {
    const k = curlKind(c.name)
    if (!k) continue
    for (const text of new Set([c.text, c.debian12?.text].filter(Boolean))) out.push({ text, kind: k[0], group: 'curl', origin: 'catalogue' })
  }
  for (const pm of programMessages) {
    out.push({ text: template(pm.en), kind: pm.kind, group: `${pm.program} en`, origin: 'catalogue' })
    for (const [lang, text] of Object.entries(pm.translations)) out.push({ text: template(text), kind: pm.kind, group: `${pm.program} ${lang}`, origin: 'catalogue' })
  }
  return out
}

/** The development texts as training texts. */
export const corpusTexts = (entries) => entries.map((e) => ({ text: e.text, kind: e.kind, group: groupOf(e), origin: 'corpus' }))

/** Numbers that are error codes explain knows (errno on each platform, Windows codes, HRESULTs): kept as tokens. */
export function knownCodes () {
  return new Set(Object.keys(JSON.parse(lexiconIndexJson).numbers))
}

/** The commit the corpus files were last changed in (the table names it as its input). */
export function corpusCommit () {
  try {
    return execFileSync('git', ['log', '-1', '--format=%H', '--', CORPUS_DIR], { cwd: repoRoot, encoding: 'utf8' }).trim() || 'uncommitted'
  } catch {
    return 'unknown'
  }
}
