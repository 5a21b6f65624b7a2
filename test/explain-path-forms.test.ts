/**
 * explain reads the address and port from the path forms that open a socket: bash's /dev/tcp/HOST/PORT (bash(1),
 * REDIRECTION) and gawk's /inet4|6/tcp/LPORT/HOST/RPORT (gawk(1), Special File Names), which both programs echo in
 * their errors. Real bash and gawk first reach a listener this test opens (the path names the socket they used), then
 * are refused on the same port once it is closed, over IPv4 and IPv6. Only ports this test opened are touched.
 */
import t from 'tap'
import net from 'node:net'
import { execFile } from 'node:child_process'
import { explain } from '../src/diagnose/explain/explain.js'
import { which } from '../src/process/tool.js'

function run (cmd: string, args: string[]): Promise<{ code: number, stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { timeout: 5000, env: { ...process.env, LC_ALL: 'C' } }, (err, _stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stderr: String(stderr) })
    })
  })
}

/** A listener on `host`, port 0, that resolves `heard` with the first bytes a client sends; null without that family. */
async function listener (host: string): Promise<{ port: number, heard: Promise<string>, close: () => Promise<void> } | null> {
  let onData: (s: string) => void = () => {}
  const heard = new Promise<string>((resolve) => { onData = resolve })
  const server = net.createServer((c) => {
    c.on('error', () => {})
    c.once('data', (d) => { onData(String(d)); c.end() })
  })
  const ok = await new Promise<boolean>((resolve) => {
    server.once('error', () => resolve(false))
    server.listen(0, host, () => resolve(true))
  })
  if (!ok) return null
  return { port: (server.address() as net.AddressInfo).port, heard, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

const CLIENTS = {
  bash: (host: string, port: number): [string, string[]] => ['bash', ['-c', `exec 3<>/dev/tcp/${host}/${port} && echo hi >&3`]],
  gawk: (host: string, port: number): [string, string[]] => ['gawk', [`BEGIN { s = "/inet${host.includes(':') ? 6 : 4}/tcp/0/${host}/${port}"; print "hi" |& s; close(s) }`]],
}

const v6 = await listener('::1')
await v6?.close()

for (const [name, argv] of Object.entries(CLIENTS)) {
  const missing = await which(name) === undefined && `${name} is not installed`
  for (const [host, family] of [['127.0.0.1', 'IPv4'], ['::1', 'IPv6']] as const) {
    const skip = missing || (family === 'IPv6' && v6 === null && 'no IPv6 loopback here')
    t.test(`${name} to ${host}: reaches the listener, then is refused on its port, and explain reads both from the path`, { skip }, async (t) => {
      const l = (await listener(host))!
      const [cmd, args] = argv(host, l.port)
      const reached = await run(cmd, args)
      t.equal(reached.code, 0, `${cmd} connected (${reached.stderr.trim()})`)
      t.equal((await l.heard).trim(), 'hi', 'the listener heard it: the path named this socket')
      await l.close()

      const refused = await run(cmd, args)
      t.not(refused.code, 0, `${cmd} failed once the port was closed`)
      t.match(refused.stderr, /Connection refused/, 'the real error is a refusal')
      t.ok(refused.stderr.includes(host === '::1' ? `/::1/${l.port}` : `/${host}/${l.port}`), 'the error echoes the path')
      const r = explain(refused.stderr)
      t.equal(r.candidates[0]!.kind, 'refused', 'top candidate (a ::1 typed in a path is not localhost resolving to ::1)')
      t.match(r, { address: host, port: l.port, family }, 'address and port from the path')
    })
  }
}

t.test('bash with a service name instead of a port: the host is read, no port invented', { skip: await which('bash') === undefined && 'bash is not installed' }, async (t) => {
  // getaddrinfo fails on the service name before any connect (bash: nosuchsvc: Servname not supported ...).
  const got = await run('bash', ['-c', 'exec 3<>/dev/tcp/127.0.0.1/nosuchsvc'])
  t.not(got.code, 0, 'bash failed')
  t.ok(got.stderr.includes('/dev/tcp/127.0.0.1/nosuchsvc'), `the error echoes the path (${got.stderr.trim()})`)
  const r = explain(got.stderr)
  t.equal(r.address, '127.0.0.1')
  t.equal(r.port, null)
})
