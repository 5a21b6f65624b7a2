/** `localhost-lab explain` as a user runs it: a fresh node process, argument or stdin, --json, --probe, exit codes. */
import t from 'tap'
import net from 'node:net'
import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { CLI, CLI_MODULES, cli, ourSockets } from './helpers.js'

const DENY_HEAVY = fileURLToPath(new URL('./fixtures/deny-heavy.mjs', import.meta.url))

interface Json {
  candidates: Array<{ kind: string, scenario: string, confidence: number, why: string, fix: string, command: string }>
  address: string | null
  port: number | null
  family: string | null
  recognised: boolean
  probe?: { report?: { answered: boolean, results: Array<{ state: string, address: string, code?: string }> }, notProbed: string[] }
}

function json (stdout: string): Json {
  return JSON.parse(stdout) as Json
}

t.test('--json: {"candidates":[{"kind","scenario","confidence",...}],"address","port"}; exit 0 when recognised', async (t) => {
  const r = await cli(['explain', '--json', 'Error: connect ECONNREFUSED ::1:5173'])
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stdout.trim().split('\n').length, 1, 'one line of JSON')
  const j = json(r.stdout)
  t.match(j, { address: '::1', port: 5173, family: 'IPv6', recognised: true })
  t.match(j.candidates[0], { kind: 'localhost-ipv6', scenario: 'localhost-ipv6', command: 'npm run demo:localhost-ipv6' })
  t.type(j.candidates[0]!.confidence, 'number')
  t.ok(j.candidates.some((c) => c.kind === 'refused'), 'the plain refusal is a candidate too')
})

