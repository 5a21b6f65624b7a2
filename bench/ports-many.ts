/**
 * `npm run bench:ports`: `ports --json` (the bin users run, dist/cli/bin.cjs) with 1,000, 5,500 and 10,000 listeners, side by side with
 * `lsof -iTCP -sTCP:LISTEN -P -n`, `ss -ltnp` and `node -e 0` (runs interleaved, medians), how each grows, and where
 * ports' time goes (measured in-process at each size: reading /proc/net/tcp{,6}, parsing the rows, the pass over
 * /proc/<pid>/fd for the owners, classifying, JSON). The listeners live in a child (bench/listeners.ts), loopback
 * only, ports from the OS. Prints; never fails on a number. `npm run bench` gets the same rows through bench/speed.ts.
 *
 * The whole benchmark runs inside a network namespace of its own (`unshare -n`, or `unshare -r -n` for an ordinary
 * user; src/netns/namespace.ts): ten thousand listeners on the machine's shared loopback once broke another
 * engineer's test run. In there, the holder's listeners are the only ones /proc/net/tcp, lsof and ss see; the pass
 * over /proc/<pid>/fd still walks every process of the machine, as it does for a user. Without a namespace, no flood:
 * one row says why.
 *
 * Linear growth is judged on ports' own work, in-process: the cost of each listener added from the first size to the
 * middle one against the cost of each added from the middle to the last, each size's cost the median over its runs
 * of the sum of the five stages' CPU time (each pass after a full garbage collection, as a fresh process starts). Equal for linear work; for quadratic work the second is (last + middle) / (middle +
 * first) times the first, 2.4× with these sizes. The sizes are visited up and back down (1,000, 5,500, 10,000,
 * 5,500, 1,000) and each visit's runs counted: a machine that gets busier or quieter while the bench runs moves
 * every size alike instead of bending the line. (Whole-command times carry Node's start-up and whatever else holds
 * sockets on the machine, which hide the shape.)
 *
 * The kernel's own cost per socket and per fd grew with their number in some runs here and not in others (on the
 * shared 2-core VM, readlink of a /proc/<pid>/fd link took 5.4 µs each among 1,000 fds and 6.9 µs among 10,000 in
 * one run, reading /proc/net/tcp 1.3 then 2.7 µs a row; the same floor grew 0.77× to 1.62× between runs), for lsof
 * and ss as much as for ports. So each pass also times those system calls alone (`kernelFloor`), and a second growth
 * row judges what ports adds above them.
 *
 * LISTENER_SIZES=1000,5500,10000 and BENCH_RUNS (default 7 here) change what is measured.
 */
import { spawnSync } from 'node:child_process'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { fileURLToPath } from 'node:url'
import { classify } from '../src/diagnose/ports/listeners.js'
import { parseProcListeners } from '../src/diagnose/ports/platform/linux-proc.js'
import { ownersOf, parseProcNetTcp, readListeningText } from '../src/diagnose/ports/proc-net.js'
import { ephemeralRange } from '../src/net/ephemeral-range.js'
import { enterCommand, loopbackUp } from '../src/netns/namespace.js'
import { startChild } from '../src/process/child.js'
import { processCpu } from '../src/process/proc.js'
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

/**
 * The system calls under ports' work, with nothing kept: reading /proc/net/tcp{,6} whole, and the owners pass asked
 * for an inode no socket has (every readlink made, each link looked at, no owner read or kept). What these cost per
 * listener is the kernel's (and Node's fs calls'), the same for lsof and ss: the part of ports' growth that no code of
 * ours can change.
 */
function kernelFloor (): void {
  readListeningText('/proc/net/tcp', 'IPv4')
  readListeningText('/proc/net/tcp6', 'IPv6')
  ownersOf([-1])
}

/**
 * CPU time (user + system) since `from`, in ms. Stages are timed by the CPU they use, not the wall clock: on a machine
 * shared with other work, a wall-clock stage also counts the time it waited for a core, which swung the growth row
 * from 0.5× to 1.9× between runs here.
 */
function cpuSince (from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from)
  return (used.user + used.system) / 1000
}

/** A full garbage collection now: V8's own gc(), reached without --expose-gc on the command line. */
function collectGarbage (): void {
  setFlagsFromString('--expose-gc')
  ;(runInNewContext('gc') as () => void)()
}

