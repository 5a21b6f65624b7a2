/**
 * `check`'s parts on their own: the verdict rules, the known-programs table and its matching, the owner's details
 * (this machine's /proc for real processes of ours; recorded ps and tasklist answers for the other platforms), the
 * client end of a connection on real loopback sockets of this test, and the target rule (this machine only).
 */
import t from 'tap'
import net from 'node:net'
import { spawn } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import { exposureRisk, raiseForRoot, verdictOf } from '../src/diagnose/check/verdict.js'
import { KNOWN_PROGRAMS, knownProgram } from '../src/diagnose/check/known-programs.js'
import { commandLineNeedlesJson } from '../src/diagnose/check/command-line-needles.js'
import { patternKey, readNeedles, storedNeedles } from '../src/diagnose/explain/literal-needles.js'
import { parseBootTime, parseLstart, parsePs, parseTasklistVerbose, procOwner } from '../src/diagnose/check/owner.js'
import { clientPorts, describeClientEnd, findClientEnds } from '../src/diagnose/check/client-ports.js'
import { check, checkJson, etcServicesNames, localTarget, parseEtcServices, probeAddress } from '../src/diagnose/check/check.js'
import type { Risk, RiskId, Service } from '../src/diagnose/check/types.js'
import type { ProcSocket } from '../src/diagnose/ports/proc-net.js'
import type { Listener } from '../src/diagnose/ports/listeners.js'
import { parseTarget } from '../src/diagnose/probe/target.js'
import { LabError } from '../src/core/errors.js'
import { isLinux } from './helpers.js'

const fixture = (name: string): string => readFileSync(fileURLToPath(new URL(`./fixtures/owner/${name}`, import.meta.url)), 'utf8')
const risk = (id: RiskId, severity: Risk['severity'] = 'high'): Risk => ({ id, severity, evidence: `${id} seen`, fix: 'fix it' })

t.test('verdictOf: danger, review, ok by the issue\'s rules', async (t) => {
  const cases: Array<[RiskId[], string]> = [
    [[], 'ok'],
    [['code-execution'], 'danger'],
    [['no-auth'], 'danger'],
    [['dns-rebinding'], 'review'],
    [['cors-any-origin'], 'review'],
    [['websocket-any-origin'], 'review'],
    [['network-exposure'], 'review'],
    [['network-exposure', 'dns-rebinding'], 'danger'],
    [['network-exposure', 'cors-any-origin'], 'danger'],
    [['dns-rebinding', 'websocket-any-origin'], 'review'],
  ]
  for (const [ids, verdict] of cases) t.equal(verdictOf(ids.map((id) => risk(id))), verdict, `${ids.join(' + ') || 'no risk'} → ${verdict}`)
})

t.test('network-exposure comes from the listen address; root raises every other risk, and is no risk itself', async (t) => {
  t.equal(exposureRisk('127.0.0.1', 'loopback'), undefined)
  t.match(exposureRisk('0.0.0.0', 'all-interfaces'), { id: 'network-exposure', severity: 'medium', evidence: /0\.0\.0\.0/ })
  t.match(exposureRisk('192.168.1.5', 'interface'), { id: 'network-exposure', severity: 'low' })
  const raised = raiseForRoot([risk('dns-rebinding', 'low'), risk('cors-any-origin', 'medium'), risk('no-auth', 'high')], 'root')
  t.same(raised.map((r) => r.severity), ['medium', 'high', 'high'])
  t.ok(raised.every((r) => /runs as root/.test(r.evidence)), 'each says why')
  t.same(raiseForRoot([], 'root'), [], 'root alone adds no risk')
  t.same(raiseForRoot([risk('dns-rebinding', 'low')], 'alice').map((r) => r.severity), ['low'])
})

