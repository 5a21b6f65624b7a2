import t from 'tap'
import crash from '../demos/crash.js'
import { ms } from '../src/render/format.js'
import type { LabEvent } from '../src/core/events.js'
import { alive, attemptsInStep, collect, factValue, isLinux, liveNetHandles, ofKind, ourSockets } from './helpers.js'
import { runTaking } from './port-holder.js'

t.test('crash: a SIGKILLed service gives each client its own error, then refuses', async (t) => {
  const run = await collect(crash)
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', '1006', 'EOF', 'ECONNREFUSED']) t.ok(run.done.observed.includes(code), `observed ${code}`)

  const listening = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  // The first child's listeners carry its pid; the restarted child's carry another.
  const web = listening.find((l) => l.service === 'http' && l.pid !== undefined)!
  const pid = web.pid!
  const [tcp, unread] = listening.filter((l) => l.service === 'tcp' && l.pid === pid)
  t.ok(web && tcp && unread, 'the child reported its HTTP and two TCP listeners')
  t.not(pid, process.pid, 'the service ran in another process')
  t.equal(alive(pid), false, 'the killed child is gone')

  // Step 3: the kill. Each client, identified by kind, library and port.
  const atKill = attemptsInStep(run, 3)
  t.equal(atKill.length, 5, 'five conversations ended with the kill')
  const fetched = atKill.find((o) => o.via === 'fetch')!
  t.match(fetched, { ok: false, client: 'http', message: 'fetch failed', code: 'UND_ERR_SOCKET', port: web.port, family: 'IPv4' })
  t.equal(fetched.causes?.[0]?.code, 'UND_ERR_SOCKET', 'fetch: the cause is a SocketError (other side closed)')
  const got = atKill.find((o) => o.via === 'node:http')!
  t.match(got, { ok: false, client: 'http', code: 'ECONNRESET', message: 'socket hang up' }, 'node:http calls the FIN a socket hang up')
  const ws = atKill.find((o) => o.client === 'ws')!
  t.match(ws, { ok: false, closeCode: 1006, status: 101 }, 'the WebSocket had opened, then closed 1006')
  t.equal(ws.code, undefined, 'no error, only the abnormal close (the kernel sent a FIN)')
  t.type(ws.timings?.openForMs, 'number')
  const eof = atKill.find((o) => o.client === 'tcp' && o.target.port === tcp.port)!
  t.match(eof, { ok: false, code: 'EOF', bytes: { sent: 5, received: 0 } }, 'read everything: FIN, the client reads EOF')
  const rst = atKill.find((o) => o.client === 'tcp' && o.target.port === unread.port)!
  t.match(rst, { ok: false, code: 'ECONNRESET', syscall: 'read', family: 'IPv4', bytes: { sent: 5, received: 0 } }, 'bytes unread: RST, ECONNRESET')
  if (isLinux) t.equal(factValue(run, 'unread-bytes'), 5, 'the kernel held our 5 bytes unread before the kill')
  t.equal(run.observations.some((o) => o.kind === 'fact' && o.key === 'process-exit' && (o.value as { pid: number, exit: string }).pid === pid && (o.value as { exit: string }).exit === 'killed by SIGKILL'), true, 'the exit was a SIGKILL')

  // Step 4: FIN and RST on purpose.
  const onPurpose = attemptsInStep(run, 4)
  t.same(onPurpose.map((o) => [o.client, o.via, o.code, o.syscall]), [
    ['tcp', undefined, 'EOF', 'read'], ['tcp', undefined, 'ECONNRESET', 'read'],
    ['http', 'fetch', 'UND_ERR_SOCKET', undefined], ['http', 'fetch', 'ECONNRESET', 'read'],
    ['http', 'node:http', 'ECONNRESET', undefined], ['http', 'node:http', 'ECONNRESET', 'read'],
  ], 'FIN: EOF / UND_ERR_SOCKET / socket hang up; RST: ECONNRESET on read for every client')
  t.equal(onPurpose[4]!.message, 'socket hang up')

  // Step 5: nothing listens.
  const after = attemptsInStep(run, 5)
  t.same(after.map((o) => [o.client, o.code, o.syscall, o.family]), [
    ['tcp', 'ECONNREFUSED', 'connect', 'IPv4'], ['http', 'ECONNREFUSED', 'connect', 'IPv4'], ['ws', 'ECONNREFUSED', 'connect', 'IPv4'],
  ])
  t.equal(after[0]!.port, tcp.port, 'refused on the port the dead service had')
  t.equal(after[2]!.closeCode, 1006)

  // Step 6: the restart answers.
  const restarted = listening.find((l) => l.pid !== undefined && l.pid !== pid)!
  const fixed = attemptsInStep(run, 6)
  t.same(fixed.map((o) => o.ok), [true, true])
  t.equal(fixed[0]!.status, 200)

  // The narration quotes what happened.
  const heard = factValue(run, 'errors-after-kill') as number
  t.ok(heard > 0 && heard < 2000, `every client heard soon after the kill (${heard} ms)`)
  t.match(run.narration, `Within ${ms(heard)} every client had its error`)
  t.match(run.narration, `Process ${pid} serves HTTP and WebSocket on 127.0.0.1:${web.port} and raw TCP on ports ${tcp.port} and ${unread.port}`)
  t.match(run.narration, `fetch: "fetch failed", cause "${fetched.causes![0]!.message}" (UND_ERR_SOCKET)`)
  t.match(run.narration, `TCP port ${unread.port}: "read ECONNRESET" (ECONNRESET)`)
  t.match(run.narration, `refused in ${ms(after[0]!.elapsedMs)}: ECONNREFUSED`)
  t.match(run.narration, `listens on port ${restarted.port}`)
  t.match(run.narration, `answered HTTP 200 in ${ms(fixed[0]!.elapsedMs)}`)

  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})

