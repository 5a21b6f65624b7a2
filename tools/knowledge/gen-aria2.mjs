// Table: aria2c's exit codes, which its log lines print as `errorCode=N` ("Exception: [AbstractCommand.cc:340]
// errorCode=2 Timeout."), with the sentence its manual gives each: the EXIT STATUS section of the installed
// aria2c(1) page (package aria2), a troff list of `.TP` / `.B N` / text lines.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { INSTALLED } from './sources.mjs'
import { source, typeImports, writeModule } from './lib.mjs'

const GENERATOR = 'tools/knowledge/gen-aria2.mjs'
const ID = 'aria2-manual'

const path = INSTALLED.find((s) => s.id === ID).path
let page
try {
  page = gunzipSync(readFileSync(path)).toString('utf8')
} catch (err) {
  throw new Error(`${path}: ${err.code ?? err.message} (package aria2 is not installed: apt-get install -y aria2)`)
}
const section = page.split(/^\.SH /m).find((s) => s.startsWith('EXIT STATUS'))
if (!section) throw new Error(`${path}: no EXIT STATUS section`)

/** troff to text: the escapes this section uses (\- and \fI…\fP, \%). */
const plain = (s) => s.replace(/\\-/g, '-').replace(/\\f[IBRP]/g, '').replace(/\\%/g, '').replace(/\s+/g, ' ').trim()

const entries = []
for (const item of section.split(/^\.TP\n/m).slice(1)) {
  const m = /^\.B (\d+)\n([\s\S]*)$/.exec(item)
  if (!m) continue
  const text = plain(m[2].split('\n').filter((l) => !l.startsWith('.')).join(' '))
  entries.push({ code: Number(m[1]), text, source: ID })
}
if (entries.length < 30 || entries[2]?.code !== 2) throw new Error(`${path}: read ${entries.length} codes, expected 0..31 in order`)

const out = writeModule('aria2-codes', {
  generator: GENERATOR,
  summary: [`aria2c exit codes (= the errorCode=N of its log lines) with the manual's sentence for each: ${entries.length} codes.`],
  types: typeImports(['Aria2ExitCode']),
  exports: [
    { name: 'aria2Sources', type: 'Record<string, KnowledgeSource>', value: { [ID]: source(ID) }, doc: 'The source the entries cite, by id.' },
    { name: 'aria2Codes', type: 'readonly Aria2ExitCode[]', value: entries, doc: 'By number, 0 upwards.' },
  ],
})
console.log(`${out}: ${entries.length} codes`)