t.test('known programs: the table\'s shape', async (t) => {
  t.ok(KNOWN_PROGRAMS.length >= 40, `${KNOWN_PROGRAMS.length} programs`)
  const ids = KNOWN_PROGRAMS.map((p) => p.id)
  t.equal(new Set(ids).size, ids.length, 'ids are unique')
  for (const p of KNOWN_PROGRAMS) {
    t.match(p.id, /^[a-z0-9]+(-[a-z0-9]+)*$/, `${p.id}: kebab-case`)
    t.ok(p.commandLine !== undefined || p.answer !== undefined || (p.ports?.length ?? 0) > 0, `${p.id}: something to match by`)
    t.ok(p.what.length > 20 && p.what.endsWith('.') && p.ifReached.length > 20 && p.ifReached.endsWith('.'), `${p.id}: what and ifReached are sentences`)
    t.ok(p.sources.length > 0 && p.sources.every((s) => /^(https:\/\/|debian:\S+ \S+ \/|src\/)/.test(s)), `${p.id}: sources are URLs, Debian package files or our own files`)
    for (const port of p.ports ?? []) t.ok(Number.isInteger(port) && port > 0 && port < 65536, `${p.id}: port ${port}`)
  }
  const categories = new Set(KNOWN_PROGRAMS.map((p) => p.category))
  for (const c of ['dev-server', 'debugger', 'browser-automation', 'database', 'local-ai', 'container', 'oauth-redirect', 'desktop-helper', 'tunnel', 'proxy', 'system']) {
    t.ok(categories.has(c as never), `category ${c}`)
  }
  const port = (n: number): string[] => KNOWN_PROGRAMS.filter((p) => p.ports?.includes(n)).map((p) => p.id)
  for (const [n, id] of [[5173, 'vite'], [3000, 'next'], [4200, 'angular'], [6006, 'storybook'], [8888, 'jupyter'], [8000, 'django'], [5000, 'flask'], [4000, 'phoenix'], [9229, 'node-inspector'], [5678, 'debugpy'], [9222, 'chrome-devtools'], [9515, 'chromedriver'], [4444, 'geckodriver'], [6379, 'redis'], [5432, 'postgres'], [3306, 'mysql'], [27017, 'mongodb'], [9200, 'elasticsearch'], [11211, 'memcached'], [11434, 'ollama'], [1234, 'lm-studio'], [2375, 'docker-api'], [63342, 'jetbrains'], [4040, 'ngrok'], [631, 'cupsd'], [53, 'systemd-resolved'], [22, 'sshd']] as const) {
    t.ok(port(n).includes(id), `${id} on ${n}`)
  }
  // The Debian-file sources name what is installed here (netbase's /etc/services, redis-server's redis.conf).
  const services = readFileSync('/etc/services', 'utf8')
  t.match(services, /^redis\s+6379\/tcp/m, "netbase's /etc/services has the redis port the table cites it for")
})

t.test('known programs: matched by command line, answer and port, in that order of weight', async (t) => {
  const http = (product?: string): Service => ({ protocol: 'http', ...(product !== undefined && { product }), evidence: [], notes: [] })
  const inspector: Service = { protocol: 'node-inspector', evidence: [], notes: [] }
  const vite = '/usr/bin/node --inspect /home/u/app/node_modules/.bin/vite'
  t.equal(knownProgram({ commandLine: vite, port: 9229, service: inspector })?.program.id, 'node-inspector', 'the debugger port of a vite run under --inspect')
  t.equal(knownProgram({ commandLine: vite, port: 5173, service: http() })?.program.id, 'vite', 'its dev-server port: the inspector is ruled out by the HTTP answer')
  t.equal(knownProgram({ commandLine: vite, port: 5173 })?.program.id, 'vite', 'without probes the port breaks the tie')
  t.same(knownProgram({ commandLine: '/usr/bin/redis-server 127.0.0.1:6380', port: 6380 })?.by, ['command-line'])
  t.equal(knownProgram({ commandLine: 'node server.js', port: 5432 }), undefined, 'a node on 5432 is not PostgreSQL')
  t.same(knownProgram({ commandLine: null, port: 5432 })?.by, ['port'], 'no owner, no answer: the port alone, a guess')
  t.equal(knownProgram({ commandLine: null, port: 5432, service: http() }), undefined, 'an HTTP answer on 5432 is not PostgreSQL')
  t.equal(knownProgram({ commandLine: '/usr/bin/python3 -m http.server 8000', port: 8000, service: http('SimpleHTTP/0.6 Python/3.11.2') })?.program.id, 'python-http-server')
  t.equal(knownProgram({ commandLine: 'node /home/u/Dropbox/site/server.js', port: 8080 }), undefined, 'a server run from a Dropbox folder is not Dropbox')
  t.equal(knownProgram({ commandLine: 'ssh -N -L 5433:db.internal:5432 bastion', port: 5433 })?.program.id, 'ssh-forward')
  t.equal(knownProgram({ commandLine: 'kubectl port-forward svc/api 8080:80', port: 8080 })?.program.id, 'kubectl-port-forward')
  t.equal(knownProgram({ commandLine: '/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3 /usr/lib/google-cloud-sdk/lib/gcloud.py auth login', port: 45123 })?.program.id, 'gcloud-auth')
})

