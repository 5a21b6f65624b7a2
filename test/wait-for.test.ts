import t from 'tap'
import { httpRequest, wsOpen } from '../src/clients/attempt.js'
import { waitForHttp, waitForPort } from '../src/clients/wait-for.js'
import { startHttp } from '../src/services/http.js'
import { startTcp } from '../src/services/tcp.js'

async function closedPort (): Promise<number> {
  const s = await startTcp()
  await s.close()
  return s.port
}

t.test('waitForPort gives up at its deadline with every attempt and the last error', async (t) => {
  const port = await closedPort()
  const seen: string[] = []
  const r = await waitForPort({ host: '127.0.0.1', port, deadlineMs: 100, initialDelayMs: 20, factor: 1, jitter: 0, onAttempt: (o) => seen.push(o.code!) })
  t.match(r, { ok: false, reason: 'deadline', deadlineMs: 100, target: `127.0.0.1:${port} (port open)` })
  t.ok(r.attempts.length >= 3, `${r.attempts.length} attempts`)
  t.same(seen, r.attempts.map((o) => o.code), 'onAttempt saw each attempt as it finished')
  for (const o of r.attempts) t.match(o, { code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4' })
  const pauses = r.attempts.map((o) => o.timings!.pauseMs)
  t.equal(pauses[0], 0)
  for (const p of pauses.slice(1, -1)) t.equal(p, 20, 'a fixed pause without jitter')
  const starts = r.attempts.map((o) => o.timings!.startedAtMs!)
  t.same(starts, [...starts].sort((a, b) => a - b), 'attempts in order')
  t.ok(r.elapsedMs >= 99 && r.elapsedMs < 1100, `stopped at the deadline (${r.elapsedMs} ms)`)
  t.ok(starts.at(-1)! < 100 + 50, 'no attempt long after the deadline')
  t.equal(r.last, r.attempts.at(-1))
  t.match(r.message, `not ready within the 100 ms deadline`)
  t.match(r.message, `the last said: connect ECONNREFUSED 127.0.0.1:${port}`)
})

t.test('waitForPort stops when its signal aborts', async (t) => {
  const port = await closedPort()
  const controller = new AbortController()
  const timer = setTimeout(() => controller.abort(), 30)
  t.teardown(() => clearTimeout(timer))
  const r = await waitForPort({ host: '127.0.0.1', port, deadlineMs: 5000, initialDelayMs: 10, signal: controller.signal })
  t.match(r, { ok: false, reason: 'aborted' })
  t.ok(r.elapsedMs < 2000, 'long before the deadline')
})

t.test('waitForHttp waits for /health to answer 200, not for the port; the same port also speaks WebSocket', async (t) => {
  let ready = false
  const http = await startHttp({ ready: () => ready, websocket: true })
  t.teardown(() => http.close())
  t.match(await httpRequest(`${http.url}/health`), { status: 503, ok: false }, 'listening but not ready')
  const open = await waitForPort({ host: http.address, port: http.port, deadlineMs: 1000 })
  t.equal(open.ok, true, 'the port is open already')
  t.equal(open.attempts.length, 1)
  const flip = setTimeout(() => { ready = true }, 40)
  t.teardown(() => clearTimeout(flip))
  const r = await waitForHttp(http.url, { path: '/health', deadlineMs: 2000, initialDelayMs: 5, maxDelayMs: 20 })
  t.equal(r.ok, true, r.message)
  t.equal(r.last.status, 200)
  t.ok(r.attempts.slice(0, -1).every((o) => o.status === 503), 'every earlier answer was 503')
  t.ok(r.attempts.length >= 2, 'it had to wait')
  const echo = await wsOpen(`${http.url.replace(/^http/, 'ws')}/`, { send: 'same port' })
  t.match(echo, { ok: true, body: 'same port', closeCode: 1000 })
})
