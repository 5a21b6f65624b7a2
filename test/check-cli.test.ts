/**
 * `localhost-lab check` as a user runs it, against real programs no one here wrote: a Node inspector running as root,
 * python's http.server, redis with and without requirepass, the lab's own dashboard, and a listener started with
 * secrets on its command line. They run on 127.0.0.1 inside a network namespace this test creates, and the built CLI
 * runs there too (`ip netns exec`), so `check` with no target sees only this test's listeners and probes nothing else.
 */
import t from 'tap'
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { randomBytes } from 'node:crypto'
import type { Lab } from '../src/core/lab.js'
import { createNamespace } from '../src/netns/namespace.js'
import { CLI, isLinux } from './helpers.js'
import { badUsage } from './usage.js'
import { programsIn } from './namespace-programs.js'

interface JsonListener {
  address: string, port: number, family: string, exposure: string, pid: number | null, user: string | null
  command: string | null, commandLine: string | null, program: string | null
  service: { protocol: string, product?: string, version?: string, evidence: string[] }
  risks: Array<{ id: string, severity: string, evidence: string, fix: string }>
  verdict: string
}

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const root = process.getuid?.() === 0
const usable = isLinux && root && has('ip')
const programs = has('python3') && has('redis-server')

t.test('check in a namespace of our own: real programs, verdicts, owners, secrets never shown', { skip: usable && programs ? false : 'needs Linux, root, ip, python3 and redis-server' }, async (t) => {
  // The lab's one way to make a namespace; it asks its Lab only to remove it at the end, which the teardown does here.
  const ns = await createNamespace({ defer: (fn: () => unknown) => { t.teardown(fn) } } as unknown as Lab, 'check')
  const dir = mkdtempSync(join(tmpdir(), 'llab-check-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))

  const programs = await programsIn(ns, (fn) => { t.teardown(fn) })
  const [ipPath, ...enter] = programs.prefix
  const { env, start } = programs
  // Ports for redis, found free inside the namespace a moment ago (it holds nothing else).
  const free = spawnSync(ipPath!, [...enter, process.execPath, '-e', `const net = require('node:net'); const a = net.createServer().listen(0, '127.0.0.1', () => { const b = net.createServer().listen(0, '127.0.0.1', () => { console.log(a.address().port, b.address().port); a.close(); b.close() }) })`], { encoding: 'utf8' })
  const [redisOpen, redisLocked] = free.stdout.trim().split(' ').map(Number) as [number, number]

  const tag = randomBytes(4).toString('hex')
  const secrets = [`hunter2-${tag}`, `tok-${tag}`]
  const redis = (port: number, ...more: string[]): string[] => ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir, '--set-proc-title', 'no', ...more]

  const [inspector, python, open, locked, dashboard, secretive, everywhere] = await Promise.all([
    start([process.execPath, '--inspect=127.0.0.1:0', '-e', 'process.stdin.resume()'], /Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//),
    start(['python3', '-u', '-m', 'http.server', '0', '--bind', '127.0.0.1', '--directory', dir], /Serving HTTP on 127\.0\.0\.1 port (\d+)/),
    start(redis(redisOpen), /Ready to accept connections/),
    start(redis(redisLocked, '--requirepass', secrets[0]!), /Ready to accept connections/),
    start([process.execPath, CLI, 'dashboard'], /localhost-lab dashboard: http:\/\/127\.0\.0\.1:(\d+)\//),
    start([process.execPath, '-e', "const s = require('node:net').createServer((c) => c.destroy()).listen(0, '127.0.0.1', () => console.log('port', s.address().port)); process.stdin.resume()", '--', '--requirepass', secrets[0]!, `API_TOKEN=${secrets[1]!}`],
      /^port (\d+)$/),
    // 0.0.0.0 exists only inside this namespace: never bound in the machine's own.
    start([process.execPath, '-e', "const s = require('node:net').createServer((c) => c.destroy()).listen(0, '0.0.0.0', () => console.log('port', s.address().port)); process.stdin.resume()"], /^port (\d+)$/),
  ])
  const ports = {
    inspector: Number(inspector.match[1]), python: Number(python.match[1]), open: redisOpen, locked: redisLocked,
    dashboard: Number(dashboard.match[1]), secretive: Number(secretive.match[1]), everywhere: Number(everywhere.match[1]),
  }

  const check = (...args: string[]): { stdout: string, stderr: string, status: number | null, ms: number } => {
    const t0 = performance.now()
    const r = spawnSync(ipPath!, [...enter, process.execPath, CLI, 'check', ...args], { env, encoding: 'utf8' })
    return { ...r, ms: performance.now() - t0 }
  }
  const json = check('--json')
  const text = check()
  for (const [name, r] of Object.entries({ '--json': json, text })) {
    t.equal(r.status, 1, `check ${name}: exit 1, a danger was found ${r.stderr}`)
    t.equal(r.stderr, '', `check ${name}: nothing on stderr`)
    for (const s of secrets) t.notOk(r.stdout.includes(s), `check ${name} never shows ${s}`)
  }
  t.ok(json.ms < 10_000, `every listener checked in ${Math.round(json.ms)} ms (generous bound; the 3 s target is npm run bench's)`)

  const report = JSON.parse(json.stdout) as { listeners: JsonListener[], notes: string[] }
  t.same(Object.keys(report), ['listeners', 'notes'])
  const byPort = new Map(report.listeners.map((l) => [l.port, l]))
  t.same([...byPort.keys()].sort((a, b) => a - b), Object.values(ports).sort((a, b) => a - b), 'the namespace holds only our listeners')
  for (const l of report.listeners) {
    t.same(Object.keys(l), ['address', 'port', 'family', 'exposure', 'pid', 'user', 'command', 'commandLine', 'program', 'service', 'risks', 'verdict'], `${l.port}: the contract's keys`)
    if (l.port === ports.everywhere) continue
    t.match(l, { address: '127.0.0.1', family: 'IPv4', exposure: 'loopback' })
    t.notOk(l.risks.some((r) => r.id === 'network-exposure'), `${l.port}: loopback is no network exposure`)
  }
  const wide = byPort.get(ports.everywhere)!
  t.match(wide, { address: '0.0.0.0', exposure: 'all-interfaces', verdict: 'review' }, 'exposure alone: review')
  t.match(wide.risks.find((r) => r.id === 'network-exposure'), { evidence: /0\.0\.0\.0/, fix: /bind 127\.0\.0\.1/ })

  const insp = byPort.get(ports.inspector)!
  t.match(insp, { pid: inspector.child.pid, user: 'root', command: 'node', program: 'Node.js inspector (debugger)', service: { protocol: 'node-inspector' }, verdict: 'danger' }, 'a Node inspector as root: danger')
  t.match(insp.risks.find((r) => r.id === 'code-execution'), { severity: 'high', evidence: /root/ }, 'code execution, and running as root says so')
  t.ok(report.notes.some((n) => /Running as root is not a risk of its own; it raises the severity of the others/.test(n)))

  t.match(byPort.get(ports.open), { program: 'Redis', service: { protocol: 'redis' }, verdict: 'danger' }, 'redis without requirepass: danger')
  t.ok(byPort.get(ports.open)!.risks.some((r) => r.id === 'no-auth'), 'no-auth')
  const lockedRow = byPort.get(ports.locked)!
  t.match(lockedRow, { program: 'Redis', service: { protocol: 'redis' } })
  t.notOk(lockedRow.risks.some((r) => r.id === 'no-auth'), 'redis with requirepass: no no-auth')
  t.not(lockedRow.verdict, 'danger')
  t.match(lockedRow.commandLine, /--requirepass \*\*\*( |$)/, "redis's own command line, its password as ***")
  t.match(lockedRow.commandLine, /--save {2}--appendonly no/, "an empty argument (--save '') keeps its place")

  const py = byPort.get(ports.python)!
  t.match(py, { program: 'Python http.server', service: { protocol: 'http' } }, "python's http.server, by its command line and its answer")
  t.not(py.verdict, 'danger', 'a file server on loopback is no danger by itself')
  t.match(byPort.get(ports.dashboard), { program: 'localhost-lab dashboard', service: { protocol: 'http' }, verdict: 'ok', risks: [] }, "the lab's own dashboard: ok")
  t.match(byPort.get(ports.secretive)!.commandLine, /-- --requirepass \*\*\* API_TOKEN=\*\*\*$/, 'a command line with secrets, redacted in --json')

  const verdicts = report.listeners.map((l) => l.verdict)
  const rank = { danger: 0, review: 1, ok: 2 } as Record<string, number>
  t.same(verdicts, [...verdicts].sort((a, b) => rank[a]! - rank[b]!), 'worst first')

  t.match(text.stdout, /PROTO\s+ADDRESS\s+PORT\s+FAMILY\s+EXPOSURE\s+PID\s+COMMAND\s+USER\s+PORT RANGE\s+PROTOCOL\s+PROGRAM\s+VERDICT/, "the table: the ports columns plus protocol, program, verdict")
  t.match(text.stdout, new RegExp(`127\\.0\\.0\\.1\\s+${ports.inspector}\\s+IPv4\\s+loopback\\s+${inspector.child.pid}\\s+node\\s+root\\s+\\S+\\s+node-inspector\\s+Node\\.js inspector \\(debugger\\)\\s+danger`))
  const findings = text.stdout.split('Findings, worst first')[1] ?? ''
  t.match(findings, /This is Node\.js inspector \(debugger\): the debugger of a Node\.js program/, 'findings in plain words')
  t.notMatch(findings, new RegExp(`127\\.0\\.0\\.1:${ports.dashboard}\\b`), 'an ok listener is no finding')

  const one = check(String(ports.inspector))
  t.equal(one.status, 1, 'one danger: exit 1')
  t.match(one.stdout, /^This is Node\.js inspector \(debugger\): the debugger of a Node\.js program started with --inspect[^\n]*\nOnly programs on this computer can reach it\.\nVerdict: danger/, 'plain words first')
  t.match(one.stdout, /\nDetails\n {2}address {4}127\.0\.0\.1:\d+ \(IPv4, loopback\)/, 'then the details')
  t.match(one.stdout, new RegExp(`parent {5}\\S+ \\(pid \\d+\\)`), 'the parent process')
  t.match(one.stdout, /started {4}\d{4}-\d\d-\d\dT/, 'the start time')
  t.ok(one.ms < 5_000, `one port in ${Math.round(one.ms)} ms (generous bound)`)

  const dash = check(`127.0.0.1:${ports.dashboard}`)
  t.equal(dash.status, 0, `the dashboard alone: exit 0 ${dash.stderr}`)
  t.match(dash.stdout, /^This is localhost-lab dashboard: the lab's own workshop page[^\n]*\nOnly programs on this computer can reach it\.\nVerdict: ok\./)

  const secret = check(String(ports.secretive))
  t.match(secret.stdout, /command {4}\S+ -e .* -- --requirepass \*\*\* API_TOKEN=\*\*\*\n/, 'the text view shows the command line redacted')
  for (const s of secrets) t.notOk(secret.stdout.includes(s))

  const bare = check('--no-probe', '--json')
  t.equal(bare.status, 0, '--no-probe: addresses alone are no danger')
  const unprobed = JSON.parse(bare.stdout) as { listeners: JsonListener[], notes: string[] }
  t.ok(unprobed.listeners.every((l) => l.service.protocol === 'unknown' && l.service.evidence.length === 0), 'nothing probed')
  t.same(unprobed.listeners.filter((l) => l.verdict !== 'ok').map((l) => [l.port, l.verdict]), [[ports.everywhere, 'review']], 'only the address counts: the 0.0.0.0 one is review, the rest ok')
  t.equal(unprobed.listeners.find((l) => l.port === ports.inspector)?.program, 'Node.js inspector (debugger)', 'the command line still names the inspector')
  t.match(unprobed.notes, [/Not probed/])

  const exposed = check(String(ports.everywhere))
  t.equal(exposed.status, 0, 'review is no danger: exit 0')
  t.match(exposed.stdout, /\nOther computers can reach it too \(it listens on every interface\), unless a firewall stops them\.\nVerdict: review/)

  const nothing = check('1')
  t.equal(nothing.status, 1, 'a port nothing listens on: exit 1')
  t.match(nothing.stdout, /^Nothing listens on TCP port 1 now\./)
})

badUsage([
  [['check', '0'], /^localhost-lab: bad target '0': port 0 cannot be connected to/],
  [['check', '70000'], /^localhost-lab: bad target '70000': port 70000 is out of range/],
  [['check', 'nonsense'], /^localhost-lab: bad target 'nonsense': there is no port/],
  [['check', '192.0.2.1:80'], /^localhost-lab: bad target '192\.0\.2\.1:80': 192\.0\.2\.1 is not an address of this machine/],
  [['check', 'http://[2001:db8::1]:8080/'], /2001:db8::1 is not an address of this machine/],
  [['check', '1', '2'], /'check' takes at most one target \(got 2\)/],
  [['check', '--source', 'sss'], /unknown --source 'sss'\. Did you mean 'ss'\?/],
])