t.test('known programs: the command-line needles table is up to date, and a needle never hides a match', async (t) => {
  const stored = storedNeedles(commandLineNeedlesJson)
  const patterns = KNOWN_PROGRAMS.flatMap((p) => p.commandLine === undefined ? [] : [p.commandLine])
  const stale = patterns.filter((re) => JSON.stringify(stored[patternKey(re)]) !== JSON.stringify(readNeedles(re)?.words ?? 0))
  t.same(stale.map((re) => patternKey(re)), [], 'every pattern\'s stored needles are its own (else: node tools/knowledge/gen-command-line-needles.mjs)')
  t.same(Object.keys(stored).filter((k) => !patterns.some((re) => patternKey(re) === k)), [], 'no entry for a pattern that is gone')
  t.ok(Object.values(stored).filter((w) => w !== 0).length >= patterns.length - 2, 'nearly every pattern has needles')
  // Command lines as they run (this machine's own processes among them), each against each entry alone: the entry
  // matches exactly when its pattern does, with or without the needles.
  const own = readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((d) => {
    try { return [readFileSync(`/proc/${d}/cmdline`, 'utf8').split('\0').filter((a) => a !== '').join(' ')] } catch { return [] }
  }).filter((l) => l !== '')
  const lines = [
    ...own,
    '/usr/bin/node --inspect=127.0.0.1:9229 server.js', '/opt/google/chrome/chrome --remote-debugging-port=9222 --headless',
    'java -agentlib:jdwp=transport=dt_socket,server=y,address=5005 -jar app.jar', 'python3 -m debugpy --listen 5678 app.py',
    '/home/u/go/bin/dlv debug --headless --listen=:2345', '/usr/bin/chromedriver --port=9515', 'node /home/u/app/node_modules/vite/bin/vite.js',
    'node /app/node_modules/.bin/next dev', 'node /app/node_modules/.bin/ng serve', 'python manage.py runserver 0.0.0.0:8000',
    '/usr/bin/python3 /usr/local/bin/flask run', '/usr/local/bin/uvicorn main:app --reload', 'puma 6.4.0 (tcp://127.0.0.1:3000) [app]',
    '/opt/idea/bin/IDEA64.sh', '/opt/JetBrains/Toolbox/bin/jetbrains-toolbox', '/usr/share/code/code --type=renderer', '/usr/bin/zoom',
    '/Applications/Tor Browser.app/Contents/MacOS/firefox', '/usr/bin/tor --defaults-torrc /usr/share/tor/tor-service-defaults-torrc',
    '/Applications/LM Studio.app/Contents/MacOS/LM Studio', '/home/u/.dropbox-dist/dropbox-lnx.x86_64-190.4.6383/dropbox', '/usr/sbin/sshd -D',
    'sshd: alice [priv]', '/usr/lib/postgresql/15/bin/postgres -D /var/lib/postgresql/15/main', '/usr/sbin/mysqld', '/usr/bin/mongod --config /etc/mongod.conf',
    '/usr/bin/redis-server 127.0.0.1:6379', 'ssh -N -D 1080 bastion', 'ssh -fNL 8080:localhost:80 host', 'kubectl port-forward svc/api 8080:80',
    '/usr/lib/google-cloud-sdk/platform/bundledpythonunix/bin/python3 /usr/lib/google-cloud-sdk/lib/gcloud.py auth login', 'gh auth login --web',
    'aws sso login --profile dev', 'az login', '/usr/sbin/cupsd -l', '/lib/systemd/systemd-resolved', 'avahi-daemon: running [host.local]',
    '/usr/lib/postfix/sbin/master -w', '/usr/bin/Xorg :0 -listen tcp', '/usr/bin/prometheus --config.file=/etc/prometheus/prometheus.yml',
    'node dist/cli/bin.cjs dashboard', 'ollama serve', 'jupyter-lab --no-browser', 'node server.js', 'python3 -m http.server 8000',
  ]
  let agreed = 0
  for (const p of KNOWN_PROGRAMS) {
    if (p.commandLine === undefined) continue
    for (const line of lines) {
      const plain = p.commandLine.test(line)
      const filtered = knownProgram({ commandLine: line, port: 0 }, [p]) !== undefined
      if (plain !== filtered) t.fail(`${p.id} on ${JSON.stringify(line)}: ${plain} without needles, ${filtered} with them`)
      else agreed++
    }
  }
  t.ok(agreed > 0, `${agreed} (entry, line) pairs agree`)
  const matchedEntries = new Set(KNOWN_PROGRAMS.filter((p) => p.commandLine !== undefined && lines.some((l) => p.commandLine!.test(l))).map((p) => p.id))
  t.ok(matchedEntries.size >= 30, `the lines match ${matchedEntries.size} entries, so the comparison is not all "no"`)
})

