/**
 * Issue 15's speed rows for `npm run bench`: `ports` with many listeners against lsof and ss, where loopback-speed's
 * time goes against wrk, and what `demo ephemeral` costs. `speedRows(cli)` returns the rows (bench/run.ts prints them
 * in its one table); run alone, `node dist/bench/speed.js [ports|loopback|ephemeral]` prints them itself.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { performance } from 'node:perf_hooks'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { httpThroughput } from '../src/measure/http.js'
import { pipelinedThroughput } from '../src/measure/http-pipelined.js'
import { median } from '../src/measure/stats.js'
import { tcpRoundTrips } from '../src/measure/tcp.js'
import { startChild, startProgram } from '../src/process/child.js'
import { table } from './lib.js'
import { runScenario } from '../src/core/run.js'
import type { LabEvent } from '../src/core/events.js'
import type { Scenario } from '../src/core/lab.js'
import { portsRows } from './ports-many.js'

export interface SpeedRow { what: string, figure: string, baseline?: string, ratio?: string, target?: string, met?: string }

// ---- loopback-speed against wrk ------------------------------------------------------------------------------------
// One fastify server in a process of its own; rounds interleaved (wrk, then each client), medians: the lab's pipelined
// client (the lesson's measure of what the server does) and undici's Pool in the same shape, both in a process of
// their own, node:http keep-alive and fetch from this process, and the raw TCP round trip to an echo process. Next to
// each pipelined figure, the server's and the client's CPU: a figure is the server's only when the server's thread
// was busy all along and the client needed less of a core than the server did.

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
const owner = { spawn: startChild }

/** A process's CPU time so far (user + system), in ms, from /proc/<pid>/stat; undefined off Linux. */
function cpuMs (pid: number): number | undefined {
  try {
    const f = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ')
    return (Number(f[11]) + Number(f[12])) * 10 // USER_HZ: 100 ticks a second
  } catch {
    return undefined
  }
}

/** The share of one core `pid` used while `fn` ran (wall time measured around it). */
async function withCpu<T> (pid: number, fn: () => Promise<T> | T): Promise<{ value: T, share?: number }> {
  const c0 = cpuMs(pid)
  const t0 = performance.now()
  const value = await fn()
  const c1 = cpuMs(pid)
  return c0 === undefined || c1 === undefined ? { value } : { value, share: (c1 - c0) / (performance.now() - t0) }
}

/** wrk's requests per second against `url`: one thread, `c` connections, `seconds`. */
function wrk (url: string, c: number, seconds: number): number {
  const out = execFileSync('wrk', ['-t1', `-c${c}`, `-d${seconds}s`, url], { encoding: 'utf8' })
  const m = /Requests\/sec:\s+([\d.]+)/.exec(out)
  if (!m) throw new Error(`wrk printed no Requests/sec: ${out.slice(0, 200)}`)
  return Number(m[1])
}

