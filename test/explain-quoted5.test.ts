/**
 * The rules added for quoted-5.json (users' texts from public issues, round 5), each checked on what it rests on: the
 * quoted texts of the development split (read by id; a test-split id throws), the wording the rule is about in forms
 * the corpus does not hold, and a look-alike the rule must leave alone, so each check can fail.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry, type CorpusEntry } from './corpus-entries.js'

const quoted = (id: string): CorpusEntry => devEntry('quoted-5', id)

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

t.test('a few English sentences about an address, with no failure in them, ask what it is', async (t) => {
  for (const id of ['quoted-kazgrowmag.com-127-0-0-149342-understanding-its-role-in-local-networking', 'quoted-techandtimes.com-understanding-127-0-0-149342-a-deep-dive-into-localhost-and-ports']) {
    t.equal(first(quoted(id).text), 'address', id)
  }
  const r = explain('I keep seeing 127.0.0.1:50432 in the list my firewall shows me. Nobody here knows which program put it there.')
  t.equal(r.candidates[0]?.kind, 'address', 'a wording the corpus does not hold')
  t.match(r.about?.plain, /loopback/, 'answered in plain words')
  // A failure told in English words stays a failure, and so does one in another language.
  t.not(first('I open http://localhost:3000 in Chrome and it says the site cannot be reached. The server runs in a container.'), 'address')
  t.not(first('登录后显示：无法访问此网站 localhost 拒绝了我们的连接请求。'), 'address')
  // Rule evidence (a code) is a failure even in prose without a failure word.
  t.not(first('Our client logs ECONNRESET for 127.0.0.1:6379 every night at 2 am, then reconnects.'), 'address')
})

t.test('Dart\'s HttpException "Connection closed before full header was received" is a server that hung up (dart-lang/sdk http_parser.dart)', async (t) => {
  t.equal(first(quoted('quoted-seenickcode-tourismandco-1').text), 'hang-up')
  t.equal(first('DioException [unknown]: null\nError: HttpException: Connection closed before full body was received, uri = http://10.0.2.2:8000/api/items'), 'hang-up', 'the body form')
  t.equal(first('Unhandled Exception: HttpException: Connection closed while receiving data, uri = http://127.0.0.1:8080/stream'), 'hang-up', 'while receiving data')
})

t.test('the JDWP handshake\'s "connection prematurally closed" is a hang-up; "unrecognized message from target VM" is another protocol (openjdk/jdk SocketTransportService.java)', async (t) => {
  t.equal(first(quoted('quoted-jesusfreke-smali-569-2').text), 'hang-up')
  t.equal(first('java.io.IOException: handshake failed - connection prematurally closed\n\tat com.sun.tools.jdi.SocketTransportService.handshake(SocketTransportService.java:142)'), 'hang-up', 'jdb\'s own trace')
  t.equal(first('Unable to attach to localhost:5005: java.io.IOException: handshake failed - unrecognized message from target VM'), 'protocol-mismatch')
  // A TLS handshake that failed is still read as the TLS failure it is.
  t.not(first('SSL routines::wrong version number: handshake failed'), 'hang-up')
})

t.test('the Cassandra Java driver\'s "[host:port] Cannot connect" is a refusal; NoHostAvailableException lists it (apache/cassandra-java-driver)', async (t) => {
  for (const id of ['quoted-brianfrankcooper-ycsb-502-2', 'quoted-brianfrankcooper-ycsb-710']) t.equal(first(quoted(id).text), 'refused', id)
  t.equal(first('com.datastax.driver.core.exceptions.NoHostAvailableException: All host(s) tried for query failed (tried: cassandra/172.18.0.3:9042 (com.datastax.driver.core.exceptions.TransportException: [cassandra/172.18.0.3:9042] Cannot connect))'), 'refused', 'a host name in compose')
  // The load-balancing form names no host that failed to connect: not read as a refusal by this rule.
  t.not(first('com.datastax.driver.core.exceptions.NoHostAvailableException: All host(s) tried for query failed (no host was tried)'), 'refused')
})