t.test('owner on Linux: this process and its parent, from /proc', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const o = procOwner(process.pid)!
  t.equal(o.source, 'proc')
  t.equal(o.command, 'node')
  t.equal(o.executable, process.execPath, 'the executable /proc/self/exe names')
  t.equal(o.parent?.pid, process.ppid)
  t.ok(o.commandLine?.includes(process.argv[1]!), 'the whole command line')
  const started = Date.parse(o.startedAt!)
  t.ok(started <= Date.now() && started > Date.now() - 3_600_000, `started ${o.startedAt}, before now and within the hour`)
  t.ok(started >= Date.now() - process.uptime() * 1000 - 2000, 'no earlier than process.uptime() says')
  t.same(o.unavailable, [])
  t.equal(procOwner(2 ** 22 + 12345), null, 'a pid that does not exist')
  t.equal(parseBootTime('cpu  1 2 3\nbtime 1764587446\nprocesses 9\n'), 1764587446)
})

t.test('owner on Linux: a child started with a password on its command line shows it as ***', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const secret = `hunter2-${randomBytes(4).toString('hex')}`
  const child = spawn(process.execPath, ['-e', 'process.stdin.resume(); process.stdout.write("up\\n")', '--', '--requirepass', secret, `--password=${secret}`], { stdio: ['pipe', 'pipe', 'inherit'] })
  t.teardown(() => { child.kill() })
  await new Promise((resolve) => child.stdout!.once('data', resolve))
  const o = procOwner(child.pid!)!
  t.notOk(JSON.stringify(o).includes(secret), 'the secret appears nowhere')
  t.match(o.commandLine, /--requirepass \*\*\* --password=\*\*\*/)
  t.same(o.parent, { pid: process.pid, command: 'node' })
})

t.test('owner from ps (macOS, BSD): recorded answers', async (t) => {
  const [child, parent] = fixture('ps-pids.txt').trim().split(' ').map(Number) as [number, number]
  const o = parsePs(fixture('ps-args.txt'), fixture('ps-comm.txt'), child)!
  t.match(o, { pid: child, command: 'node', user: 'root', parent: { pid: parent, command: 'bash' }, source: 'ps', executable: null })
  t.equal(o.commandLine, 'node -e setTimeout(()=>{},3000) -- --port 6380 --requirepass ***', 'redacted as read')
  t.same(o.unavailable, ['executable'], 'procps prints the short name as comm: no executable path')
  t.equal(o.startedAt, new Date(2026, 11, 1, 14, 12, 1).toISOString(), 'lstart, read as local time')
  const mac = parsePs(fixture('ps-args-macos.txt'), fixture('ps-comm-macos.txt'), 501)!
  t.equal(mac.executable, '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome', 'comm with spaces is the executable')
  t.equal(mac.command, 'Google Chrome')
  t.same(mac.parent, { pid: 1, command: 'launchd' })
  t.equal(parsePs(fixture('ps-args.txt'), '', 99999999), null)
  t.equal(parseLstart(['Tue', 'Foo', '1', '14:12:01', '2026']), null)
})

t.test('owner from tasklist /V (Windows): the fields it cannot give are named', async (t) => {
  const text = fixture('tasklist-verbose-windows.csv')
  t.match(parseTasklistVerbose(text, 9916), { pid: 9916, command: 'node.exe', user: 'DESKTOP-7Q2M\\alice', source: 'tasklist', unavailable: ['commandLine', 'executable', 'parent', 'startedAt'] })
  t.match(parseTasklistVerbose(text, 4), { user: null, unavailable: ['user', 'commandLine', 'executable', 'parent', 'startedAt'] }, 'N/A is no user')
  t.equal(parseTasklistVerbose(text, 1), null)
})