export async function loopbackRows (opts: { rounds?: number } = {}): Promise<SpeedRow[]> {
  const rounds = opts.rounds ?? 7
  const rows: SpeedRow[] = []
  const { pipelined } = (await import('../demos/loopback-speed.js')).plan
  const hasWrk = spawnSync('sh', ['-c', 'command -v wrk']).status === 0
  const server = await startChild(process.execPath, ['--input-type=module', '-e', `
    const { startHttp } = await import(${JSON.stringify(pathToFileURL(here('../src/services/http.js')).href)})
    const s = await startHttp()
    process.send({ port: s.port })
    process.on('disconnect', () => process.exit(0))
  `], { ipc: true })
  try {
    const { port } = await server.message<{ port: number }>()
    const serverPid = server.process.pid!
    const url = `http://127.0.0.1:${port}/`
    // About as long as wrk's second at these rates: both see the same stretch of a machine whose load comes and goes.
    const spec = { url, requests: 30_000, warmup: 3000, connections: pipelined.connections, pipelining: pipelined.pipelining }
    // Warm the server (V8 optimizes fastify over the first thousands of requests).
    await pipelinedThroughput(owner, spec)
    const figures: Record<string, number[]> = { wrk: [], own: [], undici: [], 'node:http': [], fetch: [] }
    const shares: Record<string, number[]> = { wrk: [], own: [], undici: [] }
    const clientCpu: Record<string, number[]> = { own: [], undici: [] }
    for (let i = 0; i < rounds; i++) {
      if (hasWrk) {
        const w = await withCpu(serverPid, () => wrk(url, pipelined.connections, 1))
        figures.wrk!.push(w.value)
        if (w.share !== undefined) shares.wrk!.push(w.share)
      }
      for (const client of ['own', 'undici'] as const) {
        const r = await withCpu(serverPid, () => pipelinedThroughput(owner, { ...spec, client }))
        figures[client]!.push(r.value.perSecond)
        clientCpu[client]!.push(r.value.cpuMicrosPerRequest)
        // The client's start-up and warm-up are inside the window too; the counted part is most of it.
        if (r.share !== undefined) shares[client]!.push(r.share)
      }
      for (const client of ['node:http', 'fetch'] as const) figures[client]!.push((await httpThroughput(url, { requests: 4000, warmup: 500, concurrency: 8, client })).perSecond)
    }
    const w = hasWrk ? median(figures.wrk!) : undefined
    const rate = (k: string): number => median(figures[k]!)
    const pct = (k: string): string => shares[k]!.length > 0 ? `${(median(shares[k]!) * 100).toFixed(0)} %` : '?'
    const versus = (a: number): Pick<SpeedRow, 'baseline' | 'ratio'> => w === undefined
      ? { baseline: 'wrk not installed (apt-get install wrk)' }
      : { baseline: `wrk -t1 -c${pipelined.connections}: ${w.toFixed(0)} req/s (server's CPU ${pct('wrk')})`, ratio: `${(a / w).toFixed(2)}×` }
    const p = rate('own')
    rows.push({
      what: `HTTP req/s, fastify in its own process: the lab's pipelined client ${pipelined.connections}×${pipelined.pipelining}, own process (loopback-speed's server figure)`,
      figure: `${p.toFixed(0)} req/s (server's CPU ${pct('own')}, client ${median(clientCpu.own!).toFixed(1)} µs CPU/request)`, ...versus(p), target: '0.8–1.2× wrk',
      met: w === undefined ? '—' : p / w >= 0.8 && p / w <= 1.2 ? 'yes' : 'NO',
    })
    const u = rate('undici')
    rows.push({
      what: `  undici Pool ${pipelined.connections}×${pipelined.pipelining} (dispatch), own process: the same load from a client library`,
      figure: `${u.toFixed(0)} req/s (server's CPU ${pct('undici')}, client ${median(clientCpu.undici!).toFixed(1)} µs CPU/request)`, ...versus(u),
      target: `client cost: ${(1e6 / u - 1e6 / p).toFixed(0)} µs/request over the lab's client`,
    })
    for (const client of ['node:http', 'fetch'] as const) {
      const r = rate(client)
      rows.push({
        what: `  ${client === 'fetch' ? 'fetch' : 'node:http keep-alive Agent'}, 8 in flight from the bench process`,
        figure: `${r.toFixed(0)} req/s`, ...versus(r), target: `client cost: ${(1e6 / r - 1e6 / p).toFixed(0)} µs/request over the pipelined client`,
      })
    }
  } finally {
    await server.kill('SIGTERM')
  }
  const echo = await startProgram(owner, 'service', { spec: { tcp: [{ name: 'echo', behaviour: 'echo' }] }, label: 'tcp-echo' })
  try {
    const hello = await echo.hello
    if (hello.type !== 'hello') throw new Error(`the echo child could not listen: ${hello.error.message}`)
    const p50s: number[] = []
    for (let i = 0; i < 3; i++) p50s.push((await tcpRoundTrips('127.0.0.1', hello.listeners[0]!.port, { rounds: 5000, warmup: 500 })).p50Ms * 1000)
    rows.push({ what: '  raw TCP round trip p50, 64 bytes, to an echo process (the floor under each request)', figure: `${median(p50s).toFixed(1)} µs` })
  } finally {
    await echo.kill('SIGTERM')
  }
  return rows
}

