/**
 * The rules round 11 added, each from the program's own source or catalogue: CLISP's and MIT krb5's errno for a name
 * that did not resolve, krb5's "Cannot contact any KDC", Chromium's WebSocket protocol failures. Checked on texts the
 * capture recorded from the real programs (development split only, by id: more-runtimes.json, net-clients-2.json), on
 * texts users pasted (quoted-4.json, development split), and on look-alikes that must stay apart. And Schannel's English
 * texts (the Windows SDK's MessageText), read without their code.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { tlsErrors } from '../src/diagnose/explain/knowledge/tls-errors.js'
import { corpusFamily, devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('CLISP prints a failed lookup as OS-ERROR(EINVAL), in every language; its other OS errors keep their reason', async (t) => {
  const dns = corpusFamily('more-runtimes').filter((e) => e.split === 'dev' && e.program === 'clisp-socket' && e.id.startsWith('clisp-socket-dns'))
  t.ok(dns.length >= 10, `${dns.length} languages`)
  for (const e of dns) {
    t.match(e.text, /OS-ERROR\(EINVAL\)/)
    t.equal(first(e.text), 'dns', e.id)
  }
  t.equal(first(devEntry('more-runtimes', 'clisp-socket-refused-ipv4-de-de').text), 'refused')
  t.equal(first(devEntry('more-runtimes', 'clisp-socket-timeout').text), 'timeout')
  // EINVAL from another program is not a lookup to the rules (the learned words may still guess one, marked not sure).
  t.not(explain('bind: Invalid argument (EINVAL)', { learned: false }).candidates[0]?.kind, 'dns')
  t.notOk(explain('bind: Invalid argument (EINVAL)').recognised, 'at most a guess')
})

t.test('kinit: EAGAIN is a resolver that did not answer; "Cannot contact any KDC" a KDC that did not', async (t) => {
  const eagain = corpusFamily('net-clients-2').filter((e) => e.split === 'dev' && e.id.startsWith('kinit-dns-no-resolver'))
  t.ok(eagain.length >= 10, `${eagain.length} languages`)
  for (const e of eagain) t.equal(first(e.text), 'dns', e.id)
  for (const id of ['kinit-refused-ipv4', 'kinit-refused-ipv4-de-de']) t.equal(first(devEntry('net-clients-2', id).text), 'refused', id)
  // EAGAIN elsewhere (a non-blocking read) stays what it was.
  t.not(first('read: Resource temporarily unavailable'), 'dns')
})

t.test('Chromium\'s "Invalid frame header" is a WebSocket the server side broke after the handshake, not a refusal', async (t) => {
  for (const id of ['quoted-walkor-workerman-331', 'quoted-axetroy-blog-3']) {
    const e = devEntry('quoted-4', id)
    t.match(e.text, /Invalid frame header/)
    t.equal(first(e.text), 'websocket-abnormal-close', id)
  }
  t.equal(first("WebSocket connection to 'ws://localhost:8080/' failed: Error in connection establishment: net::ERR_CONNECTION_REFUSED"), 'refused')
})

t.test("Schannel's texts without their code: .NET's Win32Exception says the SDK's sentence, and explain reads its kind", async (t) => {
  const labelled = tlsErrors.filter((e) => e.library === 'schannel' && e.kind !== undefined && e.text !== null)
  t.ok(labelled.length >= 5, `${labelled.map((e) => e.name).join(', ')}`)
  t.equal(labelled.find((e) => e.name === 'SEC_E_ILLEGAL_MESSAGE')?.text, 'The message received was unexpected or badly formatted.', "winerror.h's MessageText")
  for (const e of labelled) {
    const result = explain(`System.Security.Authentication.AuthenticationException: A call to SSPI failed, see inner exception.\n ---> System.ComponentModel.Win32Exception: ${e.text!}`)
    const candidate = result.candidates.slice(0, 3).find((c) => c.kind === e.kind)
    t.ok(candidate?.because.some((b) => b.means.includes(e.name)), `${e.name}: ${e.kind} in the top three, because of its text`, { candidates: result.candidates.slice(0, 3).map((c) => c.kind) })
  }
  t.equal(first('System.ComponentModel.Win32Exception: The message received was unexpected or badly formatted'), 'protocol-mismatch', 'without its full stop, too')
  t.equal(first('System.ComponentModel.Win32Exception: The token supplied to the function is invalid'), 'protocol-mismatch')
  // A code's text with no kind stays unread: SEC_E_UNTRUSTED_ROOT is a certificate, not a connection failure.
  t.not(first('System.ComponentModel.Win32Exception: The certificate chain was issued by an authority that is not trusted.'), 'protocol-mismatch')
})

t.test("Caddy 1's error log: [ERROR 502 path] before a dial error is its proxy that could not reach the backend", async (t) => {
  const logged = corpusFamily('quoted-4').filter((e) => e.split === 'dev' && e.kind === 'proxy' && e.text.includes('[ERROR 502 /'))
  t.ok(logged.length >= 2, `${logged.length} texts`)
  for (const e of logged) t.equal(first(e.text), 'proxy', e.id)
  // Another status from the same middleware is not a proxy's.
  t.not(first('19/Dec/2018:09:11:08 +0000 [ERROR 500 /upload] open /srv/files/a.txt: permission denied'), 'proxy')
})
