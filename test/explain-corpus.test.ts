/**
 * Shape of the development corpus captured live on this machine (test/fixtures/explain-corpus/*.json, made by
 * tools/capture/run.mjs; test/fixtures/explain-corpus/README.md says how). Only the shape: explain is not run
 * here, and the corpus is not scored here.
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
}

const dir = new URL('./fixtures/explain-corpus/', import.meta.url)
const files = readdirSync(dir).filter(f => f.endsWith('.json')).sort()
const corpus: Array<Entry & { file: string }> = files.flatMap(file =>
  (JSON.parse(readFileSync(new URL(file, dir), 'utf8')) as Entry[]).map(e => ({ ...e, file })))
const kinds = new Set<string>(KINDS)

/** The split rule the README states (and tools/capture/run.mjs applies): FNV-1a-32 of the program name % 5 === 0. */
function splitOf (program: string): 'dev' | 'test' {
  let h = 0x811c9dc5
  for (const ch of Buffer.from(program, 'utf8')) { h ^= ch; h = Math.imul(h, 0x01000193) >>> 0 }
  return h % 5 === 0 ? 'test' : 'dev'
}

t.test('the corpus has files and entries', async t => {
  t.ok(files.length > 0, 'at least one family file')
  t.ok(corpus.length > 0, 'at least one entry')
})

t.test('every entry has the documented shape', async t => {
  const bad: string[] = []
  for (const e of corpus) {
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
  const wrong = corpus.filter(e => e.split !== splitOf(e.program)).map(e => e.id)
  t.same(wrong, [], 'every entry carries its program\'s split')
  const count = (s: string) => corpus.filter(e => e.split === s).length
  const programs = (s: string) => new Set(corpus.filter(e => e.split === s).map(e => e.program)).size
  t.ok(count('dev') > 0 && count('test') > 0, 'dev and test both have entries')
  t.comment(`dev: ${count('dev')} texts from ${programs('dev')} programs; test: ${count('test')} texts from ${programs('test')} programs`)
  const perKind = new Map<string, number>()
  for (const e of corpus) perKind.set(e.kind, (perKind.get(e.kind) ?? 0) + 1)
  t.comment(`per kind: ${[...perKind].sort((a, b) => b[1] - a[1]).map(([k, n]) => `${k} ${n}`).join(', ')}`)
  t.comment(`locales: ${new Set(corpus.map(e => e.locale)).size}, programs: ${new Set(corpus.map(e => e.program)).size}`)
})

t.test('the corpus meets issue 11\'s size: 1,000 texts, 40 programs, 8 locales', async t => {
  t.ok(corpus.length >= 1000, `${corpus.length} distinct texts`)
  t.ok(new Set(corpus.map(e => e.program)).size >= 40, 'at least 40 programs')
  t.ok(new Set(corpus.map(e => e.locale).filter(l => l !== 'C')).size >= 8, 'at least 8 locales besides C')
  for (const s of ['dev', 'test']) {
    const kinds = new Set(corpus.filter(e => e.split === s).map(e => e.kind))
    t.ok(kinds.size >= 5, `${s} split covers ${kinds.size} kinds`)
  }
})
