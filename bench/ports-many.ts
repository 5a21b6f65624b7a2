/**
 * `npm run bench:ports`: `ports --json` (the bin users run, dist/cli/bin.cjs) with 1,000, 5,000 and 10,000 listeners, side by side with
 * `lsof -iTCP -sTCP:LISTEN -P -n`, `ss -ltnp` and `node -e 0` (runs interleaved, medians), how each grows, and where
 * ports' time goes (measured in-process at each size: reading /proc/net/tcp{,6}, parsing the rows, the pass over
 * /proc/<pid>/fd for the owners, classifying, JSON). The listeners live in a child (bench/listeners.ts), loopback
 * only, ports from the OS. Prints; never fails on a number. `npm run bench` gets the same rows through bench/speed.ts.
 *
 * Linear growth is judged on ports' own work, in-process: the cost of each listener added from the first size to the
 * middle one against the cost of each added from the middle to the last. Equal for linear work; for quadratic work
 * the second is 2.5× the first with these sizes. (Whole-command times carry Node's start-up and whatever else holds
 * sockets on the machine, which hide the shape.)
 *
 * LISTENER_SIZES=1000,5000,10000 and BENCH_RUNS (default 7 here) change what is measured.
 */
import { spawnSync } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { classify } from '../src/diagnose/ports/listeners.js'
import { parseProcListeners } from '../src/diagnose/ports/platform/linux-proc.js'
import { ownersOf, parseProcNetTcp, readListeningText } from '../src/diagnose/ports/proc-net.js'
import { ephemeralRange } from '../src/net/ephemeral-range.js'
import { startChild } from '../src/process/child.js'
import { median, table, timeOnce } from './lib.js'
import type { SpeedRow } from './speed.js'

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
const node = process.execPath
/** The bin users run (src/cli/bin.cts): `ports` from its CommonJS file. */
const BIN = here('../cli/bin.cjs')

const TOOLS: Array<{ label: string, bin: string, args: string[] }> = [
  { label: 'lsof', bin: 'lsof', args: ['-iTCP', '-sTCP:LISTEN', '-P', '-n'] },
  { label: 'ss', bin: 'ss', args: ['-ltnp'] },
  { label: 'node -e 0', bin: node, args: ['-e', '0'] },
]

const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : ms >= 10 ? `${ms.toFixed(0)} ms` : `${ms.toFixed(1)} ms`

