/**
 * The facts added after round 17's captures (go-libraries and java-libraries: Go and Java client libraries from
 * Debian's golang-*-dev and lib*-java packages, in their own words), each checked on the captured texts of the development split (read by id; a test-split id
 * throws) and a look-alike the rule must leave alone.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const captured = (id: string): string => devEntry('go-libraries', id).text

t.test('Go libraries\' words for another protocol, a server that closed first, a refusal and a failed upgrade', async (t) => {
  for (const id of ['go-pgx-tls-to-plain', 'go-nats-ssh-banner', 'go-amqp091-to-http', 'go-gomemcache-to-http', 'go-gocql-to-http']) t.equal(first(captured(id)), 'protocol-mismatch', id)
  for (const id of ['go-pgx-hang-up', 'go-amqp091-hang-up', 'go-x-crypto-ssh-hang-up-before-greeting']) t.equal(first(captured(id)), 'hang-up', id)
  t.equal(first(captured('go-nats-refused-ipv4')), 'refused')
  t.equal(first(captured('go-x-net-websocket-ws-to-http-404')), 'websocket-handshake')
  // The Cassandra version byte: 72 is 'H', 83 'S'; a real version the driver does not speak is not read as another
  // protocol's first byte (only curl's "Unsupported protocol" words, at their own weight, still point at a mismatch).
  const version6 = explain('gocql: unable to dial control conn 127.0.0.1:9042: gocql: unsupported protocol response version: 6')
  t.ok((version6.candidates[0]?.confidence ?? 0) < 0.85, `version 6: ${version6.candidates[0]?.confidence}`)
  t.ok((explain(captured('go-gocql-to-http')).candidates[0]?.confidence ?? 0) >= 0.85, 'version 72: the sure reading')
  // pgconn's refusal to connect stays a refusal.
  t.equal(first('failed to connect to `host=127.0.0.1 user=app database=app`: dial error (dial tcp 127.0.0.1:5432: connect: connection refused)'), 'refused')
})

const java = (id: string): string => devEntry('java-libraries', id).text

t.test('Java libraries\' words for a server that closed first, an RMI port that speaks something else, a connect timeout', async (t) => {
  for (const id of ['java-jakarta-mail-smtp-hang-up-before-greeting', 'java-mongodb-driver-hang-up', 'java-rmi-registry-hang-up', 'java-jmx-rmi-hang-up']) t.equal(first(java(id)), 'hang-up', id)
  // The same RMI frame over a reset keeps its reset.
  t.equal(first(java('java-rmi-registry-reset')), 'reset')
  for (const id of ['java-rmi-registry-to-http', 'java-jmx-rmi-to-http']) t.equal(first(java(id)), 'protocol-mismatch', id)
  t.equal(first(java('java-jsch-timeout')), 'timeout')
})