/**
 * Ports' own stages, in-process, over `runs` passes, by the CPU time each uses: the same calls `ports --json` makes, one by one; and in each pass
 * the kernel's floor under them (`kernelFloor`), not counted in the total.
 */
async function stages (runs: number): Promise<{ times: Record<string, number[]>, totals: number[], floors: number[] }> {
  const range = await ephemeralRange()
  const times: Record<string, number[]> = { read: [], parse: [], owners: [], classify: [], json: [] }
  const totals: number[] = []
  const floors: number[] = []
  let total = 0
  const timed = <T>(stage: string, fn: () => T): T => {
    const t0 = process.cpuUsage()
    const out = fn()
    const ms = cpuSince(t0)
    times[stage]!.push(ms)
    total += ms
    return out
  }
  for (let i = 0; i < runs + 1; i++) {
    // Each pass starts with the previous one's garbage collected, as a fresh `ports` process starts with none:
    // otherwise a pass at 10,000 listeners pays for collecting the last one's megabytes inside whichever stage
    // happens to trigger it.
    collectGarbage()
    total = 0
    const [v4, v6] = timed('read', () => [readListeningText('/proc/net/tcp', 'IPv4'), readListeningText('/proc/net/tcp6', 'IPv6')])
    const sockets = timed('parse', () => [...parseProcNetTcp(v4, 'IPv4', '0A'), ...parseProcNetTcp(v6, 'IPv6', '0A')])
    const owners = timed('owners', () => ownersOf(sockets.map((s) => s.inode)))
    const raw = parseProcListeners(v4, v6, owners)
    const listeners = timed('classify', () => classify(raw, range))
    timed('json', () => JSON.stringify({ listeners }))
    const t0 = process.cpuUsage()
    kernelFloor()
    const floor = cpuSince(t0)
    // The first pass warms V8 up at this size: not counted.
    if (i === 0) for (const v of Object.values(times)) v.pop()
    else {
      totals.push(total)
      floors.push(floor)
    }
  }
  return { times, totals, floors }
}

/** Set in the copy of this file that runs inside the namespace. */
const INSIDE = 'LLAB_PORTS_BENCH_NAMESPACE'

/**
 * The rows: whole commands at each size against lsof and ss, growth, and ports' stages, all measured inside a network
 * namespace of the bench's own (this file again, in `unshare -n`; the rows come back over IPC).
 */
export async function portsRows (cli: string = BIN, opts: { sizes?: number[], runs?: number } = {}): Promise<SpeedRow[]> {
  if (process.platform !== 'linux') return [{ what: 'ports with many listeners', figure: `skipped: /proc is Linux only (this is ${process.platform})` }]
  const enter = await enterCommand('private')
  const env = { ...process.env, [INSIDE]: '1', PORTS_BENCH_CLI: cli, ...(opts.sizes ? { LISTENER_SIZES: opts.sizes.join(',') } : {}), ...(opts.runs ? { BENCH_RUNS: String(opts.runs) } : {}) }
  const inside = await startChild(enter[0]!, [...enter.slice(1), node, fileURLToPath(import.meta.url)], { ipc: true, env })
  try {
    return await inside.message<SpeedRow[]>()
  } catch (err) {
    // Never the flood on the shared loopback instead: the row says why there is none.
    const why = inside.output().stderr.trim().split('\n').at(-1) ?? (err as Error).message
    return [{ what: 'ports with many listeners', figure: `skipped: no network namespace of its own (${enter.join(' ')}: ${why.slice(0, 120)})` }]
  } finally {
    await inside.kill('SIGTERM')
  }
}

const count = (n: number): string => n.toLocaleString('en')

/**
 * Node 20 reads the NODE_EXTRA_CA_CERTS file at every start (this machine sets it: 60–100 ms of CPU for Debian's
 * bundle), which lsof and ss never pay and most users' machines do not set: where it is set, ports also runs without
 * it, in the same interleaved runs, as bench/startup.ts does for the quick commands.
 */
const WITHOUT_CA = 'without NODE_EXTRA_CA_CERTS'

