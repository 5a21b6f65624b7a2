/**
 * Start-up: whole commands of the bin (the bundle in dist/cli, tools/build/bundle.mjs) against `node -e 0` and against
 * the libraries' floor, each pair run interleaved (bench/lib.ts `compare`), medians. The sweeps a command makes at its
 * start are included: they are part of what a user waits for.
 *
 * The floor: a script that only imports fastify and ws, listens on port 0 with each and closes. Node 22.1+ has a
 * compile cache (the bin enables it): those rows run the bin on Node 22 and 24 fetched by npx, as
 * .ci/node-versions.sh does, and say so when it cannot. tsc's unbundled CLI (dist/src/cli/main.js) runs beside the
 * bundle so the table shows what bundling bought.
 * Every command runs through the bin users run, dist/cli/bin.cjs: the quick commands (explain, ports, probe, check)
 * and demo from their CommonJS files with V8's code cache (src/cli/code-cache.cts; each comparison's warm-up run
 * writes it, as a user's first run does), each next to the same command from the ES module bin (main.js); where
 * NODE_EXTRA_CA_CERTS is set, also without it on both sides. One row shows what the code cache buys (the same
 * command with NODE_DISABLE_COMPILE_CACHE=1, as a first run is).
 * Run on its own: `node dist/bench/startup.js`; `npm run bench` runs it among the others.
 */
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { compare, median, timeOnce } from './lib.js'

export interface StartupRow { what: string, figure: string, baseline?: string, ratio?: string, target?: string, met?: string }

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url))
/** The ES module bin: every command from its chunks. */
const BUNDLE = here('../cli/main.js')
/** The bin users run (src/cli/bin.cts): the quick commands and demo from their CommonJS files, the rest via BUNDLE. */
const BIN_CJS = here('../cli/bin.cjs')
/** tsc's output of the same CLI, unbundled. */
const UNBUNDLED = here('../src/cli/main.js')
const node = process.execPath

