/**
 * `npm run accuracy`: how often explain names the right kind on labelled real texts, per split, kind, ecosystem and
 * language. The corpus (test/fixtures/explain-corpus/*.json) is split by program (or by the quoted repository) before
 * anything was run on it: no signature is tuned on the `test` split, so its figures are the ones for texts explain has
 * never seen. The older fixture sets (error-texts, explain-holdout, explain-blind) are shown as their own rows.
 *
 * top-1: the first candidate is the labelled kind. top-3: the labelled kind or an accepted one is among the first three.
 * Prints a table; never fails on a number (the targets are shown next to the figures). `--json` prints the figures.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { explain } from '../src/diagnose/explain/explain.js'

// `npm run accuracy | head`: the reader has seen enough; stop quietly instead of a stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => { if (err.code === 'EPIPE') process.exit(0); else throw err })

interface Labelled {
  id: string
  text: string
  kind: string
  accept?: string[]
  ecosystem: string
  program?: string
  locale?: string
  split?: string
}

interface Tally { n: number, top1: number, top3: number, crashes: number }

const root = fileURLToPath(new URL('../../test/fixtures/', import.meta.url))

function load (file: string): Labelled[] {
  return JSON.parse(readFileSync(root + file, 'utf8')) as Labelled[]
}

/** `--file quoted-2.json` (with `--dev` or `--misses`): only that corpus file, a new batch's first, blind run; the test split is still left out first. */
function onlyFile (): string | undefined {
  const at = process.argv.indexOf('--file')
  return at > 0 ? process.argv[at + 1] : undefined
}

function corpus (): Labelled[] {
  const dir = 'explain-corpus/'
  const only = onlyFile()
  return readdirSync(root + dir).filter((f) => f.endsWith('.json') && (only === undefined || f === only)).sort().flatMap((f) => load(dir + f))
}

/** `C`, `en` and English locales are "English"; everything else is localized. */
function language (e: Labelled): string {
  const l = e.locale ?? 'C'
  return l === 'C' || l === 'en' || l.startsWith('en') ? 'English' : 'localized'
}

function score (set: Labelled[]): Map<string, Tally> {
  const tallies = new Map<string, Tally>()
  const add = (key: string, top1: boolean, top3: boolean, crashed: boolean): void => {
    const t = tallies.get(key) ?? { n: 0, top1: 0, top3: 0, crashes: 0 }
    t.n++
    if (top1) t.top1++
    if (top3) t.top3++
    if (crashed) t.crashes++
    tallies.set(key, t)
  }
  for (const e of set) {
    let kinds: string[] = []
    let crashed = false
    try {
      kinds = explain(e.text).candidates.map((c) => c.kind)
    } catch {
      crashed = true
    }
    const ok1 = kinds[0] === e.kind
    const ok3 = kinds.slice(0, 3).some((k) => k === e.kind || (e.accept ?? []).includes(k))
    const split = e.split ?? 'dev'
    const origin = (e as { source?: string }).source?.startsWith('quoted') === true ? 'quoted from public issues' : 'captured live'
    for (const key of [split, `${split} · ${origin}`, `${split} · ${language(e)}`, `${split} · kind ${e.kind}`, `${split} · ecosystem ${e.ecosystem}`]) add(key, ok1, ok3, crashed)
  }
  return tallies
}

const pct = (x: number, n: number): string => n === 0 ? '-' : `${(x / n * 100).toFixed(1)} %`

function print (title: string, tallies: Map<string, Tally>, targets: boolean): void {
  process.stdout.write(`\n${title}\n`)
  process.stdout.write(`  ${'set'.padEnd(44)} ${'texts'.padStart(6)} ${'top-1'.padStart(8)} ${'top-3'.padStart(8)}  crashes\n`)
  const order = (k: string): string => `${k.startsWith('test') ? 0 : 1}${k.includes(' · ') ? (k.includes('kind') ? 2 : k.includes('ecosystem') ? 3 : 1) : 0}${k}`
  for (const [key, t] of [...tallies.entries()].sort(([a], [b]) => order(a).localeCompare(order(b)))) {
    process.stdout.write(`  ${key.padEnd(44)} ${String(t.n).padStart(6)} ${pct(t.top1, t.n).padStart(8)} ${pct(t.top3, t.n).padStart(8)}  ${t.crashes}\n`)
  }
  if (targets) process.stdout.write('  targets on texts never seen (the test split): top-1 >= 90 %, top-3 >= 98 %, localized top-3 >= 95 %, 0 crashes\n')
}

