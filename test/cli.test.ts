import t from 'tap'
import { readFile } from 'node:fs/promises'
import { parseLinuxRange } from '../src/net/ephemeral-range.js'
import type { DoneEvent } from '../src/core/events.js'
import { cli, isLinux } from './helpers.js'
import { badUsage } from './usage.js'

t.test('demo ephemeral --json: NDJSON events, done last, ports in the OS range', async (t) => {
  const r = await cli(['demo', 'ephemeral', '--json'])
  t.equal(r.code, 0, r.stderr)
  const lines = r.stdout.trim().split('\n')
  t.equal(r.events.length, lines.length, 'every line is one JSON object')
  for (const e of r.events) {
    t.equal(e.scenario, 'ephemeral')
    t.type(e.type, 'string')
  }
  const done = r.events.at(-1) as DoneEvent
  t.match(done, { type: 'done', ok: true })
  t.ok(done.observed.includes('ECONNREFUSED'))
  const ports = r.events.flatMap((e) => e.type === 'observe' && e.kind === 'listening' ? [e.port] : [])
  t.ok(ports.length >= 4)
  if (isLinux) {
    const range = parseLinuxRange(await readFile('/proc/sys/net/ipv4/ip_local_port_range', 'utf8'))!
    for (const p of ports) t.ok(p >= range.first && p <= range.last, `port ${p} in range`)
  }
})

t.test('the console narration is plain text without a TTY', async (t) => {
  const r = await cli(['demo', 'ephemeral'])
  t.equal(r.code, 0)
  t.notMatch(r.stdout, /\u001b\[/, 'no color codes when stdout is not a TTY')
  const forced = await cli(['demo', 'ephemeral'], { env: { NO_COLOR: undefined, FORCE_COLOR: '1' } })
  t.match(forced.stdout, /\u001b\[/, 'FORCE_COLOR turns colors on')
})

const usage: Array<[string[], RegExp]> = [
  [['demo', 'ephemeal'], /^localhost-lab: unknown scenario 'ephemeal'\. Did you mean 'ephemeral'\? Run `localhost-lab list`\.\n$/],
  [['demo'], /^localhost-lab: which scenario\?/],
  [['demo', 'a', 'b'], /one scenario at a time/],
  [['demo', 'ephemeral', '--jsn'], /^localhost-lab: unknown option '--jsn' for 'demo'\. Did you mean '--json'\?/],
  [['dmeo'], /^localhost-lab: unknown command 'dmeo'\. Did you mean 'demo'\?/],
  [['--frobnicate'], /^localhost-lab: unknown option '--frobnicate'/],
  [['list', 'extra'], /takes no arguments/],
  [['demo', '--all', 'ephemeral'], /not both/],
]
badUsage(usage)

t.test('--help for the CLI and every command', async (t) => {
  const top = await cli(['--help'])
  t.equal(top.code, 0)
  t.match(top.stdout, /Commands:/)
  for (const name of ['list', 'demo', 'explain', 'probe', 'ports', 'serve', 'dashboard']) {
    const r = await cli([name, '--help'])
    t.equal(r.code, 0)
    t.match(r.stdout, new RegExp(`^Usage: localhost-lab ${name}`))
    t.match(r.stdout, /Examples:/)
  }
})

t.test('list --json names every scenario with its command', async (t) => {
  const r = await cli(['list', '--json'])
  t.equal(r.code, 0)
  const list = JSON.parse(r.stdout) as Array<{ id: string, command: string }>
  t.ok(list.some((s) => s.id === 'ephemeral' && s.command === 'npm run demo:ephemeral'))
})
