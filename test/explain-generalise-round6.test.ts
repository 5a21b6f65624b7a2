/**
 * The rules round 6 added for programs explain had never seen, each checked on what it rests on: texts the capture
 * recorded from real programs (development split only, read by id from test/fixtures/explain-corpus/), and, for the
 * languages the capture did not run, glibc's own translations (knowledge/glibc-messages.ts) inside the program's
 * real template (php-src's "Unable to connect to %s (%s)").
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import { evidenceOf } from '../src/diagnose/explain/evidence.js'
import { glibcMessages } from '../src/diagnose/explain/knowledge/glibc-messages.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { corpusFamily, devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('PHP\'s stream_socket_server() says "Unable to connect" for a failed bind: the function is the direction', async (t) => {
  const denied = corpusFamily('setlocale-clients').filter((e) => e.split === 'dev' && e.program === 'php-stream-socket-server-setlocale' && e.kind === 'permission-denied')
  t.ok(denied.length >= 10, `the capture holds the privileged bind in ${denied.length} locales`)
  for (const e of denied) {
    t.match(e.text, /stream_socket_server\(\): Unable to connect to tcp:\/\/127\.0\.0\.1:80 \(/, `${e.locale}: PHP's own sentence`)
    t.equal(first(e.text), 'permission-denied', `${e.locale}: a privileged port, not a refusal`)
    t.ok(evidenceOf(e.text).some((x) => x.kind === 'permission-denied' && x.direction === 'listen'), `${e.locale}: read as a bind`)
  }
  // Every language glibc translates EACCES into, inside PHP's template: also those the capture did not run.
  const eacces = glibcMessages.EACCES!.translations
  let n = 0
  for (const [lang, text] of Object.entries(eacces)) {
    const line = `PHP Warning:  stream_socket_server(): Unable to connect to tcp://127.0.0.1:80 (${text}) in Command line code on line 1`
    t.equal(first(line), 'permission-denied', `${lang}: ${text}`)
    n++
  }
  t.ok(n >= 30, `${n} languages`)
})

t.test('the same sentence from fsockopen() stays a connect: a translated refusal is still a refusal', async (t) => {
  const e = devEntry('setlocale-clients', 'php-fsockopen-setlocale-refused-ipv6-ja-jp')
  t.match(e.text, /fsockopen\(\): Unable to connect to \[::1\]:\d+ \(/)
  t.ok(['refused', 'localhost-ipv6'].includes(first(e.text)!), `first: ${first(e.text)}`)
  t.notOk(evidenceOf(e.text).some((x) => x.direction === 'listen'), 'no bind read into a connect')
})

t.test('Perl\'s IO::Socket::INET says "Bad hostname" for a name that did not resolve', async (t) => {
  const e = devEntry('setlocale-clients', 'perl-io-socket-inet-dns')
  t.match(e.text, /IO::Socket::INET: Bad hostname 'api\.nosuchhost\.invalid'/)
  t.equal(first(e.text), 'dns')
  const refused = devEntry('setlocale-clients', 'perl-io-socket-inet-refused-ipv4')
  t.equal(first(refused.text), 'refused', 'its refusal, in the same frame, stays a refusal')
})

t.test('the WHATWG WebSocket\'s error event has no reason: a logged ErrorEvent is a failed socket, likeliest refused', async (t) => {
  const e = devEntry('node-versions', 'node22-websocket-refused-ipv4')
  t.match(e.text, /^ErrorEvent \{\n {2}type: 'error',/)
  t.notMatch(e.text, /ECONNREFUSED|refused/i, 'nothing in it names the reason')
  const top = explain(e.text).candidates[0]!
  t.equal(top.kind, 'refused')
  t.ok(top.confidence < explain('Error: connect ECONNREFUSED 127.0.0.1:3000').candidates[0]!.confidence, 'less sure than a text that names the refusal')
})

t.test('a close code logged after "closed" is read as one: Node 22\'s CloseEvent 1006', async (t) => {
  const e = devEntry('node-versions', 'node22-websocket-ws-dropped')
  t.equal(e.text, 'WebSocket closed: 1006')
  t.ok(evidenceOf(e.text).some((x) => x.type === 'code' && x.kind === 'websocket-abnormal-close'), 'the close-code table, not the bare number')
  t.equal(first(e.text), 'websocket-abnormal-close')
})

t.test('a resolver API is DNS by its name, whatever its sentence: Ruby\'s Resolv, PHP\'s dns_get_record()', async (t) => {
  const ruby = devEntry('resolver-clients', 'ruby-resolv-dns')
  t.match(ruby.text, /no address for api\.nosuchhost\.invalid \(Resolv::ResolvError\)/)
  t.equal(first(ruby.text), 'dns')
  const php = devEntry('resolver-clients', 'php-dns-get-record-dns-no-resolver')
  t.match(php.text, /dns_get_record\(\): A temporary server error occurred\./)
  t.equal(first(php.text), 'dns')
  // The rule reads the function's name, not the sentence: the same words from a web app are no DNS failure. (The
  // learned words, having met them from dns_get_record, may still guess dns for them, said to be not sure.)
  const webApp = explain('A temporary server error occurred. Please try again shortly.')
  t.notOk(webApp.recognised, 'the same words from a web app are not recognised as a failure')
  t.not(explain('A temporary server error occurred. Please try again shortly.', { learned: false }).candidates[0]?.kind, 'dns', 'and the rules alone do not read them as DNS')
})
