// explain's own reading of an English text, for the generators that pick messages out of whole catalogues: a
// catalogue's message counts as evidence when explain already recognises its English msgid as one kind of failure.
// explain must not read programs' messages while judging them (a msgid would recognise itself, each run would depend
// on the last, and on which tools' wording file the run was given), so it runs from a scratch copy of src/ whose
// program-messages.ts (and qt-messages.ts) is empty and whose lexicon index is built from that copy: explain's own signatures, codes and
// the OS's texts judge, with the same code as explain's, loaded through tsx, so the judgement cannot drift from what
// explain does on a user's text.
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import { repoRoot } from './lib.mjs'

const KNOWLEDGE = 'src/diagnose/explain/knowledge'

/** program-messages.ts with no entries. */
const NO_PROGRAM_MESSAGES = [
  "import type { KnowledgeSource, ProgramMessage } from './types.js'",
  'export const programMessageSources: Record<string, KnowledgeSource> = {}',
  'export const programMessages: readonly ProgramMessage[] = []',
  '',
].join('\n')

/** qt-messages.ts with no entries: Qt's texts (and its enums) are a program's own messages too. */
const NO_QT_MESSAGES = [
  "import type { KnowledgeSource, QtErrorCode, QtMessage } from './types.js'",
  'export const qtMessageSources: Record<string, KnowledgeSource> = {}',
  'export const qtMessages: readonly QtMessage[] = []',
  'export const qtErrorCodes: readonly QtErrorCode[] = []',
  '',
].join('\n')

/**
 * explain(text) as it would answer knowing no program's own messages. Two copies of src/: one to build the
 * index in, one to read it from (a module tsx has loaded once keeps its first text, and lexicon.ts imports the index).
 * Returns { explain, close }; close removes the copies.
 */
export async function englishRecogniser () {
  const scratch = mkdtempSync(join(tmpdir(), 'english-recognition-'))
  const copy = (name) => {
    const dir = join(scratch, name)
    cpSync(join(repoRoot, 'src'), join(dir, 'src'), { recursive: true })
    writeFileSync(join(dir, KNOWLEDGE, 'program-messages.ts'), NO_PROGRAM_MESSAGES)
    writeFileSync(join(dir, KNOWLEDGE, 'qt-messages.ts'), NO_QT_MESSAGES)
    return dir
  }
  try {
    const build = copy('build')
    const url = (dir, file) => pathToFileURL(join(dir, file)).href
    const { buildLexiconIndex } = await tsImport(url(build, 'src/diagnose/explain/build-lexicon-index.ts'), import.meta.url)
    const { storedLexicon } = await tsImport(url(build, 'src/diagnose/explain/lexicon.ts'), import.meta.url)
    const { stored, buckets } = storedLexicon(buildLexiconIndex())
    const read = copy('read')
    writeFileSync(join(read, KNOWLEDGE, 'lexicon-index.ts'), [
      `export const lexiconIndexJson: string = ${JSON.stringify(JSON.stringify(stored))}`,
      `export const lexiconBuckets: string = ${JSON.stringify(buckets)}`,
      '',
    ].join('\n'))
    const { explain } = await tsImport(url(read, 'src/diagnose/explain/explain.ts'), import.meta.url)
    return { explain, close: () => rmSync(scratch, { recursive: true, force: true }) }
  } catch (err) {
    rmSync(scratch, { recursive: true, force: true })
    throw err
  }
}

