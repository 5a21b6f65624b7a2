/**
 * `npm run bench`: figures measured side by side in one run, medians over several runs, ratios against a baseline.
 * Benchmarks print; they never fail on a number (targets are shown next to the figures). About 1 to 2 minutes.
 *
 * BENCH_RUNS=n changes the number of runs per command comparison (default 9).
 */
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import getPort from 'get-port'
import { scenarioIds } from '../demos/index.js'
import { median } from '../src/measure/stats.js'
import { tcpRoundTrips } from '../src/measure/tcp.js'
import { startChild, startProgram } from '../src/process/child.js'
import { explainRegexLiterals, slowestPattern } from './explain-patterns.js'
import { table, timeOnce } from './lib.js'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
const cli = here('../src/cli/main.js')
const node = process.execPath
const runs = Number(process.env.BENCH_RUNS ?? 9)
/** The scenarios that build network namespaces: left out of the catalogue's wall-time target. */
const NAMESPACE_SCENARIOS = ['container-localhost', 'wrong-interface', 'privileged-port', 'port-exhaustion', 'loopback-only']

interface Row { what: string, figure: string, baseline: string, ratio: string, target: string, met: string }
const rows: Row[] = []
function row (r: Partial<Row> & { what: string }): void {
  rows.push({ what: r.what, figure: r.figure ?? '', baseline: r.baseline ?? '', ratio: r.ratio ?? '', target: r.target ?? '', met: r.met ?? '' })
  process.stdout.write(`  ${r.what}: ${r.figure ?? ''}${r.baseline ? ` (vs ${r.baseline})` : ''}\n`)
}
const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`
const yes = (ok: boolean): string => ok ? 'yes' : 'NO'
function has (tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0
}

/** The commands `localhost-lab --help` lists: rows for commands not built on this branch say so. */
function builtCommands (): Set<string> {
  const help = spawnSync(node, [cli, '--help'], { encoding: 'utf8' }).stdout
  const block = help.split('Commands:')[1] ?? ''
  return new Set(block.split('\n').map((l) => /^\s{2}(\S+)\s/.exec(l)?.[1]).filter((n): n is string => n !== undefined))
}

process.stdout.write(`localhost-lab bench: node ${process.version}, ${runs} runs per comparison, interleaved; medians.\n`)
if (process.env.NODE_EXTRA_CA_CERTS) {
  process.stdout.write('Note: NODE_EXTRA_CA_CERTS is set; Node 20 then reads those certificates at every start, the baseline included.\n')
}
process.stdout.write('\n')

// ---- start-up: whole commands of the bin against `node -e 0` and the libraries' floor (bench/startup.ts) -----------
const built = builtCommands()
for (const r of await (await import('./startup.js')).startupRows(runs)) row(r)

// ---- explain's patterns on adversarial text -------------------------------------------------------------------------
{
  // Every regular expression in explain's source over floods and near-matches; linear means 1 MB costs ~16× 64 KB.
  const patterns = await explainRegexLiterals()
  for (const [label, size] of [['64 KB', 64 * 1024], ['1 MB', 1024 * 1024]] as const) {
    const { slowest } = slowestPattern(patterns, size, 250)
    row({ what: `explain: slowest of ${patterns.length} patterns on adversarial ${label}`, figure: msText(slowest.ms), baseline: `/${slowest.pattern.slice(0, 40)}/ on ${slowest.input.slice(0, 16)}`, target: '≤ 250 ms', met: yes(slowest.ms <= 250) })
  }
}

for (const r of await (await import('./explain-log.js')).explainLogRows(cli)) row(r)
for (const r of await (await import('./containers.js')).containerRows(cli)) row(r)
// ---- the catalogue ----------------------------------------------------------------------------------------------------
{
  const excluded = NAMESPACE_SCENARIOS.filter((id) => scenarioIds.includes(id))
  const counted = scenarioIds.filter((id) => !excluded.includes(id))
  const walls: number[] = []
  try {
    for (let i = 0; i < 3; i++) walls.push(timeOnce(node, [here('./catalogue.js'), '--exclude', NAMESPACE_SCENARIOS.join(',')]))
    const wall = median(walls)
    row({
      what: `catalogue wall time, ${counted.length} scenarios${excluded.length > 0 ? ` (without ${excluded.join(', ')})` : ' (no namespace scenario on this branch)'}`,
      figure: msText(wall), target: '≤ 5 s', met: yes(wall <= 5000),
    })
  } catch (err) {
    row({ what: 'catalogue wall time', figure: `failed: ${(err as Error).message.slice(0, 100)}`, target: '≤ 5 s', met: 'NO' })
  }
}

// ---- issue 15: ports with many listeners, loopback-speed against wrk, ephemeral's counters step ---------------------
for (const r of await (await import('./speed.js')).speedRows(cli)) row(r)

// ---- the raw TCP round trip against sockperf --------------------------------------------------------------------------
{
  // loopback-speed's own echo child program, owned here (no Lab around a benchmark).
  const echo = await startProgram({ spawn: startChild }, 'service', { spec: { tcp: [{ name: 'echo', behaviour: 'echo' }] }, label: 'tcp-echo' })
  try {
    const hello = await echo.hello
    if (hello.type !== 'hello') throw new Error(`the echo child could not listen: ${hello.error.message}`)
    const { port } = hello.listeners[0]!
    const ours = median(await seq(3, async () => (await tcpRoundTrips('127.0.0.1', port, { rounds: 5000, warmup: 500 })).p50Ms * 1000))
    const what = "TCP round trip p50, two processes: node (loopback-speed's) vs sockperf ping-pong"
    if (!has('sockperf')) {
      row({ what, figure: `${ours.toFixed(1)} µs`, baseline: 'sockperf not installed (apt-get install sockperf; Debian bookworm has 3.7)', target: '≤ 2×' })
    } else {
      const theirs = await sockperf()
      row({ what, figure: `${ours.toFixed(1)} µs`, baseline: `sockperf: ${theirs.toFixed(1)} µs`, ratio: `${(ours / theirs).toFixed(2)}×`, target: '≤ 2×', met: yes(ours / theirs <= 2) })
    }
  } finally {
    await echo.kill('SIGTERM')
  }
}

process.stdout.write(`\n${table(rows as unknown as Array<Record<string, string>>)}\n`)
process.stdout.write('\nTargets are goals, not tests: a NO is a finding to explain, never a failure of this command.\n')

// ---- helpers -----------------------------------------------------------------------------------------------------------

async function seq<T> (n: number, fn: () => Promise<T>): Promise<T[]> {
  const out: T[] = []
  for (let i = 0; i < n; i++) out.push(await fn())
  return out
}

/** sockperf ping-pong's median round trip in µs, against its own server on a port found free a moment ago. */
async function sockperf (): Promise<number> {
  const port = await getPort({ host: '127.0.0.1' })
  const server = spawn('sockperf', ['server', '--tcp', '-i', '127.0.0.1', '-p', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] })
  try {
    // It prints "using recvfrom() to block on socket(s)" once it listens.
    await new Promise<void>((resolve, reject) => {
      let out = ''
      server.stdout.on('data', (d) => { out += d; if (/block on socket/.test(out)) resolve() })
      server.once('exit', (code) => reject(new Error(`sockperf server exited (${code}): ${out.slice(0, 200)}`)))
    })
    const r = spawnSync('sockperf', ['ping-pong', '--tcp', '-i', '127.0.0.1', '-p', String(port), '-t', '2', '-m', '64', '--full-rtt'], { encoding: 'utf8' })
    const m = /percentile 50\.000 =\s+([\d.]+)/.exec(r.stdout + r.stderr)
    if (!m) throw new Error(`sockperf ping-pong printed no median: ${(r.stdout + r.stderr).slice(-300)}`)
    return Number(m[1])
  } finally {
    server.kill('SIGTERM')
  }
}
