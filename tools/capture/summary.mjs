#!/usr/bin/env node
// Counts of the captured corpus, as the markdown tables in test/fixtures/explain-corpus/README.md.
// `--quoted`: the same for quoted.json (users' texts quoted from public issues), which has other sources and locales.
import { readFileSync, readdirSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const dir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'test', 'fixtures', 'explain-corpus')
// quoted.json and quoted-2.json (one file per collection round) are read as one set; `--quoted quoted-2.json` counts one file.
const QUOTED = /^quoted(?:-\d+)?\.json$/
const count = (xs, key) => { const m = new Map(); for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1); return [...m].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))) }
if (process.argv[2] === '--quoted') {
  const only = process.argv[3]
  const q = readdirSync(dir).filter(f => QUOTED.test(f) && (only === undefined || f === only)).sort().flatMap(f => JSON.parse(readFileSync(join(dir, f), 'utf8')))
  const sourceOf = e => e.source.replace(/^quoted: /, '').replace(/#\d+$/, '')
  const table = (title, key) => {
    console.log(`\n| ${title} | texts | dev | test |\n| --- | ---: | ---: | ---: |`)
    for (const [k, n] of count(q, key)) console.log(`| ${k} | ${n} | ${q.filter(e => key(e) === k && e.split === 'dev').length} | ${q.filter(e => key(e) === k && e.split === 'test').length} |`)
  }
  console.log(`${q.length} texts from ${new Set(q.map(sourceOf)).size} sources; dev ${q.filter(e => e.split === 'dev').length}, test ${q.filter(e => e.split === 'test').length}`)
  table('kind', e => e.kind)
  table('locale', e => e.locale)
  table('ecosystem', e => e.ecosystem)
  process.exit(0)
}
const files = readdirSync(dir).filter(f => f.endsWith('.json') && !QUOTED.test(f)).sort()
const all = files.flatMap(f => JSON.parse(readFileSync(join(dir, f), 'utf8')).map(e => ({ ...e, file: f })))
const progs = xs => new Set(xs.map(e => e.program)).size
const dev = all.filter(e => e.split === 'dev'); const test = all.filter(e => e.split === 'test')
console.log(`${all.length} texts, ${progs(all)} programs, ${new Set(all.map(e => e.locale)).size} locales (C + ${new Set(all.map(e => e.locale)).size - 1}); dev ${dev.length} texts / ${progs(dev)} programs, test ${test.length} texts / ${progs(test)} programs\n`)
console.log('| family file | texts | programs | dev | test |\n| --- | ---: | ---: | ---: | ---: |')
for (const f of files) { const xs = all.filter(e => e.file === f); console.log(`| \`${f}\` | ${xs.length} | ${progs(xs)} | ${xs.filter(e => e.split === 'dev').length} | ${xs.filter(e => e.split === 'test').length} |`) }
console.log('\n| kind | texts | dev | test |\n| --- | ---: | ---: | ---: |')
for (const [k, n] of count(all, e => e.kind)) console.log(`| ${k} | ${n} | ${dev.filter(e => e.kind === k).length} | ${test.filter(e => e.kind === k).length} |`)
console.log('\n| locale | texts |\n| --- | ---: |')
for (const [k, n] of count(all, e => e.locale)) console.log(`| ${k} | ${n} |`)
console.log('\n| program | split | texts | locales |\n| --- | --- | ---: | ---: |')
for (const [p, n] of count(all, e => e.program)) { const xs = all.filter(e => e.program === p); console.log(`| ${p} | ${xs[0].split} | ${n} | ${new Set(xs.map(e => e.locale)).size} |`) }
