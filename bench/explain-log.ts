/**
 * `my-app 2>&1 | localhost-lab explain` on a 100 MB log: wall time and peak RSS of the built CLI, against node itself
 * reading the same pipe (runs interleaved, medians of BENCH_LOG_RUNS, default 3), the time from an error line written
 * into a still-open pipe to the first byte of the answer, and where the time goes (the reader's own work, evidence.ts
 * `lineMayMatter`, explain) measured in-process on a slice of the same log.
 *
 * The log: timestamped ordinary lines, with real error texts of the corpus's dev split
 * (test/fixtures/explain-corpus/*.json) spread through it, one of them 720 lines before the end.
 * Run on its own: `node dist/bench/explain-log.js`; `npm run bench` runs it among the others.
 */
import { spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import { closeSync, createReadStream, createWriteStream, mkdtempSync, openSync, readdirSync, readFileSync, readSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import { fileURLToPath } from 'node:url'
import { performance } from 'node:perf_hooks'
import { median } from './lib.js'
import { explain } from '../src/diagnose/explain/explain.js'
import { lineMayMatter } from '../src/diagnose/explain/evidence.js'
import { LogReader } from '../src/diagnose/explain/log.js'

export interface LogRow { what: string, figure: string, baseline?: string, ratio?: string, target?: string, met?: string }

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
const node = process.execPath
const MB = 1024 * 1024
const SIZE = Number(process.env.BENCH_LOG_MB ?? 100) * MB
const RUNS = Number(process.env.BENCH_LOG_RUNS ?? 3)
const corpus = here('../../test/fixtures/explain-corpus')

interface Entry { id: string, text: string, kind: string, split: string }

function devEntries (): Entry[] {
  return readdirSync(corpus).filter((f) => f.endsWith('.json')).sort()
    .flatMap((f) => JSON.parse(readFileSync(join(corpus, f), 'utf8')) as Entry[])
    .filter((e) => e.split === 'dev')
}

/** The first dev-split text of each of these kinds, in the corpus's file order: a failed start, then what clients saw. */
function errorTexts (): Entry[] {
  const entries = devEntries()
  return ['port-in-use', 'refused', 'reset', 'dns', 'timeout', 'hang-up']
    .map((kind) => entries.find((e) => e.kind === kind))
    .filter((e): e is Entry => e !== undefined)
}

/**
 * The error 720 lines before the end: a refusal no other error of the log repeats. The log reader counts a block as a
 * repeat when explain reads the same kind, address and port in it (log.ts), so the choice is made by explain's own
 * reading: two bash refusals in two languages, neither naming an address explain reads, are one failure to it.
 */
function lastError (): Entry {
  const identity = (text: string): string => {
    const r = explain(text)
    return `${r.candidates[0]?.kind}\u0000${r.address ?? ''}\u0000${r.port ?? ''}`
  }
  const taken = new Set(errorTexts().map((e) => identity(e.text)))
  const refusals = devEntries().filter((e) => e.kind === 'refused')
  // One that names its port too: a block without one is keyed by what else it names, and can meet another such.
  return refusals.find((e) => { const id = identity(e.text); return id.startsWith('refused\u0000') && !id.endsWith('\u0000') && !taken.has(id) }) ?? refusals[0]!
}

const pad = (n: number, w: number): string => String(n).padStart(w, '0')
function stamp (i: number): string {
  const s = Math.floor(i / 1000)
  return `2026-12-01T${pad(Math.floor(s / 3600) % 24, 2)}:${pad(Math.floor(s / 60) % 60, 2)}:${pad(s % 60, 2)}.${pad(i % 1000, 3)}Z`
}
const PATHS = ['/api/items', '/assets/app.js', '/healthz', '/api/users/me', '/static/logo.svg', '/graphql']
function ordinary (i: number): string {
  return `${stamp(i)} INFO  [worker-${i % 4}] GET ${PATHS[i % PATHS.length]}?page=${i % 97} 200 ${(i % 89) / 10} ms - ${4000 + (i % 3001)} bytes`
}

interface Log { path: string, dir: string, lines: number, last: { line: number, lines: number, kind: string, id: string } }

/** Write the log; the errors at evenly spaced lines, the last of them (a refusal) 720 lines before the end. */
async function writeLog (): Promise<Log> {
  const dir = mkdtempSync(join(tmpdir(), 'lab-bench-log-'))
  const path = join(dir, 'app.log')
  const out = createWriteStream(path)
  const errors = errorTexts()
  const final = lastError()
  const approxLines = Math.floor(SIZE / ordinary(123456).length)
  const every = Math.floor(approxLines / (errors.length + 1))
  let written = 0
  let line = 0
  let i = 0
  let buf = ''
  const put = (text: string): void => {
    buf += `${text}\n`
    line += text.split('\n').length
  }
  while (written + buf.length < SIZE) {
    put(ordinary(i++))
    if (i % every === 0 && errors[i / every - 1] !== undefined) put(errors[i / every - 1]!.text)
    if (buf.length > 1 << 20) {
      written += buf.length
      if (!out.write(buf)) await once(out, 'drain')
      buf = ''
    }
  }
  // 720 lines before the end: the error's first line is line `last.line`, then 720 more lines of ordinary log.
  const last = { line: line + 1, lines: final.text.split('\n').length, kind: final.kind, id: final.id }
  put(final.text)
  const after = 720 - (final.text.split('\n').length - 1)
  for (let k = 0; k < after; k++) put(ordinary(i++))
  out.end(buf)
  await once(out, 'finish')
  return { path, dir, lines: line, last }
}

const TIME = '/usr/bin/time'
const REPORT_RSS = 'data:text/javascript,process.on("exit",()=>process.stderr.write("maxrss="+process.resourceUsage().maxRSS+"\\n"))'
const hasTime = spawnSync(TIME, ['-f', '%M', 'true']).status === 0

interface Run { ms: number, rssMB: number, stdout: string }

/** `cat log | <args>`: the file streamed into the child's stdin through a real pipe; wall time and peak RSS. */
async function piped (log: Log, args: string[]): Promise<Run> {
  const [cmd, ...rest] = hasTime ? [TIME, '-f', 'maxrss=%M', node, ...args] : [node, '--import', REPORT_RSS, ...args]
  const t0 = performance.now()
  const child = spawn(cmd!, rest, { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d) => { stdout += d })
  child.stderr.on('data', (d) => { stderr += d })
  const closed = once(child, 'close')
  await pipeline(createReadStream(log.path, { highWaterMark: 64 * 1024 }), child.stdin).catch(() => {})
  await closed
  const ms = performance.now() - t0
  const kb = /maxrss=(\d+)/.exec(stderr)
  if (!kb) throw new Error(`no peak RSS reported: ${stderr.slice(0, 200)}`)
  return { ms, rssMB: Number(kb[1]) / 1024, stdout }
}

/** From an error line written into a pipe the writer keeps open to the first byte of the answer, in ms. */
async function latency (cli: string, text: string): Promise<number> {
  const child = spawn(node, [cli, 'explain', '--json'], { stdio: ['pipe', 'pipe', 'ignore'] })
  const first = once(child.stdout, 'data')
  // A write larger than the pipe's buffer completes only once the reader has taken most of it: the CLI is reading.
  const warm = Array.from({ length: 3000 }, (_, i) => ordinary(i)).join('\n') + '\n'
  await new Promise<void>((resolve) => child.stdin.write(warm, () => resolve()))
  const t0 = performance.now()
  child.stdin.write(`${text}\n`)
  await first
  const ms = performance.now() - t0
  child.stdin.end()
  await once(child, 'close')
  return ms
}

/** In-process on `bytes` of the log: the reader's whole work, and what lineMayMatter and explain take of it. */
function breakdown (log: Log, bytes: number): { readerMs: number, mayMatterMs: number, matter: number, lines: number, explainMs: number } {
  const buf = Buffer.alloc(bytes)
  const fd = openSync(log.path, 'r')
  try {
    readSync(fd, buf, 0, bytes, 0)
  } finally {
    closeSync(fd)
  }
  const text = buf.toString('utf8')
  const lines = text.split('\n')
  let t0 = performance.now()
  const matters = lines.filter((l) => lineMayMatter(l))
  const mayMatterMs = performance.now() - t0
  const matter = matters.length
  t0 = performance.now()
  // Each line that matters is a block of its own in this log (no indentation): explain on each, as the reader does.
  for (const l of matters) explain(l)
  const explainMs = performance.now() - t0
  t0 = performance.now()
  const reader = new LogReader()
  for (let i = 0; i < buf.length; i += 64 * 1024) reader.push(buf.subarray(i, i + 64 * 1024))
  reader.end()
  const readerMs = performance.now() - t0
  return { readerMs, mayMatterMs, matter, lines: lines.length, explainMs }
}

/**
 * The reader's own cost, once lineMayMatter says no to ordinary lines: `bytes` of untimestamped access-log lines that
 * it rejects today, through the reader, and lineMayMatter over the same lines alone.
 */
function quiet (bytes: number): { readerMs: number, mayMatterMs: number } {
  const lines: string[] = []
  for (let i = 0, size = 0; size < bytes; i++) {
    const l = `[worker-${i % 4}] GET ${PATHS[i % PATHS.length]}?page=${i % 97} 200 ${(i % 89) / 10} ms - ${4000 + (i % 3001)} bytes`
    lines.push(l)
    size += l.length + 1
  }
  const buf = Buffer.from(`${lines.join('\n')}\n`)
  const readerMs: number[] = []
  const mayMatterMs: number[] = []
  for (let k = 0; k < 3; k++) {
    let t0 = performance.now()
    const reader = new LogReader()
    for (let i = 0; i < buf.length; i += 64 * 1024) reader.push(buf.subarray(i, i + 64 * 1024))
    reader.end()
    readerMs.push(performance.now() - t0)
    t0 = performance.now()
    let n = 0
    for (const l of lines) if (lineMayMatter(l)) n++
    mayMatterMs.push(performance.now() - t0)
    if (n > 0) throw new Error(`lineMayMatter now accepts ${n} of the quiet lines: change them`)
  }
  return { readerMs: median(readerMs), mayMatterMs: median(mayMatterMs) }
}

const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`
const yes = (ok: boolean): string => ok ? 'yes' : 'NO'

/** The rows of this benchmark; `cli` is the built dist/src/cli/main.js. */
export async function explainLogRows (cli: string): Promise<LogRow[]> {
  const rows: LogRow[] = []
  const log = await writeLog()
  try {
    const mb = (SIZE / MB).toFixed(0)
    // The baseline: node reading the same pipe and counting lines, nothing else.
    const count = ['-e', 'let n=0;process.stdin.on("data",(d)=>{for(let i=d.indexOf(10);i!==-1;i=d.indexOf(10,i+1))n++}).on("end",()=>console.log(n))']
    const subject: Run[] = []
    const baseline: Run[] = []
    for (let i = 0; i < RUNS; i++) {
      subject.push(await piped(log, [cli, 'explain', '--json']))
      baseline.push(await piped(log, count))
    }
    const ms = median(subject.map((r) => r.ms))
    const base = median(baseline.map((r) => r.ms))
    const rss = median(subject.map((r) => r.rssMB))
    const final = JSON.parse(subject.at(-1)!.stdout.trim().split('\n').at(-1)!) as { failures: Array<{ kind: string, line: number }>, lines: number }
    // Found: a failure whose line is one of that error text's lines.
    const found = final.failures.some((f) => f.line >= log.last.line && f.line < log.last.line + log.last.lines)
    rows.push({ what: `explain, ${mb} MB log on a pipe (${log.lines.toLocaleString('en')} lines), wall`, figure: msText(ms), baseline: `node counting lines: ${msText(base)}`, ratio: `${(ms / base).toFixed(1)}×`, target: '≤ 2 s', met: yes(ms <= 2000) })
    rows.push({ what: `explain, ${mb} MB log, peak RSS (${hasTime ? '/usr/bin/time %M' : 'resourceUsage().maxRSS'})`, figure: `${rss.toFixed(0)} MB`, baseline: `node counting lines: ${median(baseline.map((r) => r.rssMB)).toFixed(0)} MB`, target: '≤ 150 MB', met: yes(rss <= 150) })
    rows.push({ what: `explain, ${mb} MB log: the error 720 lines before the end (line ${log.last.line}, ${log.last.id})`, figure: found ? 'found' : 'missed', baseline: `${final.failures.length} distinct failures`, target: 'found', met: yes(found) })

    const lat: number[] = []
    const line = lastError().text.split('\n').find((l) => /ECONNREFUSED|refused/i.test(l)) ?? 'Error: connect ECONNREFUSED 127.0.0.1:3000'
    for (let i = 0; i < RUNS; i++) lat.push(await latency(cli, line))
    const l = median(lat)
    rows.push({ what: 'explain: error line into an open pipe → first byte of the answer', figure: msText(l), target: '≤ 1 s', met: yes(l <= 1000) })

    const slice = Math.min(SIZE, 10 * MB)
    const b = breakdown(log, slice)
    const scale = SIZE / slice
    rows.push({
      what: `explain, where the time goes (in-process, ${(slice / MB).toFixed(0)} MB slice, ×${scale.toFixed(0)} for ${mb} MB)`,
      figure: `reader ${msText(b.readerMs * scale)}`,
      baseline: `lineMayMatter ${msText(b.mayMatterMs * scale)} (true for ${(100 * b.matter / b.lines).toFixed(2)} % of lines), explain ${msText(b.explainMs * scale)} (${(b.explainMs * 1000 / Math.max(1, b.matter)).toFixed(1)} µs a line)`,
    })
    const q = quiet(slice)
    rows.push({
      what: `explain's reader alone: ${mb} MB of lines lineMayMatter rejects (in-process, ×${scale.toFixed(0)})`,
      figure: msText(q.readerMs * scale),
      baseline: `lineMayMatter alone on them: ${msText(q.mayMatterMs * scale)}`,
    })
  } finally {
    rmSync(log.dir, { recursive: true, force: true })
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await explainLogRows(here('../src/cli/main.js'))) {
    process.stdout.write(`  ${r.what}: ${r.figure}${r.baseline ? ` (vs ${r.baseline})` : ''}${r.target ? `  target ${r.target}: ${r.met}` : ''}\n`)
  }
}
