/**
 * Shape of the development corpus (test/fixtures/explain-corpus/*.json; test/fixtures/explain-corpus/README.md says
 * how it was made): the texts captured live on this machine (tools/capture/run.mjs) and quoted.json, users' texts
 * quoted from public issues and pages with their source. Only the shape: explain is not run here, and the corpus is
 * not scored here.
 */
import t from 'tap'
import { readFileSync, readdirSync } from 'node:fs'
import { KINDS } from '../src/diagnose/explain/signatures.js'
import { dedupeKey } from '../tools/capture/dedupe-key.mjs'

interface Entry {
  id: string
  text: string
  kind: string
  accept: string[]
  address: string | null
  port: number | null
  ecosystem: string
  program: string
  locale: string
  split: 'dev' | 'test'
  source: string
  note?: string
}

const dir = new URL('./fixtures/explain-corpus/', import.meta.url)
/** The quoted texts (quoted.json, then quoted-2.json, one file per collection round): their source, locale and split follow other rules than the captured ones. */
const QUOTED = /^quoted(?:-\d+)?\.json$/
const files = readdirSync(dir).filter(f => f.endsWith('.json')).sort()
const corpus: Array<Entry & { file: string }> = files.flatMap(file =>
  (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Entry[]).map(e => ({ ...e, file })))
const captured = corpus.filter(e => !QUOTED.test(e.file))
const quoted = corpus.filter(e => QUOTED.test(e.file))
const kinds = new Set<string>(KINDS)
/** explain is about to learn these two; the quoted set already labels texts with them. */
const quotedKinds = new Set<string>([...KINDS, 'address', 'announcement'])
/** `quoted: owner/repo#N` (an issue or pull request) or `quoted: <URL>` (a page); the split is chosen by the part before #N or by the host. */
const QUOTED_SOURCE = /^quoted: (?:([A-Za-z0-9][A-Za-z0-9-]*\/[A-Za-z0-9._-]+)#[1-9][0-9]*|(https?:\/\/[^\s]+))$/
/** BCP 47 as the quoted set uses it: a language, then optionally a script and/or a region (zh-Hans, pt-BR). */
const BCP47 = /^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-[A-Z]{2})?$/

function splitKeyOf (source: string): string | null {
  const m = QUOTED_SOURCE.exec(source)
  if (m === null) return null
  return m[1] ?? new URL(m[2]).host
}

/** The split rule the README states (tools/capture/run.mjs's splitOf): FNV-1a-32 % 5 === 0 of the program name, or for a quoted text of its source's owner/repo or page host. */
function splitOf (program: string): 'dev' | 'test' {
  let h = 0x811c9dc5
  for (const ch of Buffer.from(program, 'utf8')) { h ^= ch; h = Math.imul(h, 0x01000193) >>> 0 }
  return h % 5 === 0 ? 'test' : 'dev'
}

t.test('the corpus has files and entries', async t => {
  t.ok(files.length > 0, 'at least one family file')
  t.ok(captured.length > 0, 'at least one captured entry')
  t.ok(['quoted.json', 'quoted-2.json', 'quoted-3.json'].every(f => files.includes(f)), 'the three quoted rounds are there')
})

t.test('every captured entry has the documented shape', async t => {
  const bad: string[] = []
  for (const e of captured) {
    const why: string[] = []
    if (typeof e.id !== 'string' || !/^[a-z0-9][a-z0-9.-]*$/.test(e.id)) why.push('id')
    if (typeof e.text !== 'string' || e.text.trim() === '' || e.text !== e.text.replace(/[ \t]+$/gm, '')) why.push('text')
    if (!kinds.has(e.kind)) why.push(`kind ${e.kind}`)
    if (!Array.isArray(e.accept) || e.accept.some(k => !kinds.has(k) || k === e.kind)) why.push('accept')
    if (e.address !== null && typeof e.address !== 'string') why.push('address')
    if (e.port !== null && !(Number.isInteger(e.port) && e.port > 0 && e.port < 65536)) why.push('port')
    if (typeof e.ecosystem !== 'string' || e.ecosystem === '') why.push('ecosystem')
    if (typeof e.program !== 'string' || e.program === '') why.push('program')
    if (e.locale !== 'C' && !/^[a-z]{2}_[A-Z]{2}\.UTF-8$/.test(e.locale)) why.push(`locale ${e.locale}`)
    if (e.split !== 'dev' && e.split !== 'test') why.push('split')
    if (typeof e.source !== 'string' || !e.source.startsWith(`captured: ${e.program} `) || !e.source.includes(`(${e.locale})`)) why.push('source')
    if (why.length) bad.push(`${e.file} ${e.id}: ${why.join(', ')}`)
  }
  t.same(bad, [], 'no entry with a missing or malformed field')
})

t.test('every quoted entry has the documented shape', async t => {
  const bad: string[] = []
  for (const e of quoted) {
    const why: string[] = []
    if (typeof e.id !== 'string' || !/^quoted-[a-z0-9][a-z0-9.-]*$/.test(e.id)) why.push('id')
    if (typeof e.text !== 'string' || e.text.trim() === '' || e.text !== e.text.replace(/[ \t]+$/gm, '')) why.push('text')
    if (!quotedKinds.has(e.kind)) why.push(`kind ${e.kind}`)
    if (!Array.isArray(e.accept) || e.accept.some(k => !quotedKinds.has(k) || k === e.kind)) why.push('accept')
    if (e.address !== null && (typeof e.address !== 'string' || e.address === '')) why.push('address')
    if (e.port !== null && !(Number.isInteger(e.port) && e.port > 0 && e.port < 65536)) why.push('port')
    if (typeof e.ecosystem !== 'string' || e.ecosystem === '') why.push('ecosystem')
    if (typeof e.program !== 'string' || e.program === '') why.push('program')
    if (typeof e.locale !== 'string' || !BCP47.test(e.locale)) why.push(`locale ${e.locale}`)
    if (e.split !== 'dev' && e.split !== 'test') why.push('split')
    if (typeof e.source !== 'string' || splitKeyOf(e.source) === null) why.push('source')
    if (e.note !== undefined && (typeof e.note !== 'string' || e.note.trim() === '')) why.push('note')
    if (why.length) bad.push(`${e.id}: ${why.join(', ')}`)
  }
  t.same(bad, [], 'no entry with a missing or malformed field')
})

