import t from 'tap'
import { readdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import protocolMismatch from '../demos/protocol-mismatch.js'
import { which } from '../src/process/tool.js'
import { ms } from '../src/render/format.js'
import { attemptsInStep, factValue, isLinux, liveNetHandles, ourSockets, reproduce } from './helpers.js'

const haveOpenssl = await which('openssl') !== undefined
const haveCurl = await which('curl') !== undefined

t.test('protocol-mismatch: TLS to plain, plain to TLS and HTTP/2 to HTTP/1.1 fail with the real errors on both sides; the matching scheme answers', async (t) => {
  const certsBefore = (await readdir(tmpdir())).filter((f) => f.startsWith('llab-cert-'))
  const run = await reproduce(t, protocolMismatch)
  const observed = run.done.observed
  for (const code of ['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'HPE_INVALID_METHOD', 'ERR_HTTP2_ERROR', 'HPE_PAUSED_H2_UPGRADE']) t.ok(observed.includes(code), `observed ${code}`)

  const [plain, tls] = run.observations.flatMap((o) => o.kind === 'listening' ? [o] : [])
  t.match(plain, { name: 'plain HTTP service', address: '127.0.0.1' })

  // Step 2: the TLS clients against the plain port.
  const [viaFetch, viaHttps] = attemptsInStep(run, 2)
  t.match(viaFetch, { client: 'http', via: 'fetch', ok: false, code: 'ERR_SSL_WRONG_VERSION_NUMBER', message: 'fetch failed', port: plain!.port })
  t.match(viaFetch!.causes?.at(-1)?.message, /SSL routines:[^:]*:wrong version number/, 'OpenSSL\'s reason is in fetch\'s cause')
  t.match(viaHttps, { client: 'http', via: 'node:https', ok: false, code: 'EPROTO', syscall: 'write' })
  t.match(viaHttps!.message, /^write EPROTO .*wrong version number/)
  if (haveCurl) t.match(factValue(run, 'curl-https-to-plain'), { exitCode: 35, said: /^curl: \(35\) .*wrong version number/ }, 'curl (35)')
  if (haveOpenssl) t.match(factValue(run, 'openssl-to-plain'), { exitCode: 1, said: /wrong version number/ }, 'openssl s_client fails the same way')

  // Step 3: the plain side saw ClientHellos, and answered them with a plain 400.
  t.match(factValue(run, 'plain-server-client-error'), { code: 'HPE_INVALID_METHOD', firstBytes: '16 03 01' })
  const [answer] = attemptsInStep(run, 3)
  t.match(answer, { client: 'tcp', code: 'EOF', body: /^HTTP\/1\.1 400 Bad Request\r\n/ }, 'the 400 a TLS client reads as a record header')
  t.match(run.narration, 'Here they are "HTTP/" (48 54 54 50 2f): version 54 54 is no TLS version')

  // Step 4: plain clients against the TLS port (needs openssl for the certificate).
  const step4 = attemptsInStep(run, 4)
  if (haveOpenssl) {
    t.match(tls, { name: 'TLS (HTTPS) service', address: '127.0.0.1' })
    const [fetchPlain, httpPlain] = step4
    // The TLS server closes: a FIN (fetch: other side closed) or, with the request still unread, an RST.
    t.match(fetchPlain, { via: 'fetch', ok: false, code: /^(UND_ERR_SOCKET|ECONNRESET)$/, port: tls!.port })
    t.match(httpPlain, { via: 'node:http', ok: false, code: 'ECONNRESET', message: 'socket hang up' })
    t.ok(observed.includes('ERR_SSL_HTTP_REQUEST'), 'the TLS server\'s OpenSSL recognised an HTTP request')
    t.match(factValue(run, 'tls-server-client-error'), { codes: ['ERR_SSL_HTTP_REQUEST'] })
    if (haveCurl) t.match(factValue(run, 'curl-http-to-tls'), { said: /^curl: \((52\) Empty reply from server|56\) Recv failure: Connection reset by peer)$/ })
    t.match(factValue(run, 'plain-request-on-tls-port'), { measured: false }, 'other servers\' answers are quoted, marked not measured')
  } else {
    t.same(step4, [], 'without openssl the TLS half is skipped')
  }

  // Step 5: HTTP/2 prior knowledge against HTTP/1.1.
  const [h2] = attemptsInStep(run, 5)
  t.match(h2, { client: 'http', via: 'node:http2', ok: false, code: 'ERR_HTTP2_ERROR', message: 'Protocol error', port: plain!.port })
  t.match(run.narration, `node:http2: err.code ERR_HTTP2_ERROR, "Protocol error", after ${ms(h2!.elapsedMs)}.`)
  t.match(run.narration, 'stopped at "PRI * HTTP/2.0" (HPE_PAUSED_H2_UPGRADE)')

  // Step 6: the fix.
  const fixes = attemptsInStep(run, 6)
  t.match(fixes[0], { via: 'fetch', ok: true, status: 200 })
  if (haveOpenssl) {
    t.match(fixes[1], { via: 'fetch', ok: false, code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, 'the scheme matches: the next error is trust')
    t.match(fixes[2], { via: 'node:https', ok: true, status: 200, remotePort: tls!.port }, 'trusting the certificate: 200')
  }

  // Every number in the narration is one that was measured.
  // OpenSSL names the function that failed, and it differs by version (ssl3_get_record in Node 20's OpenSSL 3.0,
  // tls_validate_record_header in Node 22's 3.x): the narration quotes whichever this Node's OpenSSL said.
  const reason = (o: typeof viaFetch): string => /SSL routines:[^:"]*:wrong version number/.exec(o!.causes?.at(-1)?.message ?? o!.message ?? '')?.[0] ?? 'no reason'
  t.match(run.narration, `fetch: "fetch failed", cause ERR_SSL_WRONG_VERSION_NUMBER: "${reason(viaFetch)}", after ${ms(viaFetch!.elapsedMs)}.`)
  t.match(run.narration, `node:https: err.code EPROTO, err.syscall write: "${reason(viaHttps)}", after ${ms(viaHttps!.elapsedMs)}.`)
  t.match(run.narration, `with the same fetch: HTTP 200 in ${ms(fixes[0]!.elapsedMs)}`)

  const certsAfter = (await readdir(tmpdir())).filter((f) => f.startsWith('llab-cert-'))
  t.same(certsAfter.filter((f) => !certsBefore.includes(f)), [], 'no certificate directory is left behind')
  t.same(await liveNetHandles(), [], 'no server or socket handle is left')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'the kernel lists no listener of ours')
})