function installed (bin: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${bin}`]).status === 0
}

/** Medians of ports' own stages, in-process, over `runs` passes: the same calls `ports --json` makes, one by one. */
async function stages (runs: number): Promise<Record<string, number>> {
  const range = await ephemeralRange()
  const times: Record<string, number[]> = { read: [], parse: [], owners: [], classify: [], json: [] }
  const timed = <T>(stage: string, fn: () => T): T => {
    const t0 = performance.now()
    const out = fn()
    times[stage]!.push(performance.now() - t0)
    return out
  }
  for (let i = 0; i < runs; i++) {
    const [v4, v6] = timed('read', () => [readListeningText('/proc/net/tcp', 'IPv4'), readListeningText('/proc/net/tcp6', 'IPv6')])
    const sockets = timed('parse', () => [...parseProcNetTcp(v4, 'IPv4', '0A'), ...parseProcNetTcp(v6, 'IPv6', '0A')])
    const owners = timed('owners', () => ownersOf(sockets.map((s) => s.inode)))
    const raw = parseProcListeners(v4, v6, owners)
    const listeners = timed('classify', () => classify(raw, range))
    timed('json', () => JSON.stringify({ listeners }))
  }
  return Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]))
}

/** The rows: whole commands at each size against lsof and ss, growth, and ports' stages. */
export async function portsRows (cli: string = BIN, opts: { sizes?: number[], runs?: number } = {}): Promise<SpeedRow[]> {
  const sizes = opts.sizes ?? [1000, 5000, 10_000]
  const runs = opts.runs ?? 7
  const rows: SpeedRow[] = []
  if (process.platform !== 'linux') return [{ what: 'ports with many listeners', figure: `skipped: /proc is Linux only (this is ${process.platform})` }]
  const tools = TOOLS.filter((t) => installed(t.bin))
  for (const t of TOOLS.filter((t) => !tools.includes(t))) rows.push({ what: `${t.label} for comparison`, figure: `not installed (apt-get install ${t.bin === 'ss' ? 'iproute2' : t.bin})` })
  // Every listener is a file descriptor: the holder lifts its soft limit in the shell first.
  const holder = await startChild('sh', ['-c', `ulimit -n ${Math.max(...sizes) + 2000} 2>/dev/null; exec "${node}" "${here('./listeners.js')}"`], { ipc: true })
  const wall: Record<string, Record<number, number>> = { ports: {} }
  const perListener: Record<number, Record<string, number>> = {}
  try {
    await holder.message()
    for (const n of sizes) {
      holder.process.send({ listen: n })
      const got = await holder.message<{ listening: number, error?: string }>()
      if (got.listening < n) {
        rows.push({ what: `ports, ${n.toLocaleString('en')} listeners`, figure: `could hold only ${got.listening} (${got.error ?? '?'}): raise ulimit -n` })
        break
      }
      const samples: Record<string, number[]> = { ports: [] }
      for (const t of tools) samples[t.label] = []
      timeOnce(node, [cli, 'ports', '--json'])
      for (let i = 0; i < runs; i++) {
        samples.ports!.push(timeOnce(node, [cli, 'ports', '--json']))
        for (const t of tools) samples[t.label]!.push(timeOnce(t.bin, t.args))
      }
      for (const [k, v] of Object.entries(samples)) (wall[k] ??= {})[n] = median(v)
      const ports = wall.ports![n]!
      const lsof = wall.lsof?.[n]
      const ss = wall.ss?.[n]
      rows.push({
        what: `ports --json, ${n.toLocaleString('en')} listeners`,
        figure: msText(ports),
        baseline: tools.map((t) => `${t.label} ${msText(wall[t.label]![n]!)}`).join(', '),
        target: 'no slower than lsof',
        ratio: [lsof ? `${(ports / lsof).toFixed(2)}× lsof` : '', ss ? `${(ports / ss).toFixed(2)}× ss` : ''].filter(Boolean).join(', '),
        met: lsof ? (ports <= lsof ? 'yes' : 'NO') : '—',
      })
      const s = await stages(runs)
      perListener[n] = s
      rows.push({
        what: `  where ports' time goes at ${n.toLocaleString('en')} (in-process)`,
        figure: Object.entries(s).map(([k, v]) => `${k} ${msText(v)}`).join(', '),
        baseline: `${msText(Object.values(s).reduce((a, b) => a + b, 0))} in all; the whole command minus node -e 0: ${msText(ports - (wall['node -e 0']?.[n] ?? 0))}`,
      })
    }
    const done = sizes.filter((n) => perListener[n] !== undefined)
    if (done.length >= 3) {
      const [a, m, b] = [done[0]!, done[Math.floor(done.length / 2)]!, done.at(-1)!]
      const total = (n: number): number => Object.values(perListener[n]!).reduce((x, y) => x + y, 0)
      const first = (total(m) - total(a)) / (m - a)
      const second = (total(b) - total(m)) / (b - m)
      rows.push({
        what: `growth, ${a.toLocaleString('en')} → ${m.toLocaleString('en')} → ${b.toLocaleString('en')} listeners`,
        figure: `ports' own work: ${(first * 1000).toFixed(1)} then ${(second * 1000).toFixed(1)} µs per added listener`,
        baseline: `whole commands ×${b / a} listeners: ${Object.keys(wall).map((k) => `${k} ×${(wall[k]![b]! / wall[k]![a]!).toFixed(1)}`).join(', ')}`,
        // A negative step means the machine's noise was larger than the work added: no verdict from such a run.
        ratio: first > 0 && second > 0 ? `${(second / first).toFixed(2)}×` : 'noise',
        target: 'linear: ≤ 1.5× (quadratic: 2.5×)',
        met: first > 0 && second > 0 ? (second / first <= 1.5 ? 'yes' : 'NO') : '— (rerun on a quieter machine)',
      })
    }
  } finally {
    await holder.kill('SIGTERM')
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const sizes = process.env.LISTENER_SIZES?.split(',').map(Number)
  const runs = Number(process.env.BENCH_RUNS ?? 7)
  process.stdout.write(`localhost-lab bench:ports: node ${process.version}, ${runs} runs interleaved, medians.\n\n`)
  const rows = await portsRows(BIN, { runs, ...(sizes ? { sizes } : {}) })
  process.stdout.write(`${table(rows.map((r) => ({ what: r.what, figure: r.figure, baseline: r.baseline ?? '', ratio: r.ratio ?? '', target: r.target ?? '', met: r.met ?? '' })))}\n`)
}
