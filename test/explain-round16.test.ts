/**
 * The facts added after round 16's capture (data-clients: database, broker and RPC libraries from Debian's packages in
 * Python, Ruby, PHP and Perl, in their own words), each checked on the captured texts of the development split (read
 * by id; a test-split id throws), the wording in a form the corpus does not hold, and a look-alike.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const captured = (id: string): string => devEntry('data-clients', id).text

t.test('another protocol on the port, in the clients\' words', async (t) => {
  for (const id of ['python3-grpcio-to-http', 'python3-asyncpg-tls-to-plain', 'ruby-bunny-to-http', 'php-amqp-to-http', 'perl-redis-to-http', 'python3-pymemcache-to-http', 'python3-pymongo-to-http']) {
    t.equal(first(captured(id)), 'protocol-mismatch', id)
  }
  // pymongo read " 400" of an HTTP server's "HTTP/1.1 400 Bad Request" as the reply's id (little-endian).
  t.match(explain(captured('python3-pymongo-to-http')).candidates[0]?.because.map((b) => b.means).join('\n') ?? '', /part of an HTTP server's 400 Bad Request/)
  // A look-alike: an HTTP client's own 400 from an HTTP server is no other protocol.
  t.not(first("requests.exceptions.HTTPError: 400 Client Error: Bad Request for url: http://127.0.0.1:8000/api"), 'protocol-mismatch')
})

t.test('a server that closed before answering, a name that did not resolve, brokers that could not be reached', async (t) => {
  for (const id of ['python3-pymemcache-hang-up', 'python3-ldap3-hang-up', 'ruby-bunny-hang-up', 'perl-net-ssh2-hang-up-before-greeting']) t.equal(first(captured(id)), 'hang-up', id)
  for (const id of ['python3-cassandra-dns', 'python3-grpcio-dns', 'python3-ldap3-dns']) t.equal(first(captured(id)), 'dns', id)
  t.equal(first(captured('python3-kafka-refused-ipv4')), 'refused')
})

t.test('gRPC\'s "last error:" is the cause: a sure wording after it outweighs the frame around it', async (t) => {
  const text = 'grpc._channel._MultiThreadedRendezvous: <_MultiThreadedRendezvous of RPC that terminated with:\n\tstatus = StatusCode.UNAVAILABLE\n\tdetails = "failed to connect to all addresses; last error: INTERNAL: ipv4:127.0.0.1:50051: Trying to connect an http1.x server"'
  t.equal(first(text), 'protocol-mismatch')
  // With a refusal as its last error, the frame and its cause agree.
  t.equal(first('details = "failed to connect to all addresses; last error: UNKNOWN: ipv4:127.0.0.1:50051: Failed to connect to remote host: Connection refused"'), 'refused')
})
