/**
 * `npm run bench:ports`: how fast `ports` is with many listeners. A child process opens LISTENERS (default 1000)
 * listeners on 127.0.0.1 port 0; then `localhost-lab ports --json` runs as a user would run it, interleaved with
 * `node -e 0`, and once in-process to split the time between /proc reading and owner lookup. Prints; never fails.
 */
import { fork } from 'node:child_process'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { readListeningSync, ownersOf } from '../src/diagnose/ports/proc-net.js'
import { compare, median, table } from './lib.js'

const count = Number(process.env.LISTENERS ?? 1000)
const runs = Number(process.env.BENCH_RUNS ?? 9)
const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))
const node = process.execPath

if (process.argv[2] === 'hold') {
  // The child: open the listeners (loopback only, ports from the OS), report, wait for the parent to go away.
  const net = await import('node:net')
  const servers: import('node:net').Server[] = []
  for (let i = 0; i < count; i++) {
    const s = net.createServer()
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.listen(0, '127.0.0.1', () => resolve()) })
    servers.push(s)
  }
  process.send!({ ready: servers.length })
  process.on('disconnect', () => { for (const s of servers) s.close() })
} else {
  const child = fork(fileURLToPath(import.meta.url), ['hold'], { env: { ...process.env, LISTENERS: String(count) } })
  await new Promise((resolve, reject) => { child.once('message', resolve); child.once('exit', reject) })
  try {
    const inproc: number[] = []
    const readMs: number[] = []
    const ownersMs: number[] = []
    let seen = 0
    for (let i = 0; i < runs; i++) {
      let t0 = performance.now()
      const r = await listListeners()
      inproc.push(performance.now() - t0)
      seen = r.listeners.length
      t0 = performance.now()
      const socks = readListeningSync()
      readMs.push(performance.now() - t0)
      t0 = performance.now()
      ownersOf(socks.map((s) => s.inode))
      ownersMs.push(performance.now() - t0)
    }
    const c = compare(`ports --json with ${seen} listeners vs node -e 0`, [node, [cli, 'ports', '--json']], [node, ['-e', '0']], runs)
    process.stdout.write(`localhost-lab bench:ports: node ${process.version}, ${count} listeners opened by a child, ${runs} runs, medians.\n\n`)
    process.stdout.write(`${table([
      { what: c.name, 'median ms': c.subjectMs, 'baseline ms': c.baselineMs, ratio: c.ratio },
      { what: 'in-process listListeners() (read + owners + classify)', 'median ms': median(inproc), 'baseline ms': '', ratio: '' },
      { what: '  /proc/net/tcp{,6}, listening rows only', 'median ms': median(readMs), 'baseline ms': '', ratio: '' },
      { what: '  one pass over /proc/*/fd for the owners', 'median ms': median(ownersMs), 'baseline ms': '', ratio: '' },
    ])}\n`)
  } finally {
    child.disconnect()
  }
}