/** explain's reading of a msgid counts from this confidence up, and only ahead of the next kind by MARGIN. */
const FLOOR = 0.7
const MARGIN = 0.2
/** Kinds that are not a failure: an announcement or an address is no evidence of one. */
const NOT_FAILURES = new Set(['announcement', 'address', 'unknown'])
/** A --help text's option lines (`  --retry-wait=SEC  Set the seconds to wait …`) describe, they never report. */
const HELP_TEXT = /^\s+-{1,2}[\w[]/m
export const PICKED_NOTE = "picked by explain's reading of the English"
/**
 * A message that says only what was attempted (`cannot connect to %s: %s`, `Could not connect to %s (%s).`) reads as
 * its direction's usual kind, but not surely: the reason, when the program prints one, is in a placeholder, so a
 * refused and a timed-out connect read alike. Such a msgid still says which call failed: picked, when explain's own
 * rules (not the learned words) read a direction in it from DIRECTION_FLOOR up, at DIRECTION_WEIGHT, the weight the
 * hand labels give a direction-only message (wget's `Connecting to %s:%d... `, libpq's `connection to server at`):
 * the reason's evidence outweighs it whenever there is a reason.
 */
const DIRECTION_FLOOR = 0.5
const DIRECTION_WEIGHT = 0.3
const DIRECTION_ONLY = new Set(['connect', 'listen', 'resolve'])
export const DIRECTION_NOTE = "picked by explain's reading of the English as a direction only"
/**
 * A msgid explain's rules read from FLOOR up but less than MARGIN ahead of the next kind (glib-networking's `TLS
 * connection closed unexpectedly`: hang-up 0.88, protocol-mismatch 0.79) is one of two neighbours: picked as its first
 * reading at CLOSE_WEIGHT, less than any sure pick, so that a text's other evidence decides between the two.
 */
const CLOSE_WEIGHT = 0.4
export const CLOSE_NOTE = "picked by explain's reading of the English, not surely ahead of the next kind"

/** Letters outside the placeholders: a failure's template needs 10 to say something (the test holds every entry to it). */
function literalLetters (template) {
  return (template.replace(/%(?:\d+\$)?[-+ #0']*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?:hh|h|ll|l|L|q|j|z|t)?[a-zA-Z%]/g, ' ').match(/\p{L}/gu) ?? []).length
}

/** glibc-messages.ts's English texts, in lower case, with the code each is the text of (EAI_AGAIN, ECONNREFUSED …). */
export async function glibcTexts () {
  const { glibcMessages } = await tsImport('../../src/diagnose/explain/knowledge/glibc-messages.ts', import.meta.url)
  return new Map(Object.entries(glibcMessages).map(([name, m]) => [m.en.toLowerCase(), name]))
}

/**
 * msgid -> { kind, weight, direction, note } when the message may be picked: explain recognises one failure in its
 * English surely (FLOOR) and clearly (MARGIN ahead of the next kind), no deny pattern (program-message-selection.json)
 * matches, it is not a --help line, and its literal words say enough; else null. The weight is
 * explain's confidence (at most 0.9), the direction the evidence's, the note names the evidence that counted. Not
 * surely: a direction only at DIRECTION_WEIGHT, else a reading from FLOOR up at CLOSE_WEIGHT; the note says which.
 */
export function picker (explain, denyList) {
  const deny = denyList.map((d) => ({ re: new RegExp(d.pattern, 'i'), unless: d.unless ? new RegExp(d.unless, 'i') : null }))
  return function pick (msgid) {
    if (HELP_TEXT.test(msgid) || literalLetters(msgid) < 10) return null
    if (deny.some((x) => x.re.test(msgid) && !x.unless?.test(msgid))) return null
    const r = explain(msgid)
    const [top, next] = r.candidates
    if (!r.recognised || !top || NOT_FAILURES.has(top.kind)) return null
    const own = top.because.filter((e) => e.kind === top.kind && e.type !== 'learned')
    const direction = own.find((e) => e.direction)?.direction
    const because = own.map((e) => `${e.type}: ${e.means}`)
    const sure = top.confidence >= FLOOR && !(next && top.confidence - next.confidence < MARGIN)
    if (sure) return { kind: top.kind, weight: Math.round(Math.min(top.confidence, 0.9) * 100) / 100, direction, note: `${PICKED_NOTE} (${because.join('; ')})` }
    if (DIRECTION_ONLY.has(direction) && top.confidence >= DIRECTION_FLOOR) return { kind: top.kind, weight: DIRECTION_WEIGHT, direction, note: `${DIRECTION_NOTE} (${because.join('; ')})` }
    if (top.confidence >= FLOOR && own.length > 0) return { kind: top.kind, weight: CLOSE_WEIGHT, direction, note: `${CLOSE_NOTE} (${next.kind} ${next.confidence.toFixed(2)}; ${because.join('; ')})` }
    return null
  }
}