/**
 * Another program is handed the dead service's TCP port before the knock (a second process listens on it in the
 * gate before step 5). The lesson must say so, record it, and knock on another port the dead process had.
 */
t.test('crash when another process takes the dead service\'s port before the knock', async (t) => {
  const tcpPort = (events: readonly LabEvent[]): number | undefined => {
    const listening = events.flatMap((e) => e.type === 'observe' && e.kind === 'listening' ? [e] : [])
    const pid = listening.find((l) => l.service === 'http' && l.pid !== undefined)?.pid
    return listening.find((l) => l.service === 'tcp' && l.pid === pid)?.port
  }
  const { run, held, after } = await runTaking(crash, (n) => n === 5, tcpPort)
  t.equal(run.done.ok, true, run.done.error?.message ?? `missing ${run.done.missing.join(', ')}`)
  t.same(ofKind(run, 'fact').filter((f) => f.key === 'port-taken').map((f) => f.value), [{ port: held, address: '127.0.0.1', what: 'our tcp connect was accepted there', retake: 1 }])
  const knocks = attemptsInStep(run, 5)
  t.match(knocks[0], { client: 'tcp', ok: true, target: { port: held } }, 'the first knock really reached the other process')
  const web = run.observations.find((o) => o.kind === 'listening' && o.service === 'http' && o.pid !== undefined)!
  t.same(knocks.slice(1).map((o) => [o.client, o.code, o.syscall, o.target.port]), [
    ['tcp', 'ECONNREFUSED', 'connect', web.kind === 'listening' && web.port], ['http', 'ECONNREFUSED', 'connect', web.kind === 'listening' && web.port], ['ws', 'ECONNREFUSED', 'connect', web.kind === 'listening' && web.port],
  ], 'then every client was really refused on the dead process\'s HTTP port')
  const line = `another program took it on 127.0.0.1 meanwhile (our tcp connect was accepted there): that door is someone else's. We knock on port ${knocks[1]!.target.port}, which it had too, instead.`
  t.match(run.narration, `Port ${held} was process `)
  t.match(run.narration, line)
  t.notMatch(after(line), new RegExp(`\\b${held}\\b`), 'after the retake, nothing is narrated on the taken port')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left in this process')
})