t.test('the client end of a connection: both programs named; after the close, TIME_WAIT "a moment ago"', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const server = net.createServer((s) => { s.on('error', () => {}); s.resume() })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const serverPort = (server.address() as net.AddressInfo).port
  const client = net.connect(serverPort, '127.0.0.1')
  await new Promise((resolve) => client.once('connect', resolve))
  const clientPort = client.localPort!

  const live = await clientPorts(clientPort)
  t.equal(live.supported, true)
  t.match(live.ends, [{ state: 'ESTABLISHED', closed: false, client: { port: clientPort, program: { pid: process.pid, command: 'node' } }, server: { port: serverPort, program: { pid: process.pid, command: 'node' } } }])
  t.equal(describeClientEnd(live.ends[0]!), `127.0.0.1:${clientPort} is the client side of a connection from node (pid ${process.pid}) to node (pid ${process.pid}) on port ${serverPort} (ESTABLISHED).`)

  const report = await check({ target: { input: String(clientPort), port: clientPort } })
  t.same(report.listeners, [], 'nothing listens on a client port')
  t.match(report.notes, [`Nothing listens on TCP port ${clientPort} now.`, /is the client side of a connection from node/])

  // The client closes first, so the TIME_WAIT entry stays on its side, with its port.
  await new Promise<void>((resolve) => { client.once('close', () => resolve()); client.end() })
  let closed = (await clientPorts(clientPort)).ends
  for (let i = 0; i < 20 && !closed.some((e) => e.state === 'TIME_WAIT'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    closed = (await clientPorts(clientPort)).ends
  }
  const tw = closed.find((e) => e.state === 'TIME_WAIT')
  t.match(tw, { closed: true, client: { port: clientPort, program: null }, server: { port: serverPort, program: { pid: process.pid } } })
  t.match(describeClientEnd(tw!), new RegExp(`^127\\.0\\.0\\.1:${clientPort} was the client side of a connection to node \\(pid ${process.pid}\\) on port ${serverPort}, closed a moment ago \\(TIME_WAIT`))
})

t.test('the client end when the server hung up first: the TIME_WAIT entry is on the server\'s side', async (t) => {
  const s = (over: Partial<ProcSocket>): ProcSocket => ({ family: 'IPv4', localAddress: '127.0.0.1', localPort: 0, remoteAddress: '0.0.0.0', remotePort: 0, state: 'LISTEN', uid: 0, inode: 0, ...over })
  const sockets = [
    s({ localPort: 8080, inode: 11 }),
    s({ localPort: 8080, remoteAddress: '127.0.0.1', remotePort: 51000, state: 'TIME_WAIT', timerSeconds: 41.5 }),
    s({ localPort: 9999, remoteAddress: '127.0.0.1', remotePort: 51000, state: 'TIME_WAIT' }),
  ]
  const ends = findClientEnds(sockets, 51000, new Map([[11, [{ pid: 42, command: 'nginx' }]]]))
  t.match(ends, [{ state: 'TIME_WAIT', closed: true, secondsLeft: 41.5, client: { port: 51000 }, server: { port: 8080, program: { pid: 42, command: 'nginx' } } }], 'only the one whose server still listens')
  t.match(describeClientEnd(ends[0]!), /kernel keeps the port for about 42 s more/)
})

t.test('a stopped server\'s port after it hung up first: one end of a closed connection, not called the client', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const server = net.createServer((s) => { s.on('error', () => {}); s.end() })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const serverPort = (server.address() as net.AddressInfo).port
  const client = net.connect(serverPort, '127.0.0.1')
  client.on('error', () => {})
  client.resume()
  const clientPort = await new Promise<number>((resolve) => client.once('connect', () => resolve(client.localPort!)))
  // The server ends first, so the kernel's TIME_WAIT entry is on the server's port; then the server stops listening.
  await new Promise<void>((resolve) => { client.once('end', () => { client.end(); resolve() }) })
  await new Promise<void>((resolve) => client.once('close', () => resolve()))
  await new Promise<void>((resolve) => server.close(() => resolve()))
  let ends = (await clientPorts(serverPort)).ends
  for (let i = 0; i < 20 && !ends.some((e) => e.state === 'TIME_WAIT'); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
    ends = (await clientPorts(serverPort)).ends
  }
  const tw = ends.find((e) => e.state === 'TIME_WAIT')
  t.match(tw, { closed: true, sidesUnknown: true, client: { port: serverPort }, server: { port: clientPort, program: null } })
  t.match(describeClientEnd(tw!), new RegExp(`^127\\.0\\.0\\.1:${serverPort} was one end of a connection with 127\\.0\\.0\\.1:${clientPort}, closed a moment ago \\(TIME_WAIT`))
  t.notMatch(describeClientEnd(tw!), /client side/)
})

