/**
 * `check`'s probes against real programs no one here wrote, each started by the test on 127.0.0.1 (port 0 where the
 * program reports its port, else one found free a moment ago) and killed in teardown: redis with and without a
 * password, PostgreSQL with trust and with scram-sha-256, nginx, python's http.server, a Node inspector, Chromium's
 * remote debugging port, a `ws` server without an Origin check and the lab's own dashboard. Afterwards nothing of ours
 * is left listening, connected or running.
 */
import t, { type Test } from 'tap'
import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import { existsSync } from 'node:fs'
import { chmod, chown, cp, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fingerprint } from '../src/diagnose/check/fingerprint.js'
import { serviceRisks } from '../src/diagnose/check/risks.js'
import type { Service } from '../src/diagnose/check/types.js'
import { freePort } from '../src/net/free-port.js'
import { hasLocalAddress } from '../src/net/address.js'
import { which } from '../src/process/tool.js'
import { waitForPort } from '../src/clients/wait-for.js'
import { pause } from '../src/clients/settle.js'
import { httpGet } from '../src/diagnose/check/probes/http.js'
import { isLinux, liveNetHandles, ourSockets } from './helpers.js'
import { ourChildren } from './netns-helpers.js'

/** Generous: the fingerprint's own deadline is 1 s; a loaded CI machine may add to it. */
const ONE_PORT_MS = 3000

interface Started {
  child: ChildProcess
  /** Everything it wrote to stderr and stdout so far. */
  output (): string
}

/**
 * Start a program in a process group of its own (Chromium and nginx start helpers), wait until its output matches
 * `ready` (the line that says it listens), and kill the whole group in teardown.
 */
async function start (t: Test, command: string, args: string[], ready: RegExp | undefined, opts: { cwd?: string, uid?: number, gid?: number } = {}): Promise<Started> {
  // tap puts its loader in NODE_OPTIONS; other programs (and a node child we want plain) do not need it.
  const env = { ...process.env }
  delete env.NODE_OPTIONS
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env, ...opts })
  let out = ''
  child.stdout!.on('data', (d: Buffer) => { out += d.toString() })
  child.stderr!.on('data', (d: Buffer) => { out += d.toString() })
  t.teardown(() => stop(child))
  if (ready !== undefined) {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${command} did not say ${ready} within 20 s: ${out.slice(-500)}`)), 20_000)
      const check = (): void => {
        if (!ready.test(out)) return
        clearTimeout(timer)
        resolve()
      }
      child.stdout!.on('data', check)
      child.stderr!.on('data', check)
      child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${command} exited (${code}) before it was ready: ${out.slice(-500)}`)) })
      check()
    })
  }
  return { child, output: () => out }
}

/** SIGTERM to the group, SIGKILL if it is still there after 5 s; resolves once the leader exited. */
async function stop (child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try { process.kill(-child.pid!, 'SIGTERM') } catch {}
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL') } catch {} }, 5000)
  await exited
  clearTimeout(timer)
}

/** A missing program is a skip that says so, never a pass: `{ skip }` for t.test, false when all are installed. */
async function needs (...programs: string[]): Promise<string | false> {
  for (const p of programs) if (await which(p) === undefined) return `${p} is not installed`
  return false
}

/** Fingerprint one port and check it kept its time bound and left no connection of ours open. */
async function probe (t: Test, port: number): Promise<Service> {
  const t0 = Date.now()
  const service = await fingerprint('127.0.0.1', port)
  t.ok(Date.now() - t0 < ONE_PORT_MS, `fingerprint of port ${port} within ${ONE_PORT_MS} ms (took ${Date.now() - t0} ms)`)
  if (isLinux) t.same((await ourSockets()).filter((s) => !s.startsWith('LISTEN')), [], 'no connection of ours left open')
  return service
}

/**
 * Poll until `path` answers 200, with Connection: close (fetch's keep-alive pool would hold a socket open past the
 * probe and hide a leak of the probe's own).
 */
async function answers (port: number, path: string, deadlineMs: number): Promise<boolean> {
  const end = Date.now() + deadlineMs
  for (let wait = 25; Date.now() < end; wait = Math.min(wait * 2, 500)) {
    if ((await httpGet({ host: '127.0.0.1', port, path, timeoutMs: 1000 })).status === 200) return true
    await pause(wait)
  }
  return false
}

