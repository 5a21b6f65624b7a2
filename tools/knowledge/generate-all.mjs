// Regenerates every knowledge table, one generator after another (they are small; no need to run them in parallel).
// The lexicon index is built from the others: it runs last.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const dir = fileURLToPath(new URL('.', import.meta.url))
let failed = 0
const LAST = 'gen-lexicon-index.mjs'
const gens = readdirSync(dir).filter((f) => f.startsWith('gen-') && f.endsWith('.mjs') && f !== LAST).sort()
// learned-words.mjs learns from the catalogue tables and the corpus: after them all.
for (const gen of [...gens, LAST, 'learned-words.mjs']) {
  const run = spawnSync(process.execPath, [dir + gen], { stdio: 'inherit' })
  if (run.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