// ---- what ephemeral's counters step and loopback-only cost ---------------------------------------------------------
// In-process (no start-up in the figure: that is the CLI's start-up rows), medians: the whole scenario, and the
// counters step alone (from its step event to the next one).

async function scenarioTimes (scenario: Scenario, step: RegExp | undefined, runs: number): Promise<{ total: number, step?: number, skipped?: string }> {
  const totals: number[] = []
  const steps: number[] = []
  for (let i = 0; i < runs + 1; i++) {
    const events: LabEvent[] = []
    const done = await runScenario(scenario, (e) => { events.push(e) })
    if (done.skipped !== undefined) return { total: 0, skipped: done.skipped }
    if (!done.ok) throw new Error(`${scenario.id} did not reproduce: ${done.error?.message ?? '?'}`)
    if (i === 0) continue // warm-up: the first run loads and compiles every module
    totals.push(done.durationMs)
    const marks = events.filter((e) => e.type === 'step' || e.type === 'done')
    const at = step === undefined ? -1 : marks.findIndex((e) => e.type === 'step' && step.test(e.title))
    if (at >= 0) steps.push(marks[at + 1]!.t - marks[at]!.t)
  }
  return { total: median(totals), ...(steps.length > 0 ? { step: median(steps) } : {}) }
}

export async function ephemeralRows (opts: { runs?: number } = {}): Promise<SpeedRow[]> {
  const runs = opts.runs ?? 9
  const rows: SpeedRow[] = []
  const ephemeral = (await import('../demos/ephemeral.js')).default
  const e = await scenarioTimes(ephemeral, /^Count the bytes/, runs)
  rows.push({ what: 'ephemeral, in-process scenario time (warm)', figure: msText(e.total), baseline: e.step === undefined ? 'no counters step' : `counters step ${msText(e.step)} of it (10 MiB over lo, /proc/net/dev read 3 times)` })
  const loopbackOnly = (await import('../demos/loopback-only.js')).default
  const l = await scenarioTimes(loopbackOnly, undefined, Math.min(runs, 5))
  rows.push({ what: 'loopback-only, in-process scenario time (a namespace, a child in it, 10 MiB over its lo)', figure: l.skipped !== undefined ? `skipped: ${l.skipped.slice(0, 80)}` : msText(l.total) })
  return rows
}

const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`

const sections: Record<string, (cli: string) => Promise<SpeedRow[]>> = {
  // The bin users run (dist/cli/bin.cjs), not the CLI given for the other sections.
  ports: async () => await portsRows(),
  loopback: async () => await loopbackRows(),
  ephemeral: async () => await ephemeralRows(),
}

/** Every section's rows, one section after the other (never at the same time: they would measure each other). */
export async function speedRows (cli: string, only?: string[]): Promise<SpeedRow[]> {
  const rows: SpeedRow[] = []
  for (const [name, section] of Object.entries(sections)) {
    if (only === undefined || only.includes(name)) rows.push(...await section(cli))
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const only = process.argv.slice(2)
  const unknown = only.filter((n) => !(n in sections))
  if (unknown.length > 0) {
    process.stderr.write(`unknown section '${unknown[0]}': choose from ${Object.keys(sections).join(', ')}\n`)
    process.exit(2)
  }
  const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))
  const rows = await speedRows(cli, only.length > 0 ? only : undefined)
  process.stdout.write(`${table(rows.map((r) => ({ what: r.what, figure: r.figure, baseline: r.baseline ?? '', ratio: r.ratio ?? '', target: r.target ?? '', met: r.met ?? '' })))}\n`)
}