const ids = (s: Service): string[] => serviceRisks(s).map((r) => r.id).sort()

t.test('redis: PING answers PONG without a password, NOAUTH with one', { skip: await needs('redis-server') }, async (t) => {
  for (const pass of [undefined, 'probe-secret'] as const) {
    const port = await freePort()
    const args = ['--bind', '127.0.0.1', '--port', String(port), '--save', '', '--appendonly', 'no', '--protected-mode', 'yes']
    if (pass !== undefined) args.push('--requirepass', pass)
    const redis = await start(t, 'redis-server', args, /Ready to accept connections/)
    const s = await probe(t, port)
    t.equal(s.protocol, 'redis')
    t.equal(s.product, 'redis')
    t.equal(s.auth, pass === undefined ? 'none' : 'required', pass === undefined ? 'no password: auth none' : 'requirepass: auth required')
    t.match(s.evidence.join('\n'), pass === undefined ? /PING -> \+PONG/ : /PING -> -NOAUTH/)
    t.same(ids(s), pass === undefined ? ['no-auth'] : [], 'no-auth only without a password')
    t.notMatch(JSON.stringify(s), /probe-secret/, 'the password is nowhere in what was learned')
    await stop(redis.child)
  }
})

const pgSkip = await needs('initdb', 'postgres') || (isLinux && process.getuid?.() === 0 ? false : 'PostgreSQL is started as the postgres user: that needs root on Linux')
t.test('postgres: trust is no-auth, scram-sha-256 requires credentials; stops at the authentication request', { timeout: 90_000, skip: pgSkip }, async (t) => {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim())
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim())
  const root = await mkdtemp(join(tmpdir(), 'lab-check-pg-'))
  t.teardown(() => rm(root, { recursive: true, force: true }))
  await chown(root, uid, gid)
  const trust = join(root, 'trust')
  await start(t, 'initdb', ['-D', trust, '-U', 'postgres', '--auth=trust', '--no-sync', '--no-instructions'], undefined, { uid, gid }).then(({ child }) => new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => code === 0 ? resolve() : reject(new Error(`initdb exited ${code}`)))
  }))
  // The same cluster again, but asking for a password on TCP: a copy with another pg_hba.conf (initdb takes seconds).
  const scram = join(root, 'scram')
  await cp(trust, scram, { recursive: true })
  await writeFile(join(scram, 'pg_hba.conf'), 'host all all 127.0.0.1/32 scram-sha-256\nhost all all ::1/128 scram-sha-256\n')
  // fs.cp copies as the user running it: the copy must be the postgres user's, mode 0700, or postgres refuses it.
  execFileSync('chown', ['-R', `${uid}:${gid}`, scram])
  await chmod(scram, 0o700)

  // A certificate for the third run: PostgreSQL answers the SSLRequest with 'S', and the startup goes inside TLS.
  const tls: string[] = []
  if (await which('openssl') !== undefined) {
    const key = join(root, 'server.key')
    const cert = join(root, 'server.crt')
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=lab-check-pg.localhost', '-days', '1'], { stdio: 'ignore' })
    // PostgreSQL refuses a key that others can read.
    for (const f of [key, cert]) await chown(f, uid, gid)
    await chmod(key, 0o600)
    tls.push('-c', 'ssl=on', '-c', `ssl_cert_file=${cert}`, '-c', `ssl_key_file=${key}`)
  }
  const runs = [[trust, 'none', []], [scram, 'required', []], ...(tls.length > 0 ? [[scram, 'required', tls]] : [])] as Array<[string, 'none' | 'required', string[]]>
  for (const [dir, expected, extra] of runs) {
    const port = await freePort()
    const pg = await start(t, 'postgres', ['-D', dir, '-h', '127.0.0.1', '-p', String(port), '-k', dir, '-c', 'fsync=off', ...extra], /ready to accept connections/, { uid, gid })
    const s = await probe(t, port)
    const label = `${dir.endsWith('trust') ? 'trust' : 'scram-sha-256'}${extra.length > 0 ? ' over TLS' : ''}`
    t.equal(s.protocol, 'postgres', label)
    t.equal(s.product, 'PostgreSQL')
    t.equal(s.auth, expected, `${label}: auth ${expected}`)
    t.match(s.evidence.join('\n'), extra.length > 0 ? /SSLRequest -> 'S'/ : /SSLRequest -> 'N'/)
    t.match(s.evidence.join('\n'), expected === 'none' ? /AuthenticationOk/ : /AuthenticationSASL \(SCRAM-SHA-256/)
    if (expected === 'none') t.match(s.version ?? '', /^\d+/, 'the server version came with AuthenticationOk')
    t.same(ids(s), expected === 'none' ? ['no-auth'] : [])
    await stop(pg.child)
    // The probe closed at the authentication request: no password was ever tried.
    t.notMatch(pg.output(), /password authentication failed/, 'no password was tried')
  }
  if (tls.length === 0) t.comment('openssl is not installed: the SSLRequest answered S was not tried')
})

