/**
 * `ports` shows who runs each listener (USER) and its whole command line (--wide, and always in --json), with the
 * secrets in it redacted in every output. The listener is a real child of this test, started with secrets in its
 * argv, listening on 127.0.0.1 inside a network namespace this test creates: the built CLI's `ports` runs there too
 * (`ip netns exec`), so it sees only the test's own listener. The child runs as `nobody` when setpriv can drop to it,
 * so the USER column cannot be the CLI's own user by accident.
 */
import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { createInterface } from 'node:readline'
import type { ListenersReport } from '../src/diagnose/ports/listeners.js'
import { namespaceName } from '../src/netns/namespace.js'
import { CLI, isLinux } from './helpers.js'

const has = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0
const root = process.getuid?.() === 0
const usable = isLinux && root && has('ip')

t.test('ports: USER, the full command line with --wide and in --json, secrets never shown', { skip: usable ? false : 'needs Linux, root and ip (a network namespace of our own)' }, async (t) => {
  const ns = namespaceName('ports')
  const ip = (...args: string[]): void => {
    const r = spawnSync('ip', args, { encoding: 'utf8' })
    if (r.status !== 0) throw new Error(`ip ${args.join(' ')}: ${r.stderr}`)
  }
  ip('netns', 'add', ns)
  t.teardown(() => { spawnSync('ip', ['netns', 'del', ns]) })
  ip('-n', ns, 'link', 'set', 'lo', 'up')

  const tag = randomBytes(4).toString('hex')
  const secrets = [`hunter2-${tag}`, `pw-${tag}`, `pgpw-${tag}`, `tok-${tag}`, `my-${tag}`, `bearer-${tag}`]
  const argv = [
    '--requirepass', secrets[0]!, `--password=${secrets[1]!}`, '--db', `postgres://app:${secrets[2]!}@db:5432/app`,
    `API_TOKEN=${secrets[3]!}`, `mysql -u root -p${secrets[4]!}`, `Authorization: Bearer ${secrets[5]!}`, '--name', `visible-${tag}`,
  ]
  // setpriv drops to nobody; the listener then belongs to another user than the CLI that lists it.
  // The names come from the system's own `id`, not from the code under test.
  const nameOf = (uid: number): string | undefined => { const r = spawnSync('id', ['-nu', String(uid)], { encoding: 'utf8' }); return r.status === 0 ? r.stdout.trim() : undefined }
  const nobody = has('setpriv') && nameOf(65534) !== undefined
  const asUser = nobody ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'] : []
  const expectedUser = (nobody ? nameOf(65534) : nameOf(process.getuid!())) ?? String(process.getuid!())
  // It exits when its stdin closes, so it cannot outlive this test even if the teardown's kill never comes.
  const script = "const s = require('node:net').createServer().listen(0, '127.0.0.1', () => process.stdout.write(s.address().port + '\\n')); process.stdin.on('end', () => process.exit(0)).resume()"
  const env = { ...process.env, NO_COLOR: '1' }
  // tap puts its process-info loader into NODE_OPTIONS of every child it sees spawned; `env -u` takes it out again
  // (as nobody, the loader could not write its report).
  const enter = ['netns', 'exec', ns, 'env', '-u', 'NODE_OPTIONS']
  const child = spawn('ip', [...enter, ...asUser, process.execPath, '-e', script, '--', ...argv], { env, stdio: ['pipe', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill() })
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`the listener exited (${code}) before it listened`)))
    createInterface({ input: child.stdout! }).once('line', (line) => resolve(Number(line)))
  })

  const ports = (...args: string[]): { stdout: string, stderr: string, status: number | null } =>
    spawnSync('ip', [...enter, process.execPath, CLI, 'ports', ...args], { env, encoding: 'utf8' })
  const json = ports('--json')
  const table = ports()
  const wide = ports('--wide')
  for (const [name, r] of Object.entries({ '--json': json, table, '--wide': wide })) {
    t.equal(r.status, 0, `ports ${name}: exit 0 ${r.stderr}`)
    for (const s of secrets) t.notOk(r.stdout.includes(s) || r.stderr.includes(s), `ports ${name} never shows ${s}`)
  }

  const report = JSON.parse(json.stdout) as ListenersReport
  t.equal(report.listeners.length, 1, 'the namespace holds only our listener')
  const l = report.listeners[0]!
  t.match(l, { address: '127.0.0.1', port, pid: child.pid, command: 'node', user: expectedUser }, `the child's pid and its user (${expectedUser})`)
  t.equal(l.owners[0]!.user, expectedUser, 'the owner carries its user too')
  t.equal(l.commandLine, [process.execPath, '-e', script, '--', '--requirepass', '***', '--password=***', '--db', 'postgres://app:***@db:5432/app',
    'API_TOKEN=***', 'mysql -u root -p***', 'Authorization: Bearer ***', '--name', `visible-${tag}`].join(' '), '--json: the whole command line, redacted')

  t.match(table.stdout, new RegExp(`127\\.0\\.0\\.1\\s+${port}\\s+IPv4\\s+loopback\\s+${child.pid}\\s+node\\s+${expectedUser}\\s+ephemeral`), 'the table: USER after COMMAND')
  t.match(table.stdout, /\bUSER\b/)
  t.notMatch(table.stdout, /visible-|COMMAND LINE/, 'without --wide: no command line')
  t.match(wide.stdout, /COMMAND LINE/)
  t.match(wide.stdout, new RegExp(`--requirepass \\*\\*\\* --password=\\*\\*\\* --db postgres://app:\\*\\*\\*@db:5432/app API_TOKEN=\\*\\*\\* mysql -u root -p\\*\\*\\* Authorization: Bearer \\*\\*\\* --name visible-${tag}`), '--wide: the rest of the command line, redacted')
})
