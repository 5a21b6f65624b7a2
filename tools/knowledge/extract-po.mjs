// Extracts from projects' .po catalogues (at the commit sources/po/catalogues.json records) the entries a person
// labelled (poMessages in program-message-selection.json) and those whose English explain's reading picks
// (english-recognition.mjs, the rules the installed catalogues are picked by), verbatim, into
// tools/knowledge/sources/po/<owner>+<name>/<dir>/<lang>.po, and records the line ranges kept. A whole catalogue is
// ~80 KB a language (pgjdbc: 1.3 MB in 16), of which a handful of messages are about a connection.
//
//   node tools/knowledge/extract-po.mjs [MIRRORS_DIR]    (git copies as <owner>+<name>/repo; default /work/.mirror)
//
// gen-program-messages.mjs reads the extracts, and picks again: a message explain no longer reads as a failure drops
// out of the table at once, one it newly reads needs this extraction rerun.
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { englishRecogniser, picker } from './english-recognition.mjs'
import { parsePo, printfOfMessageFormat } from './po.mjs'
import { sourcesDir } from './sources.mjs'

const RECORDS = join(sourcesDir, 'po/catalogues.json')
const mirrors = process.argv[2] ?? '/work/.mirror'
const records = JSON.parse(readFileSync(RECORDS, 'utf8'))
const selection = JSON.parse(readFileSync(join(sourcesDir, 'program-message-selection.json'), 'utf8'))
const recogniser = await englishRecogniser()
try {
  const pick = picker(recogniser.explain, selection.deny)
  for (const r of records) {
    const git = (...args) => execFileSync('git', ['-C', join(mirrors, r.repo.replace('/', '+'), 'repo'), ...args], { encoding: 'utf8', maxBuffer: 1 << 28 })
    const files = git('ls-tree', '--name-only', `${r.commit}:${r.dir}`).split('\n').filter((f) => f.endsWith('.po')).sort()
    const texts = Object.fromEntries(files.map((f) => [f, git('show', `${r.commit}:${r.dir}/${f}`)]))
    const english = new Set(Object.values(texts).flatMap((t) => parsePo(t).map((e) => e.msgid)).filter(Boolean))
    const labelled = selection.poMessages.filter((m) => m.catalogue === r.id).map((m) => m.msgid)
    const missing = labelled.find((id) => !english.has(id))
    if (missing) throw new Error(`${r.id}: labelled ${JSON.stringify(missing)} is in none of its catalogues at ${r.commit.slice(0, 7)}`)
    const picked = new Set([...labelled, ...[...english].filter((id) => pick(printfOfMessageFormat(id)) !== null)])
    r.files = {}
    for (const [file, text] of Object.entries(texts)) {
      const lines = text.split('\n')
      const kept = parsePo(text).filter((e) => e.msgid === '' || picked.has(e.msgid))
      r.files[file] = kept.map((e) => [e.from, e.to])
      const out = join(sourcesDir, 'po', r.repo.replace('/', '+'), r.dir, file)
      mkdirSync(dirname(out), { recursive: true })
      writeFileSync(out, kept.map((e) => lines.slice(e.from - 1, e.to).join('\n')).join('\n\n') + '\n')
    }
    console.log(`${r.repo}@${r.commit.slice(0, 7)} ${r.dir}: ${english.size} messages in ${files.length} catalogues, ${labelled.length} labelled, ${picked.size - labelled.length} more picked: ${[...picked].filter((m) => !labelled.includes(m)).map((m) => JSON.stringify(m)).join(', ')}`)
  }
} finally {
  recogniser.close()
}
writeFileSync(RECORDS, '[\n' + records.map((r) => JSON.stringify(r)).join(',\n') + '\n]\n')