t.test('mariadb: it speaks first, a handshake v10 greeting with its version', { timeout: 60_000, skip: await needs('mariadb-install-db', 'mysqld') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-mariadb-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const user = process.getuid?.() === 0 ? ['--user=root'] : []
  const install = await start(t, 'mariadb-install-db', ['--no-defaults', `--datadir=${join(dir, 'data')}`, ...user, '--auth-root-authentication-method=normal', '--skip-test-db'], undefined)
  await new Promise<void>((resolve, reject) => install.child.once('exit', (code) => code === 0 ? resolve() : reject(new Error(`mariadb-install-db exited ${code}: ${install.output().slice(-300)}`))))
  const port = await freePort()
  await start(t, 'mysqld', ['--no-defaults', `--datadir=${join(dir, 'data')}`, ...user, '--bind-address=127.0.0.1', `--port=${port}`, `--socket=${join(dir, 'mysqld.sock')}`, `--pid-file=${join(dir, 'mysqld.pid')}`], /ready for connections/)
  const s = await probe(t, port)
  t.equal(s.protocol, 'mysql')
  t.equal(s.product, 'MariaDB')
  t.match(s.version ?? '', /^\d+\.\d+\.\d+-MariaDB/, 'the version from the greeting, without the 5.5.5- prefix MariaDB sends')
  t.match(s.evidence.join('\n'), /greeting: handshake v10/)
  t.equal(s.auth, undefined, 'no login is attempted, so nothing is claimed about passwords')
})

// sshd refuses to start without its privilege separation directory, which only its package's service creates.
const sshdSkip = await needs('sshd', 'ssh-keygen') || (existsSync('/run/sshd') || process.getuid?.() !== 0 ? false : 'sshd as root needs /run/sshd, which is missing')
t.test('sshd: the identification string it sends first', { skip: sshdSkip }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-sshd-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const key = join(dir, 'host_ed25519')
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key], { stdio: 'ignore' })
  const port = await freePort()
  const config = join(dir, 'sshd_config')
  await writeFile(config, [`HostKey ${key}`, `ListenAddress 127.0.0.1:${port}`, `PidFile ${join(dir, 'sshd.pid')}`, 'UsePAM no', 'PasswordAuthentication no', ''].join('\n'))
  // sshd re-executes itself and so wants its absolute path.
  await start(t, (await which('sshd'))!, ['-D', '-e', '-f', config], /Server listening on 127\.0\.0\.1 port \d+/)
  const s = await probe(t, port)
  t.equal(s.protocol, 'ssh')
  t.match(s.evidence[0], /^greeting: SSH-2\.0-/)
  t.ok(s.product !== undefined && s.product.length > 0, 'the software version names the product')
})

