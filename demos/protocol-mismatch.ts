/**
 * protocol-mismatch — the connection works, and the two ends speak different protocols.
 *
 * A port carries one protocol, and the server chose it. The client chooses from the URL's scheme: https:// means
 * "start with a TLS handshake", http:// means "send the request as text", HTTP/2 with prior knowledge means "send the
 * HTTP/2 preface". Nothing on the wire says which one is right. When they differ, each side reads the other's first
 * bytes as its own protocol and fails in its own words: `wrong version number` and EPROTO for a TLS client that got
 * plain text, `socket hang up` or an empty reply for a plain client that reached a TLS server, `Protocol error` for
 * HTTP/2 against HTTP/1.1. The fix is on the client's side: the scheme matches the port.
 */
import { curlSays, defineScenario, hostPort, ms, opensslConnect, selfSignedCertificate, type Scenario, type ToolSaid } from './kit.js'

/**
 * What other servers answer a plain request on a TLS port, quoted from their installed code (not measured here: this
 * lesson's TLS service is Node's, which closes without a word).
 */
const plainOnTlsPort = [
  {
    server: 'nginx',
    answer: '400 The plain HTTP request was sent to HTTPS port',
    source: 'Debian package nginx 1.22.1-9+deb12u11, /usr/sbin/nginx (the text is in the binary)',
  },
  {
    server: "Go's net/http",
    answer: 'HTTP/1.0 400 Bad Request, body "Client sent an HTTP request to an HTTPS server."',
    source: 'Debian package golang-1.19-src 1.19.8-2, /usr/share/go-1.19/src/net/http/server.go line 1878',
  },
] as const

