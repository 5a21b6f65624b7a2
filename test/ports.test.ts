import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { listListeners, type ListenersReport } from '../src/diagnose/ports/listeners.js'
import { CLI, CLI_MODULES, cli, isLinux } from './helpers.js'
import { hold } from './net-helpers.js'
import { badUsage } from './usage.js'

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0

t.test('our own listeners on 127.0.0.1 and ::1: family, exposure, owner pid', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const h = await hold(['127.0.0.1', '::1'])
  t.teardown(() => h.close())
  const r = await listListeners({ port: h.port })
  t.equal(r.source, 'proc')
  t.same(r.listeners.map((l) => [l.protocol, l.address, l.port, l.family, l.exposure, l.pid]), [
    ['tcp', '127.0.0.1', h.port, 'IPv4', 'loopback', process.pid],
    ['tcp', '::1', h.port, 'IPv6', 'loopback', process.pid],
  ])
  t.equal(r.listeners[0]!.command, 'node', 'the short name, as ss and ps print it')
  t.match(r.listeners[0]!.commandLine, /node/)
  t.equal(r.listeners[0]!.ephemeral, true, 'a port-0 listener lies in the OS ephemeral range')

  const all = await listListeners()
  t.ok(all.listeners.length >= 2)
  t.ok(all.listeners.filter((l) => l.port === h.port).every((l) => l.pid === process.pid), 'the full list agrees')
  t.same(all.listeners.map((l) => l.port), [...all.listeners.map((l) => l.port)].sort((a, b) => a - b), 'sorted by port')

  for (const source of ['ss', 'lsof'] as const) {
    if (!has(source)) {
      t.comment(`${source} is not installed; skipped`)
      continue
    }
    const other = await listListeners({ port: h.port, source })
    t.same(other.listeners.map((l) => [l.address, l.family, l.exposure, l.pid]), r.listeners.map((l) => [l.address, l.family, l.exposure, l.pid]), `${source} reports the same as /proc`)
  }
})

t.test('CLI: ports <port> --json, and the table, for our own listener', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const h = await hold(['127.0.0.1'])
  t.teardown(() => h.close())
  const r = await cli(['ports', String(h.port), '--json'])
  t.equal(r.code, 0, r.stderr)
  const report = JSON.parse(r.stdout) as ListenersReport
  t.equal(report.port, h.port)
  t.match(report.listeners, [{ address: '127.0.0.1', port: h.port, family: 'IPv4', exposure: 'loopback', pid: process.pid }])
  t.equal(report.listeners.length, 1)
  const table = await cli(['ports', `:${h.port}`])
  t.equal(table.code, 0)
  t.match(table.stdout, new RegExp(`127\\.0\\.0\\.1\\s+${h.port}\\s+IPv4\\s+loopback\\s+${process.pid}\\s+node`))
  t.match(table.stdout, /Is it dangerous\?/)
})