t.test('nginx: Server header names it; its catch-all server answers a foreign Host (dns-rebinding)', { skip: await needs('nginx') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-nginx-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const port = await freePort()
  await writeFile(join(dir, 'nginx.conf'), [
    'daemon off;', 'master_process off;', `pid ${join(dir, 'nginx.pid')};`, 'error_log stderr;', 'events {}',
    'http {', '  access_log off;', `  client_body_temp_path ${dir}/body;`, `  proxy_temp_path ${dir}/proxy;`, `  fastcgi_temp_path ${dir}/fastcgi;`,
    `  uwsgi_temp_path ${dir}/uwsgi;`, `  scgi_temp_path ${dir}/scgi;`,
    `  server { listen 127.0.0.1:${port}; location / { default_type text/html; return 200 '<html><head><title>nginx test page</title></head><body>hello</body></html>'; } }`,
    '}',
  ].join('\n'))
  await start(t, 'nginx', ['-p', dir, '-c', join(dir, 'nginx.conf')], undefined)
  t.ok((await waitForPort({ host: '127.0.0.1', port, deadlineMs: 10_000 })).ok, 'nginx listens')
  const s = await probe(t, port)
  t.equal(s.protocol, 'http')
  t.equal(s.product, 'nginx')
  t.match(s.version ?? '', /^\d+\.\d+/)
  t.match(s.evidence.join('\n'), /<title>nginx test page<\/title>/)
  t.equal(s.web?.foreignHostAnswered, true)
  t.same(ids(s), ['dns-rebinding'])
})

t.test('openssl s_server -www: TLS with its certificate, then HTTP inside it', { skip: await needs('openssl') }, async (t) => {
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-tls-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const key = join(dir, 'key.pem')
  const cert = join(dir, 'cert.pem')
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-keyout', key, '-out', cert, '-subj', '/CN=lab-check.localhost', '-days', '1'], { stdio: 'ignore' })
  const port = await freePort()
  await start(t, 'openssl', ['s_server', '-accept', `127.0.0.1:${port}`, '-www', '-cert', cert, '-key', key], /ACCEPT/)
  const s = await probe(t, port)
  t.equal(s.protocol, 'https')
  t.match(s.evidence.join('\n'), /TLS handshake completed \(TLSv1\.[23]\)/)
  t.match(s.evidence.join('\n'), /certificate subject: CN=lab-check\.localhost \(self-signed\)/)
  t.match(s.evidence.join('\n'), /GET \/ -> HTTP\/1\.0 200 ok/)
})

t.test('python http.server answers a foreign Host: dns-rebinding', { skip: await needs('python3') }, async (t) => {
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-py-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await start(t, 'python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', String(port)], /Serving HTTP on/, { cwd: dir })
  const s = await probe(t, port)
  t.equal(s.protocol, 'http')
  t.match(s.product ?? '', /^SimpleHTTP\/[\d.]+ Python\/3\./)
  t.same(s.web, { foreignHostAnswered: true, corsAnyOrigin: false, websocketAnyOrigin: false })
  t.same(ids(s), ['dns-rebinding'])
})