export default defineScenario({
  id: 'protocol-mismatch',
  title: 'The scheme does not match the port: HTTPS to plain HTTP, HTTP to TLS, HTTP/2 to HTTP/1.1',
  symptom: 'SSL routines::wrong version number (curl: (35); fetch failed, cause ERR_SSL_WRONG_VERSION_NUMBER; write EPROTO)',
  codes: ['ERR_SSL_WRONG_VERSION_NUMBER', 'EPROTO', 'ERR_HTTP2_ERROR'],

  async run (lab) {
    lab.step('A plain HTTP service, and what it sees of its clients')
    const plain = await lab.http({ name: 'plain HTTP service' })
    const rejected: Array<{ code: string, bytes: Buffer }> = []
    // Only a witness: fastify's own clientError handler still answers each client (400) and closes.
    plain.app.server.on('clientError', function plainOnClientError (err: NodeJS.ErrnoException & { rawPacket?: Buffer }) {
      rejected.push({ code: err.code ?? 'unknown', bytes: err.rawPacket ?? Buffer.alloc(0) })
    })
    const where = hostPort(plain.address, plain.port)
    lab.say(`It listens on ${where} and speaks HTTP/1.1 in plain text, as a dev server does unless told to serve HTTPS.`)

    lab.step('TLS clients call it with https://')
    const tlsUrl = `https://${where}/`
    const viaFetch = await lab.fetch(tlsUrl)
    const viaHttps = await lab.request(tlsUrl)
    lab.check(viaFetch.code === 'ERR_SSL_WRONG_VERSION_NUMBER', `fetch: expected ERR_SSL_WRONG_VERSION_NUMBER, got ${viaFetch.code ?? viaFetch.status}`)
    lab.check(viaHttps.code === 'EPROTO', `node:https: expected EPROTO, got ${viaHttps.code ?? viaHttps.status}`)
    lab.say(`fetch: "${viaFetch.message}", cause ${viaFetch.code}: "${reason(viaFetch.causes?.at(-1)?.message)}", after ${ms(viaFetch.elapsedMs)}.`)
    lab.say(`node:https: err.code ${viaHttps.code}, err.syscall ${viaHttps.syscall}: "${reason(viaHttps.message)}", after ${ms(viaHttps.elapsedMs)}.`)
    // curl and openssl at once: each is a program to start and look up (its package, for the source), most of their time.
    const [curlTls, openssl] = await Promise.all([curlSays(tlsUrl), opensslConnect(plain.address, plain.port)])
    if (curlTls) tool(lab, 'curl-https-to-plain', curlTls)
    if (openssl) tool(lab, 'openssl-to-plain', openssl)

    lab.step('What the plain service saw, and what it answered')
    const hello = rejected[0]
    lab.check(hello !== undefined, 'the plain service saw no unparseable request')
    lab.record(hello!.code)
    lab.fact('plain-server-client-error', 'what the plain service\'s HTTP parser said', { code: hello!.code, firstBytes: hex(hello!.bytes.subarray(0, 3)), requests: rejected.length }, 'http.Server \'clientError\' (err.code, err.rawPacket)')
    lab.say(`Its HTTP parser rejected ${rejected.length} request${rejected.length === 1 ? '' : 's'} with ${hello!.code}. Each began with the bytes ${hex(hello!.bytes.subarray(0, 3))}: a TLS handshake record (16), TLS version 3.x (03 01), a ClientHello, not a request line.`)
    const answer = await lab.exchange(plain.address, plain.port, { send: hello!.bytes })
    const statusLine = answer.body?.split('\r\n')[0] ?? ''
    lab.check(statusLine.startsWith('HTTP/1.1 400'), `the plain service did not answer the ClientHello with a 400: ${answer.code} ${statusLine}`)
    const head = Buffer.from(answer.body!, 'latin1').subarray(0, 5)
    lab.say(`We sent it the same ${hello!.bytes.length} bytes. It answered "${statusLine}" and closed. That answer is all a TLS client gets back.`)
    lab.explain(`A TLS client reads the first 5 bytes of any reply as a record header: type, version, length. Here they are "${head.toString('latin1')}" (${hex(head)}): version ${hex(head.subarray(1, 3))} is no TLS version, so OpenSSL stops with "wrong version number".`)
    lab.explain('So "wrong version number" does not mean an old TLS version. It means the server answered in plain text: the port does not speak TLS.')

    lab.step('A TLS service, and plain clients calling it with http://')
    const cert = await selfSignedCertificate()
    let tlsService: Awaited<ReturnType<typeof lab.http>> | undefined
    if (cert === undefined) {
      lab.say('Skipping this half: the `openssl` command is not installed, and node:crypto cannot sign a certificate. What you would see: fetch "other side closed" (UND_ERR_SOCKET), node:http "socket hang up" (ECONNRESET), curl (52) Empty reply from server, and the TLS server logging ERR_SSL_HTTP_REQUEST.')
    } else {
      const tls = tlsService = await lab.http({ name: 'TLS (HTTPS) service', tls: cert })
      const tlsErrors: string[] = []
      tls.app.server.on('tlsClientError', function tlsOnClientError (err: NodeJS.ErrnoException) {
        tlsErrors.push(err.code ?? 'unknown')
      })
      const tlsWhere = hostPort(tls.address, tls.port)
      lab.say(`It listens on ${tlsWhere} with a certificate made a moment ago for ${cert.names.join(', ')} (${cert.madeBy}).`)
      const plainUrl = `http://${tlsWhere}/`
      const fetchPlain = await lab.fetch(plainUrl)
      const httpPlain = await lab.request(plainUrl)
      lab.check(!fetchPlain.ok && fetchPlain.status === undefined, `fetch over http:// got an answer from the TLS port: ${fetchPlain.status}`)
      lab.check(httpPlain.code === 'ECONNRESET', `node:http: expected ECONNRESET, got ${httpPlain.code ?? httpPlain.status}`)
      lab.say(`fetch: "${fetchPlain.message}", cause ${fetchPlain.code}: "${fetchPlain.causes?.at(-1)?.message ?? ''}", after ${ms(fetchPlain.elapsedMs)}.`)
      lab.say(`node:http: "${httpPlain.message}" (${httpPlain.code}), after ${ms(httpPlain.elapsedMs)}. Neither names TLS: the server closed without a word.`)
      const curlPlain = await curlSays(plainUrl)
      if (curlPlain) tool(lab, 'curl-http-to-tls', curlPlain)
      lab.check(tlsErrors.length > 0, 'the TLS service saw no failed handshake')
      for (const code of tlsErrors) lab.record(code)
      lab.fact('tls-server-client-error', 'what the TLS service\'s OpenSSL said', { codes: tlsErrors }, 'tls.Server \'tlsClientError\' (err.code)')
      lab.say(`The TLS service's side: ${tlsErrors.length} failed handshake${tlsErrors.length === 1 ? '' : 's'}, ${[...new Set(tlsErrors)].join(', ')}. OpenSSL recognised "GET / HTTP/1.1" where a ClientHello belongs, and Node closed the connection.`)
      lab.explain('Only the server knows what happened, and Node tells it only to a \'tlsClientError\' listener. Other servers answer in plain text instead (quoted from their code, not measured here):')
      for (const s of plainOnTlsPort) {
        lab.fact('plain-request-on-tls-port', `what ${s.server} answers a plain request on its TLS port`, { server: s.server, answer: s.answer, measured: false }, s.source)
        lab.explain(`${s.server}: ${s.answer} (${s.source}).`)
      }
    }

    lab.step('HTTP/2 with prior knowledge against the HTTP/1.1 service')
    const h2 = await lab.http2(`http://${where}/`)
    lab.check(h2.code === 'ERR_HTTP2_ERROR', `node:http2: expected ERR_HTTP2_ERROR, got ${h2.code ?? h2.status}`)
    lab.say(`node:http2: err.code ${h2.code}, "${h2.message}", after ${ms(h2.elapsedMs)}.`)
    const preface = rejected.at(-1)
    lab.check(preface !== undefined && preface !== hello, 'the plain service did not see the HTTP/2 preface')
    lab.record(preface!.code)
    lab.say(`The service's parser stopped at "${printable(preface!.bytes.subarray(0, 14))}" (${preface!.code}): the HTTP/2 preface, which an HTTP/1.1 server cannot take. What came back was no HTTP/2 frame.`)
    const curlH2 = await curlSays(`http://${where}/`, ['--http2-prior-knowledge'])
    if (curlH2) tool(lab, 'curl-prior-knowledge', curlH2)

    lab.step('The fix: the scheme matches the port')
    const okPlain = await lab.fetch(`http://${where}/`)
    lab.check(okPlain.status === 200, `http:// to the plain port failed: ${okPlain.code ?? okPlain.status}`)
    lab.say(`http://${where}/ with the same fetch: HTTP ${okPlain.status} in ${ms(okPlain.elapsedMs)}. Plain HTTP/1.1 is what that port speaks, for HTTP/2 clients too.`)
    if (tlsService !== undefined && cert !== undefined) {
      const tlsWhere = hostPort(tlsService.address, tlsService.port)
      const untrusted = await lab.fetch(`https://${tlsWhere}/`)
      lab.check(untrusted.code === 'DEPTH_ZERO_SELF_SIGNED_CERT', `https:// to the TLS port: expected DEPTH_ZERO_SELF_SIGNED_CERT, got ${untrusted.code ?? untrusted.status}`)
      lab.say(`https://${tlsWhere}/ with fetch: the handshake works now, and the next error is trust: ${untrusted.code}, "${untrusted.causes?.at(-1)?.message ?? ''}". Nobody vouches for a certificate we made ourselves.`)
      const trusted = await lab.request(`https://${tlsWhere}/`, { ca: cert.cert })
      lab.check(trusted.status === 200, `node:https with the certificate as CA failed: ${trusted.code ?? trusted.status}`)
      lab.say(`node:https, told to trust that certificate (ca): HTTP ${trusted.status} in ${ms(trusted.elapsedMs)}.`)
    }

    lab.explain('TLS and plain HTTP do not negotiate. The client decides from the scheme alone, before it has read a byte; the server decided when it started. A mismatch fails at the first bytes, on both sides, and each side blames the other\'s bytes.')
    lab.explain('The messages name TLS or HTTP/2 because that is what the client was speaking. The cause is the URL: a plain port called with https://, a TLS port with http://, or an HTTP/2 client with prior knowledge against a server that only speaks HTTP/1.1.')
    lab.fix(`Match the scheme to the port: the URL the server printed when it started says which (http://${where} here). A dev server switched to HTTPS prints https:// instead.`)
    lab.fix(`Ask the port itself: \`openssl s_client -connect ${where} -brief\` completes a handshake only on a TLS port; \`curl -v http://${where}/\` shows a plain answer.`)
    lab.fix('HTTP/2 without TLS needs a server that speaks h2c; otherwise use TLS (browsers and most clients pick HTTP/2 there by ALPN) or plain HTTP/1.1.')
    lab.fix('A self-signed certificate: give the client its CA (NODE_EXTRA_CA_CERTS=cert.pem for Node, --cacert for curl), not rejectUnauthorized: false.')
  },
})

/** Quote a tool's line with the program that printed it. */
function tool (lab: Parameters<Scenario['run']>[0], key: string, r: ToolSaid): void {
  lab.fact(key, r.command, { exitCode: r.exitCode, said: r.said }, r.source)
  lab.say(`\`${r.command}\` exits ${r.exitCode}: "${r.said}"`)
}

/** OpenSSL's line without its thread-id prefix and source file: `…:SSL routines:ssl3_get_record:wrong version number`. */
function reason (message: string | undefined): string {
  const m = /error:[0-9A-F]+:(.*?)(?::\.\.\/[^\s]*)?:?\s*$/.exec(message ?? '')
  return m?.[1] ?? (message ?? '').trim()
}

function hex (bytes: Buffer): string {
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join(' ')
}

function printable (bytes: Buffer): string {
  return bytes.toString('latin1').replace(/\r/g, '\\r').replace(/\n/g, '\\n').replace(/[^\x20-\x7e\\]/g, '.')
}
