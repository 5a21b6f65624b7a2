import t from 'tap'
import dnsRebinding from '../demos/dns-rebinding.js'
import { collect, isLinux, liveNetHandles, ourSockets } from './helpers.js'

t.test('dns-rebinding: the unprotected service answers the rebound request, the protected one refuses it', async (t) => {
  const run = await collect(dnsRebinding)
  t.equal(run.done.ok, true, run.done.error?.message ?? '')

  const listening = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  t.equal(listening.length, 2)
  for (const l of listening) t.equal(l.address, '127.0.0.1', `${l.name} bound loopback only`)
  const [open, guarded] = listening

  const [stolen, refused, own] = run.attempts
  t.equal(run.attempts.length, 3)
  // The rebound requests went to 127.0.0.1 but named the attacker's site, as a browser does after the rebinding.
  t.equal(stolen!.request, `GET http://127.0.0.1:${open!.port}/secret (node:http, Host: attacker.example:${open!.port})`)
  t.equal(stolen!.remoteAddress, '127.0.0.1')
  t.equal(stolen!.remotePort, open!.port)
  t.equal(stolen!.status, 200, 'the unprotected service answered')
  const secret = (JSON.parse(stolen!.body!) as { secret: string }).secret
  t.match(secret, /^[0-9a-f-]{36}$/, 'with its secret')

  t.equal(refused!.request, `GET http://127.0.0.1:${guarded!.port}/secret (node:http, Host: attacker.example:${guarded!.port})`)
  t.equal(refused!.status, 403, 'the protected service refused')
  t.equal(refused!.ok, false)
  const body = JSON.parse(refused!.body!) as { error: string }
  t.equal(body.error, 'LAB_ERR_FOREIGN_HOST')
  t.notMatch(refused!.body!, secret, 'and did not leak the secret')

  t.equal(own!.status, 200, 'its own page still gets in')
  t.match(run.narration, secret, 'the narration quotes the secret that actually came back')
  t.match(run.narration, `127.0.0.1:${open!.port}`)

  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'nothing of ours is listening')
})