const sets: Array<[string, Labelled[], boolean]> = [
  ['explain-corpus (captured live + quoted from public issues), by split', corpus(), true],
  ['error-texts.json (the first labelled set; explain was written against it)', load('error-texts.json').map((e) => ({ ...e, split: 'fixtures' })), false],
  ['explain-holdout.json + explain-blind.json (quoted, labelled before explain saw them)', [...load('explain-holdout.json'), ...load('explain-blind.json')].map((e) => ({ ...e, split: 'holdout' })), false],
]

/**
 * `--misses`: the development split's misses, one line each (labelled kind, explain's first three, program, text).
 * The test split is left out before explain runs on anything, so its texts and per-text results are never shown.
 * `--totals`: the test split as totals only (n, top-1, top-3, localized top-3), the figures a tuning session may see.
 * `--dev`: the development split's table alone (per origin, language, kind, ecosystem and program), test left out
 * before explain runs; `--dev --program a,b` only those programs (a new capture's first, blind run); `--file f.json` only that file.
 */
function misses (): void {
  for (const e of corpus().filter((x) => (x.split ?? 'dev') === 'dev')) {
    const kinds = explain(e.text).candidates.map((c) => c.kind)
    const ok3 = kinds.slice(0, 3).some((k) => k === e.kind || (e.accept ?? []).includes(k))
    if (kinds[0] === e.kind && ok3) continue
    const mark = ok3 ? 'top3' : 'MISS'
    process.stdout.write(`${mark} ${e.kind} <- ${kinds.slice(0, 3).join(',')} | ${e.program ?? e.ecosystem} ${e.locale ?? ''} | ${JSON.stringify(e.text.slice(-300))}\n`)
  }
}

function totals (): void {
  for (const [key, t] of score(corpus())) {
    if (key === 'test' || key === 'dev' || key.endsWith('localized')) process.stdout.write(`${key.padEnd(20)} ${String(t.n).padStart(5)} ${pct(t.top1, t.n).padStart(8)} ${pct(t.top3, t.n).padStart(8)}  crashes ${t.crashes}\n`)
  }
}

function devTable (): void {
  const at = process.argv.indexOf('--program')
  const only = at > 0 ? new Set((process.argv[at + 1] ?? '').split(',')) : undefined
  const dev = corpus().filter((x) => (x.split ?? 'dev') === 'dev' && (only === undefined || only.has(x.program ?? '')))
  const tallies = score(dev)
  for (const e of dev) {
    const key = `dev · program ${e.program ?? e.ecosystem}`
    const kinds = explain(e.text).candidates.map((c) => c.kind)
    const t = tallies.get(key) ?? { n: 0, top1: 0, top3: 0, crashes: 0 }
    t.n++
    if (kinds[0] === e.kind) t.top1++
    if (kinds.slice(0, 3).some((k) => k === e.kind || (e.accept ?? []).includes(k))) t.top3++
    tallies.set(key, t)
  }
  print(`the development split${only ? ` (programs ${[...only].join(', ')})` : ''}${onlyFile() !== undefined ? ` (file ${onlyFile() ?? ''})` : ''}`, tallies, false)
}

/** Options the command knows; anything else is bad usage, not a cue to read the test split (`--help` once did that). */
const USAGE = 'usage: npm run accuracy [-- --dev [--program a,b] [--file f.json] | --misses [--file f.json] | --totals | --json]'
function badUsage (): string | undefined {
  const args = process.argv.slice(2)
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--program' || a === '--file') {
      if (args[i + 1] === undefined || (args[i + 1] ?? '').startsWith('--')) return `${a} needs a value`
      i++
    } else if (!['--dev', '--misses', '--totals', '--json'].includes(a)) return `unknown option ${JSON.stringify(a)}`
  }
  return undefined
}

const bad = badUsage()
if (process.argv.includes('--help') || process.argv.includes('-h')) {
  process.stdout.write(`${USAGE}\n`)
} else if (bad !== undefined) {
  process.stderr.write(`accuracy: ${bad}. ${USAGE}\n`)
  process.exit(2)
} else if (onlyFile() !== undefined && !process.argv.includes('--misses') && !process.argv.includes('--dev')) {
  // A file filter is for a new batch's dev texts only: never the test totals or JSON of part of the corpus.
  process.stderr.write('--file needs --dev or --misses\n')
  process.exit(2)
} else if (process.argv.includes('--misses')) {
  misses()
} else if (process.argv.includes('--dev')) {
  devTable()
} else if (process.argv.includes('--totals')) {
  totals()
} else if (process.argv.includes('--json')) {
  const out: Record<string, Record<string, Tally>> = {}
  for (const [title, set] of sets) out[title] = Object.fromEntries(score(set))
  process.stdout.write(`${JSON.stringify(out, null, 1)}\n`)
} else {
  for (const [title, set, targets] of sets) print(title, score(set), targets)
}
