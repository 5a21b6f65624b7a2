import t from 'tap'
import { checkHostAndOrigin, ownHosts } from '../src/services/host-guard.js'

t.test('the Host and Origin check', async (t) => {
  const P = 41234
  for (const host of [`127.0.0.1:${P}`, `localhost:${P}`, `LOCALHOST:${P}`, `[::1]:${P}`]) {
    t.same(checkHostAndOrigin({ host }, P), { ok: true }, `Host ${host} is ours`)
  }
  for (const host of [`attacker.example:${P}`, '127.0.0.1', `127.0.0.1:${P + 1}`, `127.0.0.2:${P}`, `localhost.attacker.example:${P}`, `0.0.0.0:${P}`, '']) {
    t.match(checkHostAndOrigin({ host }, P), { ok: false, status: 403, code: 'LAB_ERR_FOREIGN_HOST' }, `Host '${host}' is not`)
  }
  t.match(checkHostAndOrigin({}, P), { ok: false, code: 'LAB_ERR_FOREIGN_HOST' }, 'no Host at all is not')
  t.same(checkHostAndOrigin({ host: `localhost:${P}`, origin: `http://127.0.0.1:${P}` }, P), { ok: true })
  t.match(checkHostAndOrigin({ host: `localhost:${P}`, origin: `http://attacker.example:${P}` }, P), { ok: false, code: 'LAB_ERR_FOREIGN_ORIGIN' })
  t.match(checkHostAndOrigin({ host: `localhost:${P}`, origin: `https://127.0.0.1:${P}` }, P), { ok: false, code: 'LAB_ERR_FOREIGN_ORIGIN' }, 'another scheme is another origin')
  t.match(checkHostAndOrigin({ host: `localhost:${P}`, origin: 'null' }, P), { ok: false, code: 'LAB_ERR_FOREIGN_ORIGIN' }, 'an opaque origin (sandboxed frame, file://) is not ours')
  t.same(checkHostAndOrigin({ host: `localhost:${P}` }, P), { ok: true }, 'no Origin is fine by default')
  t.match(checkHostAndOrigin({ host: `localhost:${P}` }, P, { requireOrigin: true }), { ok: false, code: 'LAB_ERR_FOREIGN_ORIGIN' }, 'but not when one is required')
  t.ok(ownHosts(80).includes('localhost'), 'on port 80 a browser leaves the port out')
})
