/**
 * Status and error names that protocol documents and servers' sources define (Kafka's Errors.java, gRPC's status
 * codes, ZooKeeper's KeeperException, Redis's shared replies, Envoy's response flags) and clients' fixed sentences for
 * a failed connect (Reactor Netty, .NET's HttpClient, StackExchange.Redis, SqlClient), each in the form its program
 * prints it, with a look-alike it must leave alone. No corpus text holds most of them yet.
 */
import t from 'tap'
import { explain } from '../src/diagnose/explain/explain.js'
import type { Kind } from '../src/diagnose/explain/signatures.js'

const first = (text: string): Kind | undefined => explain(text).candidates[0]?.kind

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

t.test('clients\' fixed sentences for a connect or a handshake that failed, the reason after them', async (t) => {
  t.equal(first('reactor.netty.http.client.PrematureCloseException: Connection prematurely closed BEFORE response'), 'hang-up')
  t.equal(first('System.Net.Http.HttpRequestException: The SSL connection could not be established, see inner exception.\n ---> System.Security.Authentication.AuthenticationException: Authentication failed because the remote party sent a TLS alert: \'ProtocolVersion\'.'), 'protocol-mismatch')
  t.equal(first('StackExchange.Redis.RedisConnectionException: It was not possible to connect to the redis server(s). UnableToConnect on localhost:6379/Interactive'), 'refused')
  // SqlClient's sentence frames the SNI error after it: the reason decides when it names one.
  const framed = 'Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server. The server was not found or was not accessible. (provider: TCP Provider, error: 0 - No such host is known.)'
  t.equal(first(framed), 'dns')
  t.equal(first('Microsoft.Data.SqlClient.SqlException (0x80131904): A network-related or instance-specific error occurred while establishing a connection to SQL Server.'), 'refused')
  // A look-alike: nginx's upstream that closed early is its proxy's failure, not the client's hang-up.
  t.equal(first('upstream prematurely closed connection while reading response header from upstream, client: 127.0.0.1'), 'proxy')
})

t.test('kubectl port-forward to a pod that is not running yet is a server not ready (kubectl portforward.go)', async (t) => {
  t.equal(first('error: unable to forward port because pod is not running. Current status=Pending'), 'not-ready')
  // A look-alike: a forward whose pod runs but refuses inside is a refusal.
  t.equal(first('E1204 10:00:00.000000 1 portforward.go:409] an error occurred forwarding 8080 -> 80: error forwarding port 80 to pod abc, uid : failed to execute portforward in network namespace "/var/run/netns/cni-1": failed to connect to localhost:80 inside namespace "abc", IPv4: dial tcp4 127.0.0.1:80: connect: connection refused'), 'refused')
})
