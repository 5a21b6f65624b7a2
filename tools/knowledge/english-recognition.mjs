// explain's own reading of an English text, for the generators that pick messages out of whole catalogues: a
// catalogue's message counts as evidence when explain already recognises its English msgid as one kind of failure.
// explain must not read programs' messages while judging them (a msgid would recognise itself, each run would depend
// on the last, and on which tools' wording file the run was given), so it runs from a scratch copy of src/ whose
// program-messages.ts is empty and whose lexicon index is built from that copy: explain's own signatures, codes and
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