t.test('quoted texts repeat no text of the other fixtures', async t => {
  const others = ['error-texts.json', 'explain-holdout.json', 'explain-blind.json'].flatMap(f => {
    const data = JSON.parse(readFileSync(new URL(`./fixtures/${f}`, import.meta.url), 'utf8')) as Array<{ text: string }> | Record<string, { text: string }>
    return Array.isArray(data) ? data : Object.values(data)
  })
  const seen = new Set(others.flatMap(o => [o.text, dedupeKey(o.text)]))
  t.ok(others.length > 0, 'the other fixtures were read')
  t.same(quoted.filter(e => seen.has(e.text) || seen.has(dedupeKey(e.text))).map(e => e.id), [], 'none of their texts, even with numbers ignored')
})

t.test('ids and texts are distinct across the whole corpus', async t => {
  const dup = (key: (e: Entry) => string): string[] => {
    const seen = new Map<string, string>()
    const out: string[] = []
    for (const e of corpus) {
      const k = key(e)
      if (seen.has(k)) out.push(`${seen.get(k)} = ${e.id}`)
      else seen.set(k, e.id)
    }
    return out
  }
  t.same(dup(e => e.id), [], 'distinct ids')
  t.same(dup(e => e.text), [], 'distinct texts')
  t.same(dup(e => dedupeKey(e.text)), [], 'distinct texts even with numbers and temp names ignored')
})

t.test('the split is by program, by the stated rule, and both splits are used', async t => {
  const wrong = captured.filter(e => e.split !== splitOf(e.program)).map(e => e.id)
  t.same(wrong, [], 'every entry carries its program\'s split')
  const count = (s: string) => captured.filter(e => e.split === s).length
  const programs = (s: string) => new Set(captured.filter(e => e.split === s).map(e => e.program)).size
  t.ok(count('dev') > 0 && count('test') > 0, 'dev and test both have entries')
  t.comment(`dev: ${count('dev')} texts from ${programs('dev')} programs; test: ${count('test')} texts from ${programs('test')} programs`)
  const perKind = new Map<string, number>()
  for (const e of captured) perKind.set(e.kind, (perKind.get(e.kind) ?? 0) + 1)
  t.comment(`per kind: ${[...perKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`)
  t.comment(`locales: ${new Set(captured.map(e => e.locale)).size}, programs: ${new Set(captured.map(e => e.program)).size}`)
})

t.test('the quoted split is by source (owner/repo or page host), by the same rule, and both splits are used', async t => {
  const wrong = quoted.filter(e => e.split !== splitOf(splitKeyOf(e.source) ?? '')).map(e => e.id)
  t.same(wrong, [], 'every entry carries its source\'s split')
  const count = (s: string) => quoted.filter(e => e.split === s).length
  const sources = (s: string) => new Set(quoted.filter(e => e.split === s).map(e => splitKeyOf(e.source))).size
  t.ok(count('test') >= 60, `${count('test')} test texts from ${sources('test')} sources`)
  t.ok(count('dev') > 0, `${count('dev')} dev texts from ${sources('dev')} sources`)
  for (const s of ['dev', 'test']) {
    const kinds = new Set(quoted.filter(e => e.split === s).map(e => e.kind))
    t.ok(kinds.size >= 5, `${s} split covers ${kinds.size} kinds`)
  }
})

t.test('the quoted set meets its brief: 300 texts, ~20 addresses, ~20 announcements, several languages', async t => {
  const n = (k: string) => quoted.filter(e => e.kind === k).length
  t.ok(quoted.length >= 300, `${quoted.length} distinct texts`)
  t.ok(n('address') >= 15 && n('announcement') >= 15, `${n('address')} addresses, ${n('announcement')} announcements`)
  t.ok(new Set(quoted.map(e => e.locale).filter(l => l !== 'en')).size >= 8, 'at least 8 languages besides English')
  const round2 = quoted.filter(e => e.file === 'quoted-2.json')
  t.ok(round2.length >= 300, `round 2 (quoted-2.json): ${round2.length} texts, split ${round2.filter(e => e.split === 'dev').length} dev / ${round2.filter(e => e.split === 'test').length} test`)
  const round3 = quoted.filter(e => e.file === 'quoted-3.json')
  t.ok(round3.length >= 250 && round3.length <= 350, `round 3 (quoted-3.json): ${round3.length} texts, split ${round3.filter(e => e.split === 'dev').length} dev / ${round3.filter(e => e.split === 'test').length} test`)
})

t.test('the captured corpus meets issue 11\'s size: 1,000 texts, 40 programs, 8 locales', async t => {
  t.ok(captured.length >= 1000, `${captured.length} distinct texts`)
  t.ok(new Set(captured.map(e => e.program)).size >= 40, 'at least 40 programs')
  t.ok(new Set(captured.map(e => e.locale).filter(l => l !== 'C')).size >= 8, 'at least 8 locales besides C')
  for (const s of ['dev', 'test']) {
    const kinds = new Set(captured.filter(e => e.split === s).map(e => e.kind))
    t.ok(kinds.size >= 5, `${s} split covers ${kinds.size} kinds`)
  }
})