t.test('human output: the candidates with their demo command, the address found; quotes not required', async (t) => {
  const r = await cli(['explain', 'listen', 'EADDRINUSE:', 'address', 'already', 'in', 'use', '127.0.0.1:3000'])
  t.equal(r.code, 0, r.stderr)
  t.match(r.stdout, /npm run demo:port-in-use/)
  t.match(r.stdout, /127\.0\.0\.1:3000/)
  t.notMatch(r.stdout, /\u001b\[/, 'no color without a TTY')
})

t.test('reads stdin: `my-app 2>&1 | localhost-lab explain`, also a large log with the error at the end', async (t) => {
  const r = await cli(['explain', '--json'], { input: 'starting...\nError: listen EADDRINUSE: address already in use :::8080\n    at Server.setupListenHandle [as _listen2] (node:net:1908:16)\n' })
  t.equal(r.code, 0, r.stderr)
  t.match(json(r.stdout), { address: '::', port: 8080, candidates: [{ kind: 'port-in-use' }] })

  const noise = 'GET /assets/app.js 200 1.2 ms - 5120\n'.repeat(60000)
  const big = await cli(['explain', '--json'], { input: `${noise}curl: (7) Failed to connect to 127.0.0.1 port 9000 after 0 ms: Couldn't connect to server\n` })
  t.equal(big.code, 0, big.stderr)
  t.match(json(big.stdout), { address: '127.0.0.1', port: 9000, candidates: [{ kind: 'refused' }] })

  const dash = await cli(['explain', '-', '--json'], { input: 'getaddrinfo ENOTFOUND db' })
  t.match(json(dash.stdout), { address: 'db', candidates: [{ kind: 'dns' }] }, '`-` reads stdin too')
})

// Empty input is bad usage now (exit 2, issue 14): test/explain-empty.test.ts.
t.test('not recognised: `unknown` with what to try, exit 1', async (t) => {
  for (const input of ['everything is fine']) {
    const r = await cli(['explain', '--json'], { input })
    t.equal(r.code, 1, `exit 1 for ${JSON.stringify(input)}`)
    const j = json(r.stdout)
    t.equal(j.candidates[0]!.kind, 'unknown')
    t.equal(j.recognised, false)
    t.equal(r.stderr, '')
  }
  const human = await cli(['explain', 'TypeError: x is not a function'])
  t.equal(human.code, 1)
  t.match(human.stdout, /unknown/)
})

t.test('bad usage: one line, exit 2, no stack', async (t) => {
  const cases: Array<[string[], RegExp]> = [
    [['explain', '--top', '0', 'x'], /--top takes a whole number from 1 to 16 \(got '0'\)/],
    [['explain', '--top', 'abc', 'x'], /--top takes a whole number from 1 to 16 \(got 'abc'\)/],
    [['explain', '--jsn', 'x'], /unknown option '--jsn' for 'explain'\. Did you mean '--json'\?/],
    [['explian', 'x'], /unknown command 'explian'\. Did you mean 'explain'\?/],
  ]
  for (const [args, expected] of cases) {
    const r = await cli(args)
    t.equal(r.code, 2, args.join(' '))
    t.match(r.stderr, expected)
    t.equal(r.stderr.trim().split('\n').length, 1)
    t.notMatch(r.stderr, /\n\s+at /)
  }
})

t.test('no argument on a terminal: a one-line usage error, exit 2', async (t) => {
  // `script` gives the command a real pseudo-terminal as stdin, the way a user typing `localhost-lab explain` has.
  const r = await new Promise<{ code: number | null, out: string } | null>((resolve) => {
    const child = spawn('script', ['-qec', `${process.execPath} ${CLI} explain`, '/dev/null'], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
    let out = ''
    child.stdout.on('data', (d) => { out += d })
    child.on('error', () => resolve(null))
    child.on('close', (code) => resolve({ code, out }))
  })
  if (r === null) {
    t.comment('skipped: `script` (util-linux) is not installed')
    return
  }
  t.equal(r.code, 2)
  t.match(r.out, /what should I explain\? Give the error text in quotes, or pipe it/)
})

t.test('--help documents options, exit codes and examples', async (t) => {
  const r = await cli(['explain', '--help'])
  t.equal(r.code, 0)
  t.match(r.stdout, /^Usage: localhost-lab explain/)
  t.match(r.stdout, /--json/)
  t.match(r.stdout, /--probe/)
  t.match(r.stdout, /Exit codes: 0 recognised, 1 not recognised/)
  t.match(r.stdout, /Examples:/)
  const top = await cli(['--help'])
  t.match(top.stdout, /explain/)
})

t.test('explain starts without fastify, ws or pino (a loader hook makes loading them fail)', async (t) => {
  const r = await cli(['explain', '--json', 'connect ECONNREFUSED 127.0.0.1:1'], { env: { NODE_OPTIONS: `--import=${DENY_HEAVY}` }, bin: CLI_MODULES })
  t.equal(r.code, 0, r.stderr)
  t.equal(json(r.stdout).candidates[0]!.kind, 'refused')
  // The control: a command that needs fastify fails under the same hook, so the hook really bites.
  const demo = await cli(['demo', 'ephemeral', '--json'], { env: { NODE_OPTIONS: `--import=${DENY_HEAVY}` }, bin: CLI_MODULES })
  t.not(demo.code, 0)
  t.match(demo.stdout + demo.stderr, /deny-heavy: '(?:fastify|pino|ws)'/)
})

t.test('--probe: connects to the address found, now, when it is on this machine', async (t) => {
  const server = net.createServer((s) => s.end())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  const open = await cli(['explain', '--json', '--probe', `connect ECONNREFUSED 127.0.0.1:${port}`])
  t.equal(open.code, 0, open.stderr)
  t.match(json(open.stdout).probe, { report: { answered: true, results: [{ state: 'open', address: '127.0.0.1' }] } }, 'open now: it was not ready, or restarted')
  await new Promise<void>((resolve) => server.close(() => resolve()))

  const refused = await cli(['explain', '--json', '--probe', `connect ECONNREFUSED 127.0.0.1:${port}`])
  t.match(json(refused.stdout).probe, { report: { answered: false, results: [{ state: 'refused', code: 'ECONNREFUSED' }] } }, 'refused now: nothing listens')
  const human = await cli(['explain', '--probe', `connect ECONNREFUSED 127.0.0.1:${port}`])
  t.match(human.stdout, /Probe \(now\):/)

  const far = await cli(['explain', '--json', '--probe', 'connect ECONNREFUSED 192.0.2.1:80'])
  const p = json(far.stdout).probe!
  t.equal(p.report, undefined, 'no connection to a non-loopback address')
  t.match(p.notProbed[0], /not a loopback address/)
  t.same(await ourSockets('LISTEN'), [])
})