const msText = (ms: number): string => ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`
const yes = (ok: boolean): string => ok ? 'yes' : 'NO'

/**
 * The libraries' floor, as one `node --input-type=module -e` program; fastify and ws resolved as our modules resolve
 * them. `cached`: Node's compile cache enabled first, as src/cli/main.ts does (a no-op before Node 22.1).
 */
function floorArgs (cached = false): string[] {
  const fastify = JSON.stringify(import.meta.resolve('fastify'))
  const ws = JSON.stringify(import.meta.resolve('ws'))
  return ['--input-type=module', '-e', `
    ${cached ? "(await import('node:module')).default.enableCompileCache?.()" : ''}
    const { default: Fastify } = await import(${fastify})
    const { WebSocketServer } = await import(${ws})
    const app = Fastify()
    await app.listen({ port: 0, host: '127.0.0.1' })
    const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' })
    await new Promise((resolve) => wss.once('listening', resolve))
    await new Promise((resolve) => wss.close(resolve))
    await app.close()`]
}

/**
 * The same floor as the bin runs a lesson: bench/startup-floor.ts bundled into one CommonJS file with quick-demo.cjs's
 * stand-ins (tools/build/bundle.mjs), run with the bin's V8 code cache (src/cli/code-cache.cts; the comparison's
 * warm-up run writes it). What fastify and ws cost in the form `demo ephemeral` loads them.
 */
function bundledFloorArgs (): string[] {
  return ['-e', `require(${JSON.stringify(here('../src/cli/code-cache.cjs'))}).requireWithCodeCache(${JSON.stringify(here('./startup-floor.cjs'))})`]
}

/**
 * probe's floor: the work `probe 127.0.0.1:PORT` cannot skip, as one `node -e` program. node:net and one connect, the
 * listening part of the kernel's two tables (one small read of each, and none of a family sockstat counts no socket
 * of: proc-net.ts's readListeningSync reads no more), and one pass over /proc/<pid>/fd for the listener's owner,
 * stepping over processes with no descriptor as ownersOf does (stat's size, Linux 6.2+). It used to read the whole
 * of both tables (64 KB each), which walks the kernel's whole established hash twice, 4-5 ms here that probe no
 * longer spends: measured with that, the floor was 1.5-1.7x `node -e 0` (Node 20, 658 fds in all).
 */
function probeFloorArgs (port: number): string[] {
  return ['-e', `
    const fs = require('node:fs')
    const c = require('node:net').connect(${port}, '127.0.0.1', () => {
      c.destroy()
      for (const [table, stat, name] of [['/proc/net/tcp', '/proc/net/sockstat', 'TCP'], ['/proc/net/tcp6', '/proc/net/sockstat6', 'TCP6']]) {
        try { if (Number.parseInt(fs.readFileSync(stat, 'latin1').split(name + ': inuse ')[1]) === 0) continue } catch {}
        try { const fd = fs.openSync(table, 'r'); fs.readSync(fd, Buffer.allocUnsafe(512), 0, 512, null); fs.closeSync(fd) } catch {}
      }
      for (const p of fs.readdirSync('/proc')) {
        if (!/^\\d+$/.test(p)) continue
        const dir = '/proc/' + p + '/fd/'
        if (fs.statSync(dir, { throwIfNoEntry: false })?.size === 0) continue
        let fds = []
        try { fds = fs.readdirSync(dir) } catch {}
        for (const d of fds) { try { fs.readlinkSync(dir + d) } catch {} }
      }
    })`]
}

/** The node binary of major `v` (npx's cache, else the npm registry), or why there is none. */
function otherNode (v: number): { bin: string } | { reason: string } {
  const r = spawnSync('npx', ['-y', '-p', `node@${v}`, 'node', '-p', 'process.execPath'], { encoding: 'utf8', timeout: 120_000 })
  const bin = r.stdout?.trim()
  return r.status === 0 && bin ? { bin } : { reason: `npx -p node@${v} failed: ${(r.stderr ?? String(r.error)).trim().split('\n')[0]}` }
}

/** A listener of a process of its own on a port the OS gave it: timeOnce blocks this process, which could not answer. */
async function holdPort (): Promise<{ port: number, stop: () => void }> {
  const holder = spawn(node, ['-e', "const s = require('node:net').createServer((c) => c.destroy()).listen(0, '127.0.0.1', () => console.log(s.address().port)); process.stdin.resume()"], { stdio: ['pipe', 'pipe', 'inherit'] })
  const port = await new Promise<number>((resolve) => holder.stdout!.once('data', (d) => resolve(Number(String(d).trim()))))
  return { port, stop: () => { holder.kill() } }
}

type Command = [string, string[]]

/**
 * One interleaved comparison as a row. A run that fails (compare throws: a lesson that did not reproduce on a loaded
 * machine, a command that broke) becomes a row saying so, not the end of the bench.
 */
function compared (what: string, subject: Command, baseline: Command, baselineName: string, runs: number, target?: { text: string, max: number }): StartupRow {
  try {
    const c = compare(what, subject, baseline, runs)
    return { what, figure: msText(c.subjectMs), baseline: `${baselineName}: ${msText(c.baselineMs)}`, ratio: `${c.ratio.toFixed(2)}×`, ...(target && { target: target.text, met: yes(c.ratio <= target.max) }) }
  } catch (err) {
    return { what, figure: `failed: ${(err as Error).message.slice(0, 80)}`, ...(target && { target: target.text, met: '—' }) }
  }
}

export async function startupRows (runs = 9): Promise<StartupRow[]> {
  const bare: Command = [node, ['-e', '0']]
  const floor: Command = [node, floorArgs()]
  const demo = (bin: string, via = BIN_CJS): Command => [bin, [via, 'demo', 'ephemeral']]
  const rows: StartupRow[] = [
    compared("libraries' floor (import fastify + ws, listen on 0, close) vs node -e 0", floor, bare, 'node -e 0', runs),
    compared("libraries' floor bundled as the bin runs it (CommonJS, code cache) vs node -e 0", [node, bundledFloorArgs()], bare, 'node -e 0', runs),
    compared("demo ephemeral vs the libraries' floor", demo(node), floor, 'floor', runs, { text: '≤ 1.5×', max: 1.5 }),
    compared('demo ephemeral vs node -e 0', demo(node), bare, 'node -e 0', runs),
    compared('demo ephemeral: tsc output unbundled vs the bundle', [node, [UNBUNDLED, 'demo', 'ephemeral']], demo(node), 'bundle', runs),
    // What demo's CommonJS file buys: the same lesson from the ES module chunks.
    compared('demo ephemeral: the ES module bin (main.js) vs bin.cjs', demo(node, BUNDLE), demo(node), 'bin.cjs', runs),
  ]
  const others: Array<{ v: number, bin: string }> = []
  for (const v of [22, 24]) {
    const what = `demo ephemeral on Node ${v} (compile cache) vs its node -e 0`
    const other = otherNode(v)
    if ('reason' in other) {
      rows.push({ what, figure: 'not measured', baseline: other.reason, target: '≤ 3×', met: '—' })
      continue
    }
    others.push({ v, bin: other.bin })
    rows.push(compared(what, demo(other.bin), [other.bin, ['-e', '0']], 'node -e 0', runs, { text: '≤ 3×', max: 3 }))
    // The same floor with the compile cache the bin enables: what the libraries alone cost on this Node.
    rows.push(compared(`libraries' floor on Node ${v} (compile cache) vs its node -e 0`, [other.bin, floorArgs(true)], [other.bin, ['-e', '0']], 'node -e 0', runs))
    // The floor as the bin runs it: what is left of the 3× once fastify and ws listen is the lesson's own.
    rows.push(compared(`libraries' floor on Node ${v}, bundled as the bin runs it, vs its node -e 0`, [other.bin, bundledFloorArgs()], [other.bin, ['-e', '0']], 'node -e 0', runs))
  }

  const held = await holdPort()
  try {
    const quick: Array<[string, string[]]> = [
      ['explain', ['explain', 'Error: connect ECONNREFUSED ::1:5173']],
      ['ports', ['ports']],
      ['probe <our port>', ['probe', `127.0.0.1:${held.port}`]],
      ['check --no-probe <our port>', ['check', '--no-probe', `127.0.0.1:${held.port}`]],
    ]
    // Node 20 reads the NODE_EXTRA_CA_CERTS file at every start (75–100 ms here, where it is set), which makes every
    // ratio against `node -e 0` look better than users see it: with it set, each command is also measured without
    // it, both sides (`env -u`). Both rows are shown; the one with it is never left out.
    const ca = process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== ''
    const withoutCa = ([cmd, args]: Command): Command => ['env', ['-u', 'NODE_EXTRA_CA_CERTS', cmd, ...args]]
    const target = { text: '≤ 1.5×', max: 1.5 }
    for (const [name, args] of quick) {
      const cjs: Command = [node, [BIN_CJS, ...args]]
      rows.push(compared(`${name} (bin.cjs) vs node -e 0${ca ? ', NODE_EXTRA_CA_CERTS set' : ''}`, cjs, bare, 'node -e 0', runs, target))
      if (ca) rows.push(compared(`${name} (bin.cjs) vs node -e 0, without NODE_EXTRA_CA_CERTS`, withoutCa(cjs), withoutCa(bare), 'node -e 0', runs, target))
      // What the CommonJS bin buys: the same command from the ES module chunks, side by side.
      rows.push(compared(`${name}: the ES module bin (main.js) vs bin.cjs`, [node, [BUNDLE, ...args]], cjs, 'bin.cjs', runs))
    }
    // What probe's own code costs beyond the work it cannot skip (probeFloorArgs), and that floor against node -e 0.
    if (process.platform === 'linux') {
      const probeFloor: Command = [node, probeFloorArgs(held.port)]
      rows.push(compared("probe's floor (net + one connect + the listening part of /proc/net/tcp{,6} + /proc/*/fd) vs node -e 0", probeFloor, bare, 'node -e 0', runs))
      rows.push(compared("probe <our port> (bin.cjs) vs probe's floor", [node, [BIN_CJS, 'probe', `127.0.0.1:${held.port}`]], probeFloor, 'floor', runs))
      // check --no-probe connects to nothing but reads the same tables and its owner's /proc files: how much is its own code.
      rows.push(compared("check --no-probe <our port> (bin.cjs) vs probe's floor", [node, [BIN_CJS, 'check', '--no-probe', `127.0.0.1:${held.port}`]], probeFloor, 'floor', runs))
    }
    // What V8's code cache buys the largest quick file: explain as on a first run (no cache read, none written).
    const explainArgs = quick[0]![1]
    // Both through env(1), so that the one exec more is on both sides.
    rows.push(compared('explain (bin.cjs): without the code cache vs with it', ['env', ['NODE_DISABLE_COMPILE_CACHE=1', node, BIN_CJS, ...explainArgs]], ['env', [node, BIN_CJS, ...explainArgs]], 'with it', runs))
    // Node 20 reads NODE_EXTRA_CA_CERTS at every start; 22 and 24 only when a TLS connection needs it.
    for (const { v, bin } of others) {
      for (const [name, args] of quick) rows.push(compared(`${name} (bin.cjs) on Node ${v} vs its node -e 0`, [bin, [BIN_CJS, ...args]], [bin, ['-e', '0']], 'node -e 0', runs, target))
    }
    // check of one port with its probes: the wall time a user waits, against the issue's 1 s.
    const times: number[] = []
    for (let i = 0; i < 5; i++) times.push(timeOnce(node, [BIN_CJS, 'check', `127.0.0.1:${held.port}`]))
    const wall = median(times)
    rows.push({ what: 'check <our port>, wall time', figure: msText(wall), target: '≤ 1 s', met: yes(wall <= 1000) })
  } finally {
    held.stop()
  }
  return rows
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await startupRows(Number(process.env.BENCH_RUNS ?? 9))) {
    process.stdout.write(`  ${r.what}: ${r.figure}${r.baseline ? ` (vs ${r.baseline})` : ''}${r.ratio ? ` ${r.ratio}` : ''}${r.target ? `  target ${r.target}: ${r.met}` : ''}\n`)
  }
}