t.test('targets: only this machine', async (t) => {
  const parse = (s: string) => parseTarget(s) as Exclude<ReturnType<typeof parseTarget>, LabError>
  t.same(await localTarget(parse('62893')), { input: '62893', port: 62893 }, 'a port alone: every listener on it')
  t.same(await localTarget(parse('localhost:9229')), { input: 'localhost:9229', port: 9229 })
  t.same(await localTarget(parse('[::1]:9229')), { input: '[::1]:9229', port: 9229, addresses: ['::1'] })
  await t.rejects(localTarget(parse('192.0.2.1:80')), { code: 'LAB_ERR_BAD_TARGET', exitCode: 2, message: /192\.0\.2\.1 is not an address of this machine/ })
  // Names are judged by what they resolve to (the lookup is handed in: no DNS query leaves this test).
  t.same(await localTarget(parse('box.test:80'), async () => ['127.0.0.1']), { input: 'box.test:80', port: 80, addresses: ['127.0.0.1'] })
  await t.rejects(localTarget(parse('box.test:80'), async () => ['127.0.0.1', '192.0.2.7']), { message: /'box\.test' resolves to 192\.0\.2\.7, which is not an address of this machine/ })
  await t.rejects(localTarget(parse('box.test:80'), async () => { throw Object.assign(new Error('x'), { code: 'ENOTFOUND' }) }), { code: 'LAB_ERR_BAD_TARGET', message: /does not resolve/ })
})

t.test('probe addresses, /etc/services names, and the --json contract\'s keys', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const l = (address: string, family: 'IPv4' | 'IPv6') => ({ address, family }) as Listener
  t.equal(probeAddress(l('0.0.0.0', 'IPv4')), '127.0.0.1')
  t.equal(probeAddress(l('::', 'IPv6')), '::1')
  t.equal(probeAddress(l('127.0.0.53', 'IPv4')), '127.0.0.53')
  t.same([...parseEtcServices('ssh\t\t22/tcp\t# SSH\ndomain 53/udp\n# x 1/tcp\npostgresql\t5432/tcp\tpostgres\n').entries()], [[22, 'ssh'], [5432, 'postgresql']])
  // One port's line looked for on its own gives what the whole file's parse gives: for every port this machine's
  // /etc/services names and some it does not, and on lines where the port's digits come first in a comment, another
  // port (15432/tcp), a UDP line or an alias.
  const tricky = '# 5432/tcp was here\nfoo 15432/tcp\nbar 5432/udp\nbaz\t8080/tcpx\nqux 8080/tcp # 22/tcp\nold 0022/tcp\npostgresql 5432/tcp\nssh 22/tcp\nlast 9/tcp'
  t.same([...etcServicesNames(tricky, [5432, 22, 8080, 9, 15432, 1]).entries()].sort(), [...parseEtcServices(tricky).entries()].filter(([p]) => [5432, 22, 8080, 9, 15432, 1].includes(p)).sort())
  t.equal(etcServicesNames(tricky, [22]).get(22), 'old', 'the first line for a port wins, leading zeros and all')
  const etc = readFileSync('/etc/services', 'utf8')
  const whole = parseEtcServices(etc)
  const each = [...whole.keys(), 1, 4, 65535].filter((p) => etcServicesNames(etc, [p]).get(p) !== whole.get(p))
  t.same(each, [], `each of ${whole.size + 3} ports alone is named as the whole file names it`)
  t.same(etcServicesNames(etc, [...whole.keys()]), whole, 'past the limit, the whole file once')

  const server = net.createServer((s) => s.destroy())
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.teardown(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const port = (server.address() as net.AddressInfo).port
  const report = await check({ target: { input: String(port), port }, probe: false })
  const json = checkJson(report)
  t.same(Object.keys(json), ['listeners', 'notes'])
  t.same(Object.keys(json.listeners[0]!), ['address', 'port', 'family', 'exposure', 'pid', 'user', 'command', 'commandLine', 'program', 'service', 'risks', 'verdict'])
  t.match(json.listeners[0], { address: '127.0.0.1', port, family: 'IPv4', exposure: 'loopback', pid: process.pid, command: 'node', service: { protocol: 'unknown', evidence: [] }, risks: [], verdict: 'ok' })
  t.match(report.notes, [/Not probed \(--no-probe\)/])
  t.equal(report.listeners[0]!.details.owner?.executable, process.execPath)
})
