/**
 * The facts added after round 15's capture (npm-clients-2: Node libraries that print failures in their own words) and
 * agentkeepalive's code from an earlier round's misses, each checked on the captured texts of the development split
 * (read by id; a test-split id throws), the wording in a form the corpus does not hold, and a look-alike.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'
import { devEntry } from './corpus-entries.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind
const captured = (id: string): string => devEntry('npm-clients-2', id).text

t.test('a server that accepted and said nothing in time, in Node clients\' words', async (t) => {
  for (const id of ['node-mqtt-timeout', 'node-memjs-timeout', 'node-basic-ftp-timeout', 'node-nats-timeout']) t.equal(first(captured(id)), 'timeout', id)
  // agentkeepalive's code as pnpm logs it (quoted: pnpm/pnpm#6434).
  t.equal(first(devEntry('quoted-2', 'quoted-pnpm-pnpm-6434').text), 'timeout')
  t.equal(first('Error: Timeout (data socket)\n    at Socket.<anonymous> (node_modules/basic-ftp/dist/FtpContext.js:362:33)'), 'timeout')
  // A look-alike: a word "timeout" in a setting's name is no timeout.
  t.not(first('Error: connack timeout option must be a number'), 'timeout')
})

t.test('a server that closed before its greeting, in Node clients\' words', async (t) => {
  for (const id of ['node-amqplib-hang-up', 'node-basic-ftp-hang-up-before-greeting', 'node-nats-hang-up-before-greeting']) t.equal(first(captured(id)), 'hang-up', id)
  // nats.js's real refusal keeps its ECONNREFUSED cause and stays a refusal.
  t.equal(first(captured('node-nats-refused-ipv4')), 'refused')
})

t.test('names that did not resolve, servers that are not what the client expected, connects that do not say why', async (t) => {
  t.equal(first(captured('node-cassandra-driver-dns')), 'dns')
  t.equal(first(captured('node-elasticsearch-to-http')), 'protocol-mismatch')
  // amqplib read "P/1." of an HTTP status line as its frame size (AMQP's size is bytes 3 to 6 of a frame).
  t.equal(first(captured('node-amqplib-to-http')), 'protocol-mismatch')
  t.equal(first(captured('node-elasticsearch-refused-ipv4')), 'refused')
  // A look-alike: Cassandra's own NoHostAvailableError for hosts that resolved and refused is no name problem.
  t.not(first('NoHostAvailableError: All host(s) tried for query failed. First host tried, 127.0.0.1:9042: Error: connect ECONNREFUSED 127.0.0.1:9042'), 'dns')
})