async function rowsHere (cli: string, opts: { sizes?: number[], runs?: number }): Promise<SpeedRow[]> {
  const ca = process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== ''
  const sizes = opts.sizes ?? [1000, 5500, 10_000]
  const runs = opts.runs ?? 7
  const rows: SpeedRow[] = []
  // A fresh namespace starts with lo down: not even 127.0.0.1 would answer.
  await loopbackUp()
  const tools = TOOLS.filter((t) => installed(t.bin))
  for (const t of TOOLS.filter((t) => !tools.includes(t))) rows.push({ what: `${t.label} for comparison`, figure: `not installed (apt-get install ${t.bin === 'ss' ? 'iproute2' : t.bin})` })
  // Every listener is a file descriptor: the holder lifts its soft limit in the shell first.
  const holder = await startChild('sh', ['-c', `ulimit -n ${Math.max(...sizes) + 2000} 2>/dev/null; exec "${node}" "${here('./listeners.js')}"`], { ipc: true })
  const wall: Record<string, Record<number, number>> = { ports: {} }
  const stageTimes: Record<number, Record<string, number[]>> = {}
  const totals: Record<number, number[]> = {}
  const floors: Record<number, number[]> = {}
  const hold = async (n: number): Promise<boolean> => {
    holder.process.send({ listen: n })
    const got = await holder.message<{ listening: number, error?: string }>()
    if (got.listening >= n) return true
    rows.push({ what: `ports, ${count(n)} listeners`, figure: `could hold only ${got.listening} (${got.error ?? '?'}): raise ulimit -n` })
    return false
  }
  const measureStages = async (n: number): Promise<void> => {
    // In-process passes are cheap next to whole commands (about 0.3 s at 10,000 listeners, floor and collection
    // included): three times as many, for medians that one busy moment of the machine does not move.
    const s = await stages(runs * 3)
    const into = stageTimes[n] ??= {}
    for (const [k, v] of Object.entries(s.times)) (into[k] ??= []).push(...v)
    ;(totals[n] ??= []).push(...s.totals)
    ;(floors[n] ??= []).push(...s.floors)
  }
  try {
    await holder.message()
    let held = 0
    for (const n of sizes) {
      if (!await hold(n)) break
      held++
      const samples: Record<string, number[]> = { ports: [], ...(ca ? { [WITHOUT_CA]: [] } : {}) }
      const cpu: Record<string, number[]> = { ports: [], ...(ca ? { [WITHOUT_CA]: [] } : {}) }
      for (const t of tools) {
        samples[t.label] = []
        cpu[t.label] = []
      }
      // Each command's CPU too (user + system, from our children's times once it is waited for): on a machine shared
      // with other work its wall time also holds the waits for a core, its CPU time does not.
      const timed = (label: string, bin: string, args: string[]): void => {
        const c0 = processCpu('self')?.childrenMs
        samples[label]!.push(timeOnce(bin, args))
        const c1 = processCpu('self')?.childrenMs
        if (c0 !== undefined && c1 !== undefined) cpu[label]!.push(c1 - c0)
      }
      timeOnce(node, [cli, 'ports', '--json'])
      for (let i = 0; i < runs; i++) {
        timed('ports', node, [cli, 'ports', '--json'])
        if (ca) timed(WITHOUT_CA, 'env', ['-u', 'NODE_EXTRA_CA_CERTS', node, cli, 'ports', '--json'])
        for (const t of tools) timed(t.label, t.bin, t.args)
      }
      for (const [k, v] of Object.entries(samples)) (wall[k] ??= {})[n] = median(v)
      const cpuOf = (k: string): number | undefined => cpu[k]!.length > 0 ? median(cpu[k]!) : undefined
      for (const label of ca ? ['ports', WITHOUT_CA] : ['ports']) {
        const ports = wall[label]![n]!
        const lsof = wall.lsof?.[n]
        const ss = wall.ss?.[n]
        const [portsCpu, lsofCpu] = [cpuOf(label), tools.some((t) => t.label === 'lsof') ? cpuOf('lsof') : undefined]
        rows.push({
          what: `ports --json, ${count(n)} listeners (in a namespace of its own)${label === 'ports' ? (ca ? ', NODE_EXTRA_CA_CERTS set' : '') : `, ${label}`}`,
          figure: `${msText(ports)}${portsCpu === undefined ? '' : ` (CPU ${msText(portsCpu)})`}`,
          baseline: tools.map((t) => `${t.label} ${msText(wall[t.label]![n]!)}${cpuOf(t.label) === undefined ? '' : ` (CPU ${msText(cpuOf(t.label)!)})`}`).join(', '),
          target: 'no slower than lsof',
          ratio: [lsof ? `${(ports / lsof).toFixed(2)}× lsof` : '', ss ? `${(ports / ss).toFixed(2)}× ss` : '', portsCpu !== undefined && lsofCpu ? `CPU ${(portsCpu / lsofCpu).toFixed(2)}× lsof's` : ''].filter(Boolean).join(', '),
          met: lsof ? (ports <= lsof ? 'yes' : 'NO') : '—',
        })
      }
      await measureStages(n)
      // The top size is visited once: twice the runs there, as many as the sizes visited twice get.
      if (n === sizes.at(-1)) await measureStages(n)
    }
    // Back down through the sizes: the second visits' runs count with the first ones (see the top of this file).
    if (held === sizes.length) {
      for (const n of sizes.slice(0, -1).reverse()) {
        if (!await hold(n)) break
        await measureStages(n)
      }
    }
    const done = sizes.filter((n) => totals[n] !== undefined)
    for (const n of done) {
      const s = Object.entries(stageTimes[n]!).map(([k, v]) => [k, median(v)] as const)
      rows.push({
        what: `  where ports' time goes at ${count(n)} (in-process CPU, medians of ${totals[n]!.length} runs)`,
        figure: s.map(([k, v]) => `${k} ${msText(v)}`).join(', '),
        baseline: `${msText(median(totals[n]!))} in all; the whole command minus node -e 0: ${msText(wall.ports![n]! - (wall['node -e 0']?.[n] ?? 0))}`,
      })
    }
    if (done.length >= 3) {
      const [a, m, b] = [done[0]!, done[Math.floor(done.length / 2)]!, done.at(-1)!]
      /** Per listener added: from the first size to the middle one, then from the middle one to the last. */
      const steps = (of: Record<number, number[]>): [number, number] => [(median(of[m]!) - median(of[a]!)) / (m - a), (median(of[b]!) - median(of[m]!)) / (b - m)]
      const perRun = (n: number): number[] => totals[n]!.map((t, i) => t - floors[n]![i]!)
      const ours = steps(Object.fromEntries(done.map((n) => [n, perRun(n)])))
      const verdict = ([first, second]: [number, number]): Pick<SpeedRow, 'ratio' | 'met'> => first > 0 && second > 0
        ? { ratio: `${(second / first).toFixed(2)}×`, met: second / first <= 1.5 ? 'yes' : 'NO' }
        // A negative step means the machine's noise was larger than the work added: no verdict from such a run.
        : { ratio: 'noise', met: '— (rerun on a quieter machine)' }
      const us = ([first, second]: [number, number]): string => `${(first * 1000).toFixed(1)} then ${(second * 1000).toFixed(1)} µs per added listener`
      const target = `linear: ≤ 1.5× (quadratic: ${((b + m) / (m + a)).toFixed(1)}×)`
      const all = steps(totals)
      const floor = steps(floors)
      rows.push({
        what: `growth, ${count(a)} → ${count(m)} → ${count(b)} listeners: ports' own work in-process (CPU of the five stages), sizes visited up and back down`,
        figure: us(all),
        baseline: `the kernel's floor under it (the same system calls, nothing kept): ${us(floor)}, ${(floor[1] / floor[0]).toFixed(2)}×; whole commands ×${b / a} listeners: ${Object.keys(wall).map((k) => `${k} ×${(wall[k]![b]! / wall[k]![a]!).toFixed(1)}`).join(', ')}`,
        ...verdict(all), target,
      })
      rows.push({
        what: "  growth of ports' own work above the kernel's floor (the five stages minus the same system calls, run by run)",
        figure: us(ours), ...verdict(ours), target,
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
  const opts = { runs, ...(sizes ? { sizes } : {}) }
  if (process.env[INSIDE] === '1') {
    // The copy inside the namespace: its rows go back to the one outside.
    // The bench outside gone (killed, Ctrl-C): stop flooding at once; the holder goes the same way, and the namespace
    // with its last process.
    process.on('disconnect', () => process.exit(0))
    const rows = await rowsHere(process.env.PORTS_BENCH_CLI ?? BIN, opts)
    process.send!(rows, () => process.disconnect())
  } else {
    process.stdout.write(`localhost-lab bench:ports: node ${process.version}, ${runs} runs interleaved, medians.\n\n`)
    const rows = await portsRows(BIN, opts)
    process.stdout.write(`${table(rows.map((r) => ({ what: r.what, figure: r.figure, baseline: r.baseline ?? '', ratio: r.ratio ?? '', target: r.target ?? '', met: r.met ?? '' })))}\n`)
  }
}
