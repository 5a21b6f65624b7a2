/**
 * `npm run bench`: figures measured side by side in one run, medians over several runs, ratios against a baseline.
 * Benchmarks print; they never fail on a number (targets are shown next to the figures).
 */
import { fileURLToPath } from 'node:url'
import { compare, table } from './lib.js'

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url))
const node = process.execPath
const runs = Number(process.env.BENCH_RUNS ?? 9)

const rows: Array<Record<string, string | number>> = []
function add (target: string, c: ReturnType<typeof compare>): void {
  rows.push({ what: c.name, 'median ms': c.subjectMs, 'baseline ms': c.baselineMs, ratio: c.ratio, target, runs: c.runs })
}

process.stdout.write(`localhost-lab bench: node ${process.version}, ${runs} runs each, interleaved; medians.\n\n`)
add('≤ 3×', compare('demo ephemeral vs node -e 0', [node, [cli, 'demo', 'ephemeral']], [node, ['-e', '0']], runs))
add('≤ 2×', compare('explain vs node -e 0', [node, [cli, 'explain', 'Error: connect ECONNREFUSED ::1:5173']], [node, ['-e', '0']], runs))
add('≤ 2×', compare('ports vs node -e 0', [node, [cli, 'ports']], [node, ['-e', '0']], runs))
{
  // probe needs something to answer: a listener of our own (the kernel completes the handshake while we wait).
  const net = await import('node:net')
  const server = net.createServer((s) => s.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const port = (server.address() as import('node:net').AddressInfo).port
  add('≤ 2×', compare('probe <our port> vs node -e 0', [node, [cli, 'probe', `127.0.0.1:${port}`]], [node, ['-e', '0']], runs))
  server.close()
}
process.stdout.write(`${table(rows)}\n`)
