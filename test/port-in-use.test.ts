import t from 'tap'
import { readlink } from 'node:fs/promises'
import portInUse from '../demos/port-in-use.js'
import { hasLocalAddress } from '../src/net/address.js'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { isLinux, liveNetHandles, ofKind, ourSockets, reproduce } from './helpers.js'

const root = process.getuid?.() === 0

t.test('port-in-use: EADDRINUSE for every server kind, the holder named by the kernel, three fixes, the fine print', async (t) => {
  const run = await reproduce(t, portInUse)
  const listening = ofKind(run, 'listening')
  const errors = ofKind(run, 'listen-error')
  const facts = ofKind(run, 'fact')

  // The old server is a real child process, not us.
  const old = listening[0]!
  t.equal(old.service, 'process')
  const port = old.port
  const pid = old.pid!
  t.ok(pid > 0 && pid !== process.pid, `the holder is another process (pid ${pid})`)
  t.throws(() => process.kill(pid, 0), { code: 'ESRCH' }, 'and it is gone after the run')

  // node:net, fastify and ws: the same error from the same system call.
  const clashes = errors.filter((e) => !e.name.includes('namespace'))
  t.same(clashes.map((e) => e.service), ['tcp', 'http', 'ws'])
  for (const e of clashes) {
    t.match(e, { code: 'EADDRINUSE', syscall: 'listen', address: '127.0.0.1', port, family: 'IPv4', message: `listen EADDRINUSE: address already in use 127.0.0.1:${port}` }, e.name)
  }
  t.match(run.narration, `"listen EADDRINUSE: address already in use 127.0.0.1:${port}". err.code EADDRINUSE, err.syscall listen`)

  if (isLinux) {
    const holders = facts.find((f) => f.key === 'listeners-on-port')!.value as Array<{ address: string, inode: number, pid: number, command: string }>
    t.equal(holders.length, 1)
    t.match(holders[0], { address: `127.0.0.1:${port}`, pid })
    t.match(holders[0]!.command, /children\/service\.(js|ts) .*old-server/, 'the command line read from /proc')
    t.match(run.narration, `127.0.0.1:${port} is held by pid ${pid} (socket inode ${holders[0]!.inode}), whose command line is \`${holders[0]!.command}\``)
  }

  // Clients reach the old program: no error for TCP and fetch, a refused upgrade for ws.
  const [tcp, http, ws] = run.attempts
  t.match(tcp, { client: 'tcp', ok: true, remotePort: port })
  t.match(http, { client: 'http', status: 200 })
  t.equal((JSON.parse(http!.body!) as { pid: number }).pid, pid, 'fetch was answered by the old process')
  t.match(ws, { client: 'ws', ok: false, message: 'Unexpected server response: 200', closeCode: 1006 })
  t.match(run.narration, `fetch got HTTP 200 from pid ${pid}`)

  // Fix 1 and 2: other ports. Fix 3: the old process stops, then the wanted port works.
  const portZero = listening.find((l) => l.name === 'new HTTP service on port 0')!
  t.not(portZero.port, port)
  t.match(run.narration, `the OS gave us ${portZero.port}`)
  const offered = listening.find((l) => l.name.includes('get-port'))
  if (offered) {
    t.not(offered.port, port, 'get-port offered another port')
    t.match(run.narration, `get-port tried ${port}, found it busy, and offered ${offered.port}`)
  }
  const stopped = run.observations.find((o) => o.kind === 'closed' && o.service === 'process')!
  const wanted = listening.find((l) => l.name === 'new HTTP service on the port it wanted')!
  t.equal(wanted.port, port)
  t.ok(stopped.t < wanted.t, 'the new service got the port only after the old process stopped')

  // 127.0.0.1:P and [::1]:P side by side.
  if (hasLocalAddress('::1')) {
    const v6 = listening.find((l) => l.family === 'IPv6' && l.name === 'TCP service on ::1')
    t.match(v6, { address: '::1', port }, '[::1]:P listened while 127.0.0.1:P was ours')
  }

  // 0.0.0.0 and :: only ever inside a namespace of our own.
  for (const l of listening) {
    if (l.address === '0.0.0.0' || l.address === '::') t.match(l.name, /namespace net:\[\d+\]/, `${l.address} was bound only inside a namespace`)
  }
  const inNs = errors.filter((e) => e.name.includes('namespace'))
  if (isLinux && root) {
    t.same(inNs.map((e) => [e.address, e.code, e.syscall]), [['127.0.0.1', 'EADDRINUSE', 'listen'], ['127.0.0.1', 'EADDRINUSE', 'listen'], ['0.0.0.0', 'EADDRINUSE', 'listen']])
    const ours = await readlink('/proc/self/ns/net')
    for (const e of inNs) t.notMatch(e.name, ours, 'not our own network namespace')
    const holders = listening.filter((l) => l.name.startsWith('first listener'))
    t.same(holders.map((l) => [l.address, l.port]), inNs.map((e, i) => [['0.0.0.0', '::', '127.0.0.1'][i], e.port]))
    t.match(run.narration, `a listener on 0.0.0.0:${inNs[0]!.port} made the listen on 127.0.0.1:${inNs[0]!.port} fail`)
  }

  // TIME_WAIT does not block a Node listener.
  if (isLinux) {
    const tw = facts.find((f) => f.key === 'time-wait')!.value as string[]
    const restarted = listening.find((l) => l.name === 'TCP service, restarted at once')
    t.equal(restarted?.port, port)
    const hangUp = run.attempts.filter((a) => a.client === 'tcp').at(-1)!
    const ours = `127.0.0.1:${port} → 127.0.0.1:${hangUp.localPort}`
    for (const entry of tw) t.match(entry, new RegExp(`^127\\.0\\.0\\.1:${port} → 127\\.0\\.0\\.1:\\d+$`))
    t.ok(tw.includes(ours), 'the connection the server hung up on is in TIME_WAIT, read from /proc')
    t.match(run.narration, `the kernel keeps ${ours} in TIME_WAIT`)
  }

  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) {
    t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
    t.same((await listListeners({ port })).listeners, [], 'nobody listens on the contested port any more')
  }
})