const noIpv6 = hasLocalAddress('::1') ? false : 'this machine has no ::1'
t.test('on ::1 too: python http.server bound to the IPv6 loopback', { skip: await needs('python3') || noIpv6 }, async (t) => {
  const port = await freePort({ host: '::1' })
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-py6-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await start(t, 'python3', ['-u', '-m', 'http.server', '--bind', '::1', String(port)], /Serving HTTP on/, { cwd: dir })
  const s = await fingerprint('::1', port)
  t.equal(s.protocol, 'http')
  t.match(s.product ?? '', /^SimpleHTTP\//)
  t.equal(s.web?.foreignHostAnswered, true)
})

t.test('node --inspect: the Node inspector, code-execution; it refuses a foreign Host itself', async (t) => {
  const node = await start(t, process.execPath, ['--inspect=127.0.0.1:0', '-e', 'setInterval(() => {}, 1000)'], /Debugger listening on ws:\/\/127\.0\.0\.1:\d+\//)
  const port = Number(/Debugger listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(node.output())![1])
  const s = await probe(t, port)
  t.equal(s.protocol, 'node-inspector')
  t.equal(s.product, 'Node.js inspector')
  t.equal(s.version, process.versions.node, 'the version it reports is the node that runs it')
  t.match(s.evidence.join('\n'), /GET \/json\/version -> Browser: node\.js\/v/)
  t.equal(s.web?.foreignHostAnswered, false, 'current Node refuses a foreign Host on its inspector')
  t.same(ids(s), ['code-execution'])
  t.equal(serviceRisks(s)[0]!.severity, 'high')
})

t.test('chromium --remote-debugging-port=0: Chrome DevTools, code-execution', { timeout: 60_000, skip: await needs('chromium') }, async (t) => {
  const profile = await mkdtemp(join(tmpdir(), 'lab-check-chromium-'))
  t.teardown(() => rm(profile, { recursive: true, force: true }))
  // As root Chromium refuses its sandbox; the profile is a throw-away directory.
  const args = ['--headless', '--remote-debugging-port=0', `--user-data-dir=${profile}`, '--no-first-run', '--disable-gpu', 'about:blank']
  if (process.getuid?.() === 0) args.unshift('--no-sandbox')
  const chromium = await start(t, 'chromium', args, /DevTools listening on ws:\/\/127\.0\.0\.1:\d+\//)
  const port = Number(/DevTools listening on ws:\/\/127\.0\.0\.1:(\d+)\//.exec(chromium.output())![1])
  // It prints the line as soon as it listens, and answers HTTP once its browser process is up (a second on a busy CI).
  t.ok(await answers(port, '/json/version', 20_000), 'Chromium answers /json/version')
  const s = await probe(t, port)
  t.equal(s.protocol, 'chrome-devtools')
  t.match(s.product ?? '', /Chrom/)
  t.match(s.version ?? '', /^\d+\.\d+/)
  t.match(s.evidence.join('\n'), /webSocketDebuggerUrl: ws:\/\/127\.0\.0\.1:\d+\/devtools\/browser\//)
  t.same(ids(s), ['code-execution'])
})

t.test('a ws server without an Origin check: websocket-any-origin', async (t) => {
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 })
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()))
  const port = (wss.address() as { port: number }).port
  const opened: string[] = []
  wss.on('connection', (_ws, req) => { opened.push(String(req.headers.origin)) })
  const s = await fingerprint('127.0.0.1', port)
  await new Promise<void>((resolve) => wss.close(() => resolve()))
  for (const c of wss.clients) c.terminate()
  t.equal(s.protocol, 'websocket', 'a plain GET gets 426 Upgrade Required')
  t.equal(s.web?.websocketAnyOrigin, true)
  t.same(opened, ['https://evil.example'], 'the server took the foreign origin\'s upgrade')
  t.same(ids(s), ['websocket-any-origin'])
})

t.test('the lab\'s own dashboard checks Host and Origin: no web risk', async (t) => {
  const { startDashboard } = await import('../src/dashboard/server.js')
  const dashboard = await startDashboard({ catalogue: [] })
  t.teardown(() => dashboard.close())
  const s = await fingerprint('127.0.0.1', dashboard.port)
  t.equal(s.protocol, 'http')
  t.same(s.web, { foreignHostAnswered: false, corsAnyOrigin: false, websocketAnyOrigin: false })
  t.match(s.evidence.join('\n'), /Host: rebind-check\.invalid -> 403/)
  t.same(serviceRisks(s), [], 'no risk at all')
})

t.test('a port nothing listens on: refused, noted, never thrown', async (t) => {
  const port = await freePort()
  const s = await fingerprint('127.0.0.1', port)
  t.equal(s.protocol, 'unknown')
  t.match(s.notes.join('\n'), /could not connect: ECONNREFUSED/)
  t.same(serviceRisks(s), [])
})

t.test('an aborted fingerprint returns at once with what it had', { skip: await needs('python3') }, async (t) => {
  const port = await freePort()
  const dir = await mkdtemp(join(tmpdir(), 'lab-check-py-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  await start(t, 'python3', ['-u', '-m', 'http.server', '--bind', '127.0.0.1', String(port)], /Serving HTTP on/, { cwd: dir })
  const controller = new AbortController()
  controller.abort()
  const t0 = Date.now()
  const s = await fingerprint('127.0.0.1', port, { signal: controller.signal })
  t.ok(Date.now() - t0 < 500, 'returned without waiting out its deadline')
  t.equal(s.protocol, 'unknown')
  t.ok(s.notes.length > 0, 'and says why it learned nothing')
})

t.test('nothing of ours left: no listener, no connection, no child process', async (t) => {
  t.same(await liveNetHandles(), [], 'no live TCP handle in this process')
  if (!isLinux) return
  t.same(await ourSockets(), [], 'the kernel holds no socket of ours')
  t.same(await ourChildren(), [], 'every program the tests started has exited')
})