t.test('CLI: ports --json escapes what JSON.stringify leaves raw (DEL, U+2028) in a command line, and leaves ASCII as it is', { skip: !isLinux && 'reads /proc' }, async (t) => {
  // A real program whose arguments hold DEL (ASCII, the one character the ASCII fast path must still catch) and U+2028.
  const child = spawn(process.execPath, ['-e', "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => console.log(s.address().port))", 'del\x7f', 'line\u2028sep'], { stdio: ['ignore', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill() })
  const port = await new Promise<number>((resolve) => child.stdout!.once('data', (d) => resolve(Number(String(d).trim()))))
  const r = await cli(['ports', String(port), '--json'])
  t.equal(r.code, 0, r.stderr)
  t.notOk(r.stdout.includes('\x7f') || r.stdout.includes('\u2028'), 'neither character raw on stdout')
  t.ok(r.stdout.includes('del\\u007f') && r.stdout.includes('line\\u2028sep'), 'both as \\u escapes')
  const report = JSON.parse(r.stdout) as ListenersReport
  t.match(report.listeners[0]?.commandLine, /del\x7f line\u2028sep/, 'and the same text once parsed')

  const h = await hold(['127.0.0.1'])
  t.teardown(() => h.close())
  const plain = await cli(['ports', String(h.port), '--json'])
  t.equal(plain.stdout, `${JSON.stringify(JSON.parse(plain.stdout))}\n`, 'ASCII only: exactly what JSON.stringify wrote')
})

const netnsUsable = isLinux && has('unshare') && spawnSync('unshare', ['--net', 'true']).status === 0

t.test('CLI: ports never loads fastify, ws or pino', async (t) => {
  const trace = fileURLToPath(new URL('./fixtures/trace-heavy-imports.mjs', import.meta.url))
  // ports reads every listener: in a network namespace of its own where there is one (only the test's, none here).
  const node = [process.execPath, '--import', trace, CLI_MODULES, 'ports', '--json']
  const r = netnsUsable ? spawnSync('unshare', ['--net', ...node], { encoding: 'utf8' }) : spawnSync(node[0]!, node.slice(1), { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  t.notMatch(r.stderr, /HEAVY-IMPORT/)
  const probe = spawnSync(process.execPath, ['--import', trace, CLI_MODULES, 'probe', '70000'], { encoding: 'utf8' })
  t.notMatch(probe.stderr, /HEAVY-IMPORT/, 'probe neither')
  // The tracer itself must be able to see a heavy import, or this test could never fail.
  const serve = spawnSync(process.execPath, ['--import', trace, CLI_MODULES, 'serve', '--for', '1', '--json'], { encoding: 'utf8' })
  t.match(serve.stderr, /HEAVY-IMPORT (ws|pino)/, 'the tracer does catch serve loading ws and pino')
})

t.test('all-interfaces listeners, in a network namespace of our own', { skip: netnsUsable ? false : 'needs Linux and unshare --net (root or user namespaces)' }, async (t) => {
  // 0.0.0.0 and :: exist only inside this throwaway namespace, never in the machine's own.
  const script = `
    const net = require('node:net'); const { spawnSync } = require('node:child_process')
    const a = net.createServer().listen(0, '0.0.0.0', () => {
      const b = net.createServer().listen({ port: 0, host: '::', ipv6Only: true }, () => {
        const r = spawnSync(process.execPath, [${JSON.stringify(CLI)}, 'ports', '--json'], { encoding: 'utf8' })
        process.stdout.write(JSON.stringify({ pid: process.pid, v4: a.address().port, v6: b.address().port, out: r.stdout, err: r.stderr }))
        a.close(); b.close()
      })
    })`
  const r = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up 2>/dev/null; exec "${process.execPath}" -e "$0"`, script], { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  const res = JSON.parse(r.stdout) as { pid: number, v4: number, v6: number, out: string, err: string }
  const report = JSON.parse(res.out) as ListenersReport
  t.same(report.listeners.map((l) => [l.address, l.port, l.family, l.exposure, l.pid]), [
    ['0.0.0.0', res.v4, 'IPv4', 'all-interfaces', res.pid],
    ['::', res.v6, 'IPv6', 'all-interfaces', res.pid],
  ].sort((x, y) => (x[1] as number) - (y[1] as number)))
})

t.test('a port in the ephemeral range is "probably" OS-assigned: the program may have chosen it', { skip: netnsUsable ? false : 'needs Linux and unshare --net (root or user namespaces)' }, async (t) => {
  // In a namespace of our own, so that `ports` lists only this listener; a port chosen by number, inside the range.
  const script = `
    const net = require('node:net'); const { spawnSync } = require('node:child_process')
    const [first, last] = require('node:fs').readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\\s+/).map(Number)
    const port = Math.floor((first + last) / 2)
    const server = net.createServer().listen(port, '127.0.0.1', () => {
      const r = spawnSync(process.execPath, [${JSON.stringify(CLI)}, 'ports'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } })
      process.stdout.write(JSON.stringify({ port, out: r.stdout, err: r.stderr }))
      server.close()
    })`
  const r = spawnSync('unshare', ['--net', 'sh', '-c', `ip link set lo up 2>/dev/null; exec "${process.execPath}" -e "$0"`, script], { encoding: 'utf8' })
  t.equal(r.status, 0, r.stderr)
  const res = JSON.parse(r.stdout) as { port: number, out: string, err: string }
  t.equal(res.err, '')
  const row = res.out.split('\n').find((l) => l.includes(` ${res.port} `))
  t.match(row, /ephemeral \(probably OS-assigned/, 'the row hedges')
  t.notMatch(res.out, /\(OS-assigned;/, 'never a flat "OS-assigned"')
})

const bad: Array<[string[], RegExp]> = [
  [['ports', '0'], /^localhost-lab: bad port '0': give a number from 1 to 65535/],
  [['ports', '70000'], /bad port '70000'/],
  [['ports', 'abc'], /bad port 'abc'/],
  [['ports', '1', '2'], /at most one port/],
  [['ports', '--source', 'sss'], /unknown --source 'sss'\. Did you mean 'ss'\?/],
  [['ports', '--al'], /unknown option '--al' for 'ports'\. Did you mean '--all'\?/],
]
badUsage(bad)
