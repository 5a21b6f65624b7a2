import t from 'tap'
import net from 'node:net'
import { httpRequest, tcpConnect, wsOpen } from '../src/clients/attempt.js'
import { freePort } from '../src/net/free-port.js'

t.test('TCP connect to a closed port: ECONNREFUSED from the kernel, with syscall and family', async (t) => {
  const port = await freePort({ host: ['127.0.0.1', '::1'] })
  const v4 = await tcpConnect({ host: '127.0.0.1', port })
  t.match(v4, { ok: false, code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port, family: 'IPv4', message: `connect ECONNREFUSED 127.0.0.1:${port}` })
  const v6 = await tcpConnect({ host: '::1', port })
  t.match(v6, { ok: false, code: 'ECONNREFUSED', syscall: 'connect', address: '::1', port, family: 'IPv6' })
})

t.test('Happy Eyeballs: both families refused gives an AggregateError, unwrapped per address', async (t) => {
  const port = await freePort({ host: ['127.0.0.1', '::1'] })
  // Answer `localhost` the way many /etc/hosts do: ::1 first, then 127.0.0.1.
  const lookup: net.LookupFunction = (_host, opts, cb) => {
    const all = [{ address: '::1', family: 6 }, { address: '127.0.0.1', family: 4 }]
    if ((opts as { all?: boolean }).all) (cb as (e: null, a: typeof all) => void)(null, all)
    else cb(null, all[0]!.address, all[0]!.family)
  }
  const o = await tcpConnect({ host: 'localhost', port, lookup, autoSelectFamily: true })
  t.equal(o.ok, false)
  t.equal(o.code, 'ECONNREFUSED')
  t.same(o.causes?.map((c) => [c.code, c.address, c.family]), [['ECONNREFUSED', '::1', 'IPv6'], ['ECONNREFUSED', '127.0.0.1', 'IPv4']])

  const single = await tcpConnect({ host: 'localhost', port, lookup, autoSelectFamily: false })
  t.match(single, { code: 'ECONNREFUSED', address: '::1', family: 'IPv6', message: `connect ECONNREFUSED ::1:${port}` }, 'without Happy Eyeballs only the first address is tried')
})

t.test('fetch to a closed port: "fetch failed" with the socket error in cause', async (t) => {
  const port = await freePort({ host: ['127.0.0.1', '::1'] })
  const o = await httpRequest(`http://127.0.0.1:${port}/`)
  t.match(o, { ok: false, client: 'http', message: 'fetch failed', code: 'ECONNREFUSED', syscall: 'connect', address: '127.0.0.1', port, family: 'IPv4' })
  t.ok(o.causes?.some((c) => c.code === 'ECONNREFUSED'))
})

t.test('WebSocket to a closed port: the ws error, then close 1006', async (t) => {
  const port = await freePort({ host: ['127.0.0.1', '::1'] })
  const o = await wsOpen(`ws://127.0.0.1:${port}/`)
  t.match(o, { ok: false, client: 'ws', code: 'ECONNREFUSED', syscall: 'connect', family: 'IPv4', closeCode: 1006 })
})
