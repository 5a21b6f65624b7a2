/**
 * The facts added after round 15's capture (npm-clients-2: Node libraries that print failures in their own words), one
 * from an earlier round's misses and Kafka's protocol errors by name (no corpus text holds them yet), each checked on the captured texts of the development split (read by id; a
 * test-split id throws), the wording in a form the corpus does not hold, and a look-alike the rule must leave alone.
 */
import t from 'tap'
import net from 'node:net'
import { spawnSync } from 'node:child_process'
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

t.test('Kafka\'s protocol errors by name (apache/kafka Errors.java): a cluster not ready, a broker that hung up, a request that timed out', async (t) => {
  // As the Java producer logs a metadata answer for a topic whose leader is still being elected.
  t.equal(first('[Producer clientId=producer-1] Error while fetching metadata with correlation id 4 : {orders=LEADER_NOT_AVAILABLE}'), 'not-ready')
  t.equal(first('[Consumer clientId=c-1, groupId=g] Group coordinator lookup failed: The coordinator is not available. (COORDINATOR_NOT_AVAILABLE)'), 'not-ready')
  t.equal(first('[Producer clientId=p-1] Got error produce response with correlation id 7 on topic-partition orders-0, retrying (2 attempts left). Error: NETWORK_EXCEPTION'), 'hang-up')
  t.equal(first('[Producer clientId=p-1] Got error produce response on topic-partition orders-0, retrying. Error: REQUEST_TIMED_OUT'), 'timeout')
  // A look-alike: a topic that does not exist is no cluster starting up.
  t.not(first('[Producer clientId=p-1] Error while fetching metadata with correlation id 2 : {orders=UNKNOWN_TOPIC_OR_PARTITION}'), 'not-ready')
})

t.test('status names from protocol documents: gRPC DEADLINE_EXCEEDED, ZooKeeper ConnectionLoss, Redis CLUSTERDOWN, Envoy response flags', async (t) => {
  // grpc/grpc doc/statuscodes.md, code 4, as Python and Go print it.
  t.equal(first('grpc._channel._InactiveRpcError: <_InactiveRpcError of RPC that terminated with:\n\tstatus = StatusCode.DEADLINE_EXCEEDED\n\tdetails = "Deadline Exceeded"'), 'timeout')
  t.equal(first('rpc error: code = DeadlineExceeded desc = context deadline exceeded'), 'timeout')
  t.equal(first('org.apache.zookeeper.KeeperException$ConnectionLossException: KeeperErrorCode = ConnectionLoss for /brokers/ids'), 'hang-up')
  t.equal(first('(error) CLUSTERDOWN The cluster is down'), 'not-ready')
  // Envoy's default access log line with 503 UF (upstream connection failure), and the same line for a 200.
  const line = (status: string, flags: string): string => `[2024-05-01T10:00:00.000Z] "GET /api HTTP/1.1" ${status} ${flags} 0 91 3 - "-" "curl/8.5.0" "5f6c" "api.local" "10.1.2.3:8080"`
  t.equal(first(line('503', 'UF')), 'proxy')
  t.equal(first(line('504', 'UT')), 'proxy')
  t.not(first(line('200', '-')), 'proxy', 'a line that went well')
})

const sshHere = spawnSync('ssh', ['-V']).status === 0

t.test('OpenSSH names its endpoint as "host HOST port N": the real ssh against a port of ours just closed', { skip: !sshHere && 'no ssh client here (apt-get install -y openssh-client)' }, async (t) => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const run = spawnSync('ssh', ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=5', '-p', String(port), '127.0.0.1', 'true'], { encoding: 'utf8', timeout: 10_000 })
  t.match(run.stderr, `connect to host 127.0.0.1 port ${port}: Connection refused`, 'the real client\'s words')
  const answer = explain(run.stderr)
  t.equal(answer.candidates[0]?.kind, 'refused')
  t.same([answer.address, answer.port], ['127.0.0.1', port])
  // Its fatal lines name the endpoint the same way (packet.c).
  t.same(explain('Connection closed by 127.0.0.1 port 2222').port, 2222)
})

const ncHere = spawnSync('nc', ['-h']).stderr?.toString().includes('OpenBSD') ?? false

t.test('netcat\'s "connect to HOST port N (tcp) failed" and wget\'s "unable to resolve host address" name the endpoint', { skip: !ncHere && 'no OpenBSD netcat here (apt-get install -y netcat-openbsd)' }, async (t) => {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as net.AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  const run = spawnSync('nc', ['-v', '-w', '2', '127.0.0.1', String(port)], { encoding: 'utf8', timeout: 10_000, input: '' })
  t.match(run.stderr, `connect to 127.0.0.1 port ${port} (tcp) failed: Connection refused`, 'the real netcat\'s words')
  t.same([explain(run.stderr).address, explain(run.stderr).port], ['127.0.0.1', port])
  // captured: wget 1.21 against a name that does not resolve; the name is in its last line.
  t.equal(explain("wget: unable to resolve host address 'api.nosuchhost.invalid'").address, 'api.nosuchhost.invalid')
  t.equal(explain('wget: unable to resolve host address ‘db.internal’').address, 'db.internal')
})
