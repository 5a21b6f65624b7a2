/**
 * The signatures `explain` matches error text against: DATA, not code. One entry per kind (the kind ids are stable:
 * tests, docs, the dashboard and `--json` consumers rely on them), each with the scenario that reproduces it, a short
 * why, the fix, what tells it apart from its look-alikes, and the text patterns that are evidence for it.
 *
 * A pattern's `weight` (0..1) says how sure one match makes us: 1 for a message only that failure prints
 * (`ECONNREFUSED`, `[Errno 98]`), less for words several failures share (`timed out`, `Permission denied`).
 * Patterns are plain, linear regular expressions (no nested quantifiers): explain runs them on untrusted input.
 *
 * Text templates may use `{target}` (e.g. `127.0.0.1:5173`), `{port}` and `{host}`; explain fills them from what it
 * found in the text, or with a neutral phrase when the text named none.
 */

export const KINDS = [
  'refused',
  'localhost-ipv6',
  'port-in-use',
  'permission-denied',
  'reset',
  'hang-up',
  'timeout',
  'not-ready',
  'container-localhost',
  'address-not-available',
  'dns',
  'websocket-handshake',
  'websocket-abnormal-close',
  'proxy',
  'protocol-mismatch',
  'announcement',
  'address',
  'unknown',
] as const

export type Kind = typeof KINDS[number]

/**
 * Scenario ids of the catalogue (demos/index.ts), in its order; `npm run demo:<id>` reproduces each. Written out here
 * because nothing below the CLI imports demos/; test/catalogue.test.ts holds it to the catalogue, id for id.
 */
export type ScenarioId =
  | 'ephemeral' | 'refused' | 'port-in-use' | 'startup-race' | 'crash' | 'hung' | 'protocol-mismatch' | 'proxy'
  | 'localhost-ipv6' | 'dns' | 'container-localhost' | 'wrong-interface' | 'zero-address' | 'privileged-port'
  | 'port-exhaustion' | 'dns-rebinding' | 'websocket-handshake' | 'is-it-dangerous' | 'loopback-speed' | 'loopback-only'

export interface Pattern {
  re: RegExp
  weight: number
}

/** A different scenario (and wording) when the text shows a particular flavour of the failure. */
export interface Variant {
  when: RegExp
  scenario: ScenarioId
  why?: string
  fix?: string
}

export interface Signature {
  kind: Kind
  /** The scenario that reproduces this failure on real sockets. */
  scenario: ScenarioId
  /** One line, as a heading. */
  title: string
  why: string
  fix: string
  /** What would tell this cause apart from the look-alikes the text alone cannot rule out. */
  tellApart: string
  patterns: Pattern[]
  variants?: Variant[]
}

const p = (re: RegExp, weight = 1): Pattern => ({ re, weight })

export const SIGNATURES: readonly Signature[] = [
  {
    kind: 'refused',
    scenario: 'refused',
    title: 'Connection refused: nothing was listening there',
    why: 'The kernel answered at once with a reset: no program was listening on {target} at that moment. The service is not started, crashed, or listens on another port or address.',
    fix: 'Start the service (or check it did not crash at startup), and make the client use the exact host and port the service prints when it starts listening.',
    tellApart: 'Not started, not ready yet, or in a container? Probe it now (`localhost-lab explain --probe`, or `localhost-lab probe {target}`): still refused means nothing listens (not started, crashed, other port); open now means it was still starting when your client tried (wait for readiness); if the service runs in Docker, it must listen on 0.0.0.0 inside the container and the port must be published (`docker ps` shows 0.0.0.0:P->P/tcp).',
    variants: [
      {
        when: /\bfetch failed\b/,
        scenario: 'refused',
        why: 'Node\'s fetch reports every network failure as `fetch failed`; the reason is in the error\'s `cause` (printed as `[cause]: Error: connect ECONNREFUSED …`). When the text has only those two words, a refusal is the likeliest reason: nothing was listening on {target}. A name that did not resolve, or a timeout, are the next ones.',
        fix: 'Print the cause (`console.error(err.cause)`) and explain that line. If it is ECONNREFUSED: start the service, or use the exact host and port it prints when it starts listening.',
      },
    ],
    patterns: [
      p(/\bECONNREFUSED\b/),
      p(/connection refused/i),
      p(/\[Errno (?:111|61)\]|Errno::ECONNREFUSED|\bos error 111\b|errno = 111\b/),
      p(/\bWinError 10061\b|\bWSAECONNREFUSED\b|\(10061\)|\b10061\b/, 0.95),
      p(/actively refused/i),
      p(/\bERR_CONNECTION_REFUSED\b/),
      p(/kind: ConnectionRefused/),
      p(/Couldn't connect to server|curl: \(7\)/, 0.9),
      p(/Failed to connect to \S+ port \d+/, 0.6),
      p(/\bConnectException\b/, 0.75),
      p(/Can't connect to (?:MySQL |MariaDB )?server on/, 0.85),
      p(/Can't connect to local (?:MySQL |MariaDB )?server through socket/, 0.9),
      // MySQL clients connect to "localhost" through the server's Unix socket (PHP's mysqlnd, libmysqlclient): its file
      // missing (ENOENT, "No such file or directory") means no server is running there, like a refusal on TCP.
      p(/(?:mysqli_sql_exception|mysqli::real_connect\(\)|mysqli_connect\(\)|PDOException|SQLSTATE\[HY000\] \[2002\])[^\n]{0,80}?No such file or directory/, 0.85),
      p(/SQLSTATE\[HY000\] \[2002\]|\bERROR 200[23] \(HY000\)/, 0.85),
      p(/Is the server running (?:on that host|on host|locally)/, 0.85),
      p(/connection to server on socket "[^"\n]*" failed: No such file or directory/, 0.9),
      p(/No connection could be made because the target machine/i),
      // The same Windows message (10061) as localized builds print it.
      p(/积极拒绝|Zielcomputer die Verbindung verweigerte|expresamente dicha conexi[oó]n|l[’']a expressément refusée/),
      p(/(?:can[’']t|cannot|unable to) establish a connection to the server|\bUnable to connect\b/i, 0.7),
      // Bounded like every span here: an unbounded `[^\]\n]*` rescans the rest of the line from each occurrence.
      p(/failed to connect to server \[[^\]\n]{0,255}\] on first connect/, 0.8),
      p(/can't connect to remote host/i, 0.8),
      p(/\brefused to connect\b/),
      // A connection that failed without saying why: most often nothing was listening.
      p(/(?:can[’']t|cannot|could not|couldn[’']t|unable to|failed to) (?:reach|connect to|establish a connection)|could not be established|failed to connect to all addresses|No connection established/i, 0.6),
      p(/Failed to establish a new connection/, 0.6),
      // pgjdbc turns a java.net.ConnectException (the OS refused the connect) into "Connection to {host:port} refused.
      // Check that the hostname and port are correct and that the postmaster is accepting TCP/IP connections."; a
      // connect that timed out takes its IOException branch, "The connection attempt failed." (pgjdbc/pgjdbc 00974c4
      // pgjdbc/src/main/java/org/postgresql/core/v3/ConnectionFactoryImpl.java, openConnectionImpl).
      p(/\bConnection to \S{1,300} refused\b/, 0.9),
      // Kafka's NetworkClient logs a connect that never completed (channel state NOT_CONNECTED; its own comment calls
      // it the "'Connection Refused'" of a wrong bootstrap address, and a connect that outlived its setup timeout is
      // logged apart, "due to socket connection setup timeout") as "Connection to node {id} ({address}) could not be
      // established. Node may not be available." ("Broker may not be available." in older releases) (apache/kafka
      // 0025ade clients/src/main/java/org/apache/kafka/clients/NetworkClient.java, processDisconnection).
      p(/\bConnection to node -?\d{1,10} (?:\([^)\n]{0,300}\) )?could not be established\. (?:Node|Broker) may not be available/, 0.85),
      // The legacy Elasticsearch JS client (`elasticsearch` on npm, Kibana before 7.10) marks a pool connection dead on any
      // request error (a refused connect first of all: the log line before it reads "Request error, retrying ... connect
      // ECONNREFUSED") and logs "No living connections" once none is left (elastic/elasticsearch-js-legacy 0bc12e3
      // src/lib/transport.js, sendReqWithConnection): a connect that failed, in a word that does not say why.
      p(/\bNo [Ll]iving connections\b/, 0.55),
      // The WHATWG WebSocket's `error` event carries no reason (https://websockets.spec.whatwg.org/#feedback-from-the-protocol:
      // "fire an event named error"), so a logged ErrorEvent (Node 22+, Deno, browsers) says only that the socket
      // failed; nothing listening is the commonest reason, a rejected handshake the next.
      p(/\b(?:Error)?Event \{\s{0,20}(?:isTrusted: true,\s{0,20})?type: 'error'/, 0.5),
      p(/Connect call failed/, 0.8),
      // A driver's connection exception printed with no message at all (pika's bare `AMQPConnectionError` once its
      // only attempt failed): like the sentences above, a failure that does not say why, most often a refusal.
      p(/^[ \t]{0,8}[\w.]{0,100}?Connection(?:Error|Failure|Exception)$/m, 0.6),
      p(/connection was rejected|has not received any packets from the server/i, 0.8),
      // Node's fetch with its cause cut off: most often a refusal, also a name or a timeout (the cause says which).
      p(/\bfetch failed\b/, 0.55),
      // engine.io-client (under socket.io-client) reports a failed long-poll request as "xhr poll error" (a failed send
      // as "xhr post error"), the XMLHttpRequest's status and context beside it: a connect that does not say why
      // (socketio/engine.io-client 6ee02ac lib/transports/polling.ts, doPoll and doWrite; lib/transports/polling-xhr.js in 3.x).
      p(/\bxhr (?:poll|post) error\b/, 0.5),
      // @elastic/transport puts "connection failed (URL)" where Node's error had no message (an AggregateError of every
      // address refused): a connect that does not say why (@elastic/transport 9.4.0 lib/Transport.js).
      p(/\bConnectionError: connection failed\b/, 0.55),
      // kafka-python when no bootstrap broker could be connected to (kafka/client_async.py, check_version): a refusal or a
      // connect that timed out, its cause not printed.
      p(/\bNoBrokersAvailable\b/, 0.55),
      // nats.go replaces a dial error that says "connection refused" with ErrNoServers, "nats: no servers available for
      // connection" (nats.go, createConn/processConnectInit): a refusal as often as not, in its words.
      p(/\bnats: no servers available for connection\b/, 0.7),
      // Windows' ERROR_CONNECTION_REFUSED (1225, winerror.h), the system error (not Winsock's 10061) that Dart's and
      // .NET's Windows I/O report: "The remote computer refused the network connection."
      p(/\bThe remote computer refused the network connection\b|\bERROR_CONNECTION_REFUSED\b/, 0.9),
      // .NET clients' sentences for a connect that failed, the reason after them or in the inner exception:
      // StackExchange.Redis ("It was not possible to connect to the redis server(s)", src/StackExchange.Redis/ExceptionFactory.cs,
      // UnableToConnect) and Microsoft.Data.SqlClient ("A network-related or instance-specific error occurred while
      // establishing a connection to SQL Server", the sentence dotnet/SqlClient's Strings.resx wraps every SNI error in).
      p(/\bIt was not possible to connect to the redis server|\bA network-related or instance-specific error (?:has )?occurred while establishing a connection to SQL Server/, 0.55),
      // Prisma's P1001 "Can't reach database server at {host}:{port}" (prisma docs, orm/reference/error-reference#p1001).
      p(/\bP1001\b/, 0.7),
      // "was refused" after the connection it names: kubectl's "The connection to the server HOST:PORT was refused - did
      // you specify the right host or port?" (kubernetes/kubernetes#44665), and any "the connection was refused".
      p(/\bconnection\b[^\n]{0,120}?\bwas refused\b/i, 0.85),
      // gRPC's UNAVAILABLE (14) with no detail: the library's code for a server it could not reach or that went away
      // ("Server shutting down", "connection breaks": grpc/grpc doc/statuscodes.md @ 0276060); old Python clients add only
      // "Connect Failed". Like the sentences above, a connect that does not say why: a refusal first.
      p(/\bStatusCode\.UNAVAILABLE\b|\bStatusRuntimeException: UNAVAILABLE\b|\bcode = Unavailable\b|\bConnect Failed\b|\bAll connection attempts failed\b/, 0.6),
      // The DataStax (now Apache Cassandra) Java driver 3.x: its TransportException "[host:port] Cannot connect" is the
      // socket connect that failed (Connection.java, apache/cassandra-java-driver 12be43f); NoHostAvailableException's
      // "All host(s) tried for query failed (tried: …)" lists each contact point with its error (55f2ab3), not always a
      // connect ("(no host was tried)" is the load-balancing policy's, and is left out).
      p(/\] Cannot connect\b/, 0.8),
      p(/All host\(s\) tried for query failed \(tried:/, 0.5),
    ],
  },
  {
    kind: 'localhost-ipv6',
    scenario: 'localhost-ipv6',
    title: '`localhost` meant ::1, but the server listens on 127.0.0.1 only (or the reverse)',
    why: '`localhost` is a name with two addresses: 127.0.0.1 (IPv4) and ::1 (IPv6). Your client tried ::1 (Node 17+ and many tools take the resolver\'s order as is), while the server listens on 127.0.0.1 only, so the IPv6 attempt was refused.',
    fix: 'Point the client at 127.0.0.1 explicitly (not `localhost`), or make the server listen on both (`::` with dual-stack, or both addresses). In Node: `--dns-result-order=ipv4first`, or keep Happy Eyeballs (`autoSelectFamily`) on so it falls back to 127.0.0.1.',
    tellApart: 'Which family does the server listen on? `localhost-lab ports {port}` (or `ss -ltn` / `netstat -an`) shows 127.0.0.1 vs ::1 vs 0.0.0.0/::. Listening on 127.0.0.1 only while the client tried ::1 is this case; nothing listening on either family means it is simply not running.',
    variants: [
      {
        // The reverse: the server announced ::1 only, and the client tried 127.0.0.1.
        when: /\b(?:listening|listens|running|serving|Local:)[^\n]{0,80}?(?:\[::1\]|\s::1:\d)[^\n]*\n[\s\S]{0,4000}?(?:ECONNREFUSED|[Cc]onnection refused)[^\n]{0,40}?127\.0\.0\.1/,
        scenario: 'localhost-ipv6',
        why: 'The server announced that it listens on ::1 (IPv6) only, and your client tried 127.0.0.1 (IPv4), where nothing listens: `localhost` names both, and each side picked a different one.',
        fix: 'Make the server listen on both families (`::` with dual-stack, or 127.0.0.1 and ::1: in Node, `listen({ host: \'::\' })`), or point the client at [::1] (or at `localhost` with a client that tries both).',
      },
    ],
    patterns: [
      p(/dns-result-order|ipv4first|autoSelectFamily|network-family-autoselection/, 0.4),
    ],
  },
  {
    kind: 'port-in-use',
    scenario: 'port-in-use',
    title: 'Address already in use: another listener holds that port',
    why: 'Only one listener can own an address and port. Another process (often an earlier run of the same app that is still alive) already listens on {target}.',
    fix: 'Find and stop the owner (`localhost-lab ports {port}`, `ss -ltnp`, `lsof -i :{port}`, Windows: `netstat -ano | findstr :{port}`), or listen on port 0 and read the port the OS assigned, or pick the next free port.',
    tellApart: 'Who holds it? `localhost-lab ports {port}` shows the owning process. Your own previous run still alive is the usual answer; a 0.0.0.0 listener also blocks 127.0.0.1 on the same port.',
    patterns: [
      p(/\bEADDRINUSE\b/),
      p(/address already in use/i),
      p(/\[Errno (?:98|48)\]|\bos error 98\b|\bErrno::EADDRINUSE\b|\bWSAEADDRINUSE\b|\(10048\)|\[WinError 10048\]/),
      p(/Only one usage of each socket address/i),
      p(/每个套接字地址|jede Socketadresse/),
      p(/port is already allocated/),
      p(/\bPort \d+ (?:is|was) (?:already )?in use\b|\bport already in use\b/i),
      p(/Something is already running on port/),
      p(/kind: AddrInUse|AddressInUseException|PortInUseException/),
      p(/\bfailed \(98: /),
      p(/still could not bind\(\)/, 0.8),
      p(/\bBindException\b/, 0.6),
      p(/\balready in use\b/i, 0.8),
      p(/The port may already be in use/, 0.9),
      p(/could not bind (?:IPv4|IPv6) address/, 0.8),
      p(/Ports are not available/, 0.5),
      // Tools that look for a free port and give up (gradio-app/gradio gradio/networking.py get_first_available_port:
      // "All ports from {initial} to {final} are in use. Please close a port."), and BSD-style "Address in use".
      p(/All ports from \d+ to \d+ are in use/),
      p(/\bAddress in use\b/, 0.85),
      // A server that says only that its listening socket could not be made (tinyproxy 1.11: "Could not create
      // listening sockets."; the same sentence for every bind failure): a taken port is the likeliest.
      p(/\bCould not create (?:the )?listening sockets?\b/i, 0.7),
      // The reason in parentheses after a failed listener: unicorn's "adding listener failed addr=0.0.0.0:3000 (in use)"
      // (travis-ci/travis-api#150), the same server's earlier "listening on" lines notwithstanding.
      p(/\blistener failed\b[^\n]{0,120}?\(in use\)/i, 0.9),
    ],
  },
  {
    kind: 'permission-denied',
    scenario: 'privileged-port',
    title: 'Permission denied: this process may not listen on that port',
    why: 'Ports below 1024 are privileged on Linux and macOS: an ordinary user may not listen on them (port {port} here). On Windows, a port inside a range the system reserved (Hyper-V, WSL, Docker) gives the same "forbidden by its access permissions".',
    fix: 'Use a port >= 1024 (put a reverse proxy on 80/443 if you need them), or grant the capability (`setcap cap_net_bind_service=+ep $(which node)`) or lower `net.ipv4.ip_unprivileged_port_start`. On Windows, check `netsh interface ipv4 show excludedportrange protocol=tcp` and choose a port outside those ranges.',
    tellApart: 'Port below 1024: privilege (`sysctl net.ipv4.ip_unprivileged_port_start`). A high port on Windows: an excluded port range. A file path in the message: file permissions, not the network.',
    patterns: [
      p(/\blisten EACCES\b|\bbind EACCES\b|EACCES: permission denied \S*:\d+/),
      p(/\bEACCES\b[^\n]{0,60}?\d:\d{1,5}\b/, 0.9),
      // A bare EACCES is as often a file (npm, open, mkdir) as a port: not enough on its own.
      p(/\bEACCES\b/, 0.45),
      p(/bind: permission denied|bind\(\) to \S+ failed \(13: /i),
      p(/forbidden by its access permissions/i),
      p(/访问权限不允许的方式/),
      p(/\bWSAEACCES\b|\(10013\)|\[WinError 10013\]/),
      p(/BindException: Permission denied/),
      p(/kind: PermissionDenied|\bos error 13\b/, 0.9),
      p(/\[Errno 13\] Permission denied(?!: ')/, 0.9),
      // Node refuses an --inspect port below 1024 itself (captured: node v20 `node --inspect=127.0.0.1:80`).
      p(/must be 0 or in range 1024 to 65535/, 0.8),
      p(/Permission denied/, 0.45),
      // An SSH server that refuses a forwarded channel by policy (AllowTcpForwarding no, PermitOpen): RFC 4254 §5.1's
      // SSH_OPEN_ADMINISTRATIVELY_PROHIBITED, which ssh prints as "channel %d: open failed: administratively prohibited"
      // (openssh-client 1:9.2p1-2+deb12u6, /usr/bin/ssh). No kind is a policy; a refusal by permission is the nearest.
      p(/\badministratively prohibited\b/, 0.9),
    ],
  },
  {
    kind: 'reset',
    scenario: 'crash',
    title: 'Connection reset by peer: the other side aborted the connection',
    why: 'The connection was open, then the other side answered with a TCP reset (RST) instead of a normal close: the process crashed or was killed mid-conversation, closed the socket with unread data, or a proxy in between gave up.',
    fix: 'Look at the server\'s log at that moment (a crash, an out-of-memory kill, a restart). Make the client retry idempotent requests; for keep-alive pools, set the client\'s idle timeout below the server\'s.',
    tellApart: 'Every request, or only some? Every time (even the first): a published Docker port whose app listens on 127.0.0.1 inside the container, or a TLS/plain mismatch. Only some: a crash or a keep-alive timeout race. The server log at that timestamp tells which.',
    patterns: [
      p(/\bECONNRESET\b/),
      p(/connection reset by peer/i),
      p(/\bconnection (?:was )?reset\b/i, 0.9),
      p(/\[Errno (?:104|54)\]|\bos error 104\b|Errno::ECONNRESET|\bConnectionResetError\b/),
      p(/forcibly closed by the remote host/i),
      p(/\bWSAECONNRESET\b|\(10054\)|\[WinError 10054\]/),
      p(/kind: ConnectionReset/),
      p(/\bERR_CONNECTION_RESET\b/),
      p(/curl: \(56\)|Recv failure/, 0.9),
      p(/\bEPIPE\b|Broken pipe/, 0.6),
      p(/\bECONNABORTED\b|established connection was aborted/i, 0.6),
      // phpredis' "socket error on read socket": its read failed on an open connection (the capture saw it for a RST;
      // its FIN reads "Connection lost"). Links' "Error reading from socket" is left out: there it was a FIN.
      p(/\bsocket error on read\b/i, 0.7),
      // apt's http method appends "[IP: ADDR PORT]" to an error only once it had connected (apt 2.6.1,
      // /usr/lib/apt/methods/http: "[IP: %s %s]", French "[IP : %s %s]"); in any language its "Connection failed" then means the server
      // dropped the connection (apt prints it for a reset and a FIN alike). An HTTP status before it is no failure of the connection.
      p(/(?<!\b\d{3} {1,2}[^\n[]{0,80})\[IP[ \u00a0\u202f]?: [\da-fA-F.:]{2,45} \d{1,5}\]/, 0.55),
    ],
  },
  {
    kind: 'hang-up',
    scenario: 'crash',
    title: 'Socket hang up / empty reply: the server closed without answering',
    why: 'The connection was accepted, then closed (a clean FIN) before any response arrived: the service crashed or exited mid-request, closed idle keep-alive sockets, or something in front of it accepted the connection and had nowhere to send it.',
    fix: 'Check the server\'s log for a crash or restart at that moment; retry idempotent requests; keep the client\'s keep-alive idle timeout below the server\'s. If it happens on every request, look for a Docker published port to an app bound to 127.0.0.1 inside the container, or TLS vs plain HTTP.',
    tellApart: 'On every request: a port forward with nothing behind it (Docker, a proxy) or a protocol mismatch. Now and then: a crash, a restart, or an idle keep-alive socket the server had just closed.',
    patterns: [
      // Haskell's http-client prints its HttpExceptionContent constructor after the request: NoResponseDataReceived, the
      // server sent nothing at all; IncompleteHeaders and ResponseBodyTooShort, it closed mid-response
      // (snoyberg/http-client 0956c5c http-client/Network/HTTP/Client/Types.hs).
      p(/\bNoResponseDataReceived\b/, 0.85),
      p(/\bIncompleteHeaders\b|\bResponseBodyTooShort\b/, 0.7),
      p(/socket hang up/i),
      // The server closed before its greeting, in Node clients' words: amqplib's "Socket closed abruptly during opening
      // handshake" (amqplib 2.3.1 lib/connection.js), basic-ftp's "Server sent FIN packet unexpectedly" (basic-ftp 6.2.6
      // dist/FtpContext.js), and nats.js's stand-in cause when the socket closed without an error, "node provided an
      // undefined error!", under a CONNECTION_REFUSED that is no refusal (nats 2.29.3 lib/src/node_transport.js).
      p(/\bSocket closed abruptly during opening handshake\b|\bServer sent FIN packet unexpectedly\b|\bnode provided an undefined error!/, 0.9),
      // Kafka's protocol error 13, NETWORK_EXCEPTION: "The server disconnected before a response was received." (apache/kafka
      // 2712661 clients/src/main/java/org/apache/kafka/common/protocol/Errors.java), as producers log it by name.
      p(/\bNETWORK_EXCEPTION\b/, 0.8),
      // Reactor Netty (Spring WebClient, Spring Cloud Gateway): the connection closed before, or while, the response came
      // (reactor/reactor-netty reactor-netty-http/src/main/java/reactor/netty/http/client/PrematureCloseException.java).
      p(/\bPrematureCloseException\b|\bConnection prematurely closed (?:BEFORE|DURING) response\b/, 0.85),
      // Round 16's clients whose server closed before answering: pymemcache's MemcacheUnexpectedCloseError
      // (pymemcache/client/base.py), ldap3's "session terminated by server" (ldap3/strategy/base.py), amq-protocol's
      // "Empty response received from the server." (lib/amq/protocol/exceptions.rb) and libssh2's
      // LIBSSH2_ERROR_SOCKET_DISCONNECT (libssh2 1.10.0, as Net::SSH2 prints it).
      p(/\bMemcacheUnexpectedCloseError\b|\bsession terminated by server\b|\bEmpty response received from the server\b|\bLIBSSH2_ERROR_SOCKET_DISCONNECT\b/, 0.85),
      // Round 17's Go libraries when the server closed first: pgconn's "failed to receive message (unexpected EOF)" (jackc/pgconn
      // pgconn.go, after its "failed to connect to" frame), amqp091-go's `Exception (501) Reason: "EOF"` (connection.go
      // wraps every read error as a frame error), x/crypto/ssh's "ssh: handshake failed: EOF" (ssh/client.go NewClientConn).
      p(/\bfailed to receive message \(unexpected EOF\)|\bException \(501\) Reason: "EOF"|\bssh: handshake failed: EOF\b/, 0.9),
      // Round 17's Java libraries when the server closed first (Debian's jars; the class that throws): Jakarta Mail's
      // "Got bad greeting from SMTP host: …, response: [EOF]" (com.sun.mail.smtp.SMTPTransport.openServer), the MongoDB
      // driver's MongoSocketReadException "Prematurely reached end of stream" (inside its server-selection timeout: the
      // monitor's last error); RMI's "error during JRMP connection establishment; nested exception is: …" frames its
      // cause (sun.rmi.transport.tcp.TCPChannel.createConnection), most often an EOFException, so it weighs less than a
      // cause that says otherwise (a reset).
      p(/\bresponse: \[EOF\]|\bPrematurely reached end of stream\b/, 0.9),
      p(/\berror during JRMP connection establishment\b/, 0.75),
      // ZooKeeper's CONNECTIONLOSS (-4), "KeeperErrorCode = ConnectionLoss": the client's connection to the ensemble was
      // lost, or not made again within the session's time (apache/zookeeper KeeperException.java, Code.CONNECTIONLOSS).
      p(/\bKeeperErrorCode = ConnectionLoss\b|\bConnectionLossException\b/, 0.6),
      p(/other side closed/),
      p(/\bUND_ERR_SOCKET\b/, 0.8),
      p(/Empty reply from server|curl: \(52\)/),
      // Clients' words for "connected, then the server closed without a byte" (wget, httpx, aiohttp, asyncio, aria2, Perl).
      p(/No data received|Server disconnected|closed the connection without (?:a reply|sending)|Got EOF from the server|Unexpected end of stream/i, 0.9),
      p(/IncompleteReadError: 0 bytes read|\b0 bytes received\b|no reply: connection closed|did not see server greeting/, 0.8),
      p(/unexpectedly dropped the connection|The last packet successfully received from the server was/, 0.9),
      p(/\bend of file reached\b|\bEOFError\b|\bconnection (?:was )?closed\b|\bsocket closed\b|\bclosed by (?:the )?(?:remote|peer|server)\b/i, 0.7),
      p(/\bERR_EMPTY_RESPONSE\b/),
      p(/Unexpected end of file from server/),
      // Apache HttpClient's NoHttpResponseException, as Maven and other Java tools print it: "HOST:PORT failed to
      // respond", "The target server failed to respond" (libwagon-http-shaded-java 3.5.3-1, /usr/share/java/wagon-http-shaded-3.5.3.jar,
      // its shaded httpclient's DefaultHttpResponseParser and NoHttpResponseException): the connection closed first.
      p(/(?::\d{1,5}|\btarget server|\bserver) failed to respond\b/, 0.85),
      p(/Remote end closed connection without response|\bRemoteDisconnected\b/),
      // GStreamer's souphttpsrc says "A network error occurred, or the server closed the connection unexpectedly." for
      // every libsoup I/O error (a timeout too; the reason is on its debug line): an either-or, not libpq's sentence.
      p(/(?<!, or the )server closed the connection unexpectedly/i),
      p(/Server closed the connection/),
      p(/header parser received no bytes/),
      p(/Lost connection to (?:MySQL |MariaDB )?server/, 0.9),
      p(/connection closed before message completed|IncompleteMessage/),
      p(/\bunexpected EOF\b|: EOF\s*$|\bEOFError\b|\bEOF occurred\b/im, 0.8),
      // A server that closed before its first reply, in the mail and VCS clients' words: msmtp's "the server sent an
      // empty reply", serf's (Subversion's) "The server unexpectedly closed the connection.", smtplib's "Connection
      // unexpectedly closed", poplib's "-ERR EOF". Both orders of the words, and "empty reply/response" from any client.
      p(/\b(?:unexpectedly closed|closed unexpectedly)\b|\bsent an empty (?:reply|response)\b|: -ERR EOF\s*$/im, 0.85),
      p(/Connection closed by (?:foreign host|remote host|peer|server)/i, 0.8),
      // The peer went away, in the words of clients that do not say how: websocket-client's "Connection to remote
      // host was lost.", libmosquitto's "The connection was lost.", kafkajs' "Closed connection", MongoDB's
      // "connection <monitor> to HOST:PORT closed". A FIN most often; a reset reads the same.
      p(/\bconnection (?:to [^\n]{1,100}? )?(?:was |has been )?lost\b|\bclosed connection\b|\bconnection\b[^\n]{0,40}? to \S{1,100} closed\b/i, 0.75),
      p(/\bERR_CONNECTION_CLOSED\b/, 0.9),
      p(/\bIncompleteRead\b|Premature close|premature close/, 0.75),
      p(/TypeError: terminated/, 0.7),
      p(/Connection aborted\./, 0.6),
      p(/socket disconnected before secure TLS connection was established/, 0.8),
      // Erlang/Elixir httpc's failed_connect with the socket closed by the peer: `{:inet, [:inet], :closed}`. A bare
      // `{error,closed}` is left out: the capture saw gen_tcp print it for a reset (RST) as well.
      p(/\{:?failed_connect,[^\n]{0,200}\{:?inet6?, ?\[:?inet6?\], ?:?closed\}/, 0.85),
      // The transport reported end of stream (pika: "StreamLostError: ('Transport indicated EOF',)").
      p(/\bStreamLostError\b|\bTransport indicated EOF\b/i, 0.8),
      // ApacheBench counts a connection closed without a byte as a complete request of 0 bytes: its summary then
      // says "Total transferred: 0 bytes" (an HTTP answer has at least a status line).
      p(/^Total transferred:\s+0 bytes$/m, 0.6),
      // Go's io.EOF ("EOF", golang/go src/io/io.go) ends a wrapped error when the peer closed the connection; a
      // structured log quotes the error, so the word is followed by its closing quote, not by the end of the line.
      p(/: EOF(?=["')\]])/, 0.8),
      // libvirt's RPC client when recv() returned 0 ("End of file while reading data", with EIO's text after it; a
      // failed recv() is "Cannot recv data" and the errno's text): the daemon, or whatever listened, closed first
      // (libvirt/libvirt 018044c src/rpc/virnetsocket.c, virNetSocketReadWire). virsh prints it in English in every locale.
      p(/\bEnd of file while reading data\b/, 0.85),
      // ffmpeg's AVERROR_EOF ("End of file", FFmpeg libavutil/error.c; libavutil57 7:5.1.9) after the URL it opened:
      // the server closed before the first byte of its answer (captured: ffprobe on http://, ffmpeg on rtmp://).
      p(/^(?:https?|tcp|tls|rtmps?|rtsp|ftp):\/\/\S+: End of file$/m, 0.85),
      // Python's http.client raises RemoteDisconnected (no byte before the status line) as a BadStatusLine whose line
      // is repr('') (Lib/http/client.py); Mercurial prints that line in its own words, "bad HTTP status line: %s",
      // translated or not (hg.mo keeps "HTTP" in every language: "不正な HTTP ステータス行", "linha de status HTTP ruim").
      p(/\bHTTP\b[^\n:]{0,30}: ''$/m, 0.85),
      // LuaSocket's words for ECONNRESET, ECONNABORTED and a read at end of stream are all "closed" (src/pierror.h,
      // src/io.c; lua-socket 3.1.0), as a Lua error ends with it: a FIN most often, a reset reads the same.
      p(/(?:\.lua|\(command line\)):\d+: closed$/m, 0.75),
    ],
  },
  {
    kind: 'timeout',
    scenario: 'hung',
    title: 'Timed out or unreachable: no answer from that address',
    why: 'Nothing came back before the client gave up. A connect timeout means no answer to the connection attempt at all (the address drops packets: a firewall, a wrong or unreachable address, a listener whose accept queue is full; EHOSTUNREACH/ENETUNREACH say so at once); a read or response timeout means it connected and the service never answered (hung, deadlocked, or much slower than the timeout).',
    fix: 'For a connect timeout, check the address is the one the service listens on and reachable from here (firewall, VPN, container network). For a response timeout, look at what the service is doing (blocked event loop, deadlock, slow query) and give clients a deliberate timeout plus a retry with backoff.',
    tellApart: 'Which phase? "connect" / "Connect Timeout" / "timeout expired" while connecting: nothing answered at all (address, firewall, full accept queue). "read" / "headers" / "request" timed out: it connected and then hung. A refused would have been instant; a timeout waits.',
    patterns: [
      // Haskell's http-client: ConnectionTimeout (the connect) and ResponseTimeout (the answer) (snoyberg/http-client
      // 0956c5c http-client/Network/HTTP/Client/Types.hs).
      p(/\b(?:ConnectionTimeout|ResponseTimeout)\b/, 0.8),
      p(/\bETIMEDOUT\b|\bESOCKETTIMEDOUT\b/),
      // agentkeepalive (the HTTP agent of pnpm, cnpm and urllib) destroys a socket idle past its timeout with "Socket
      // timeout", code ERR_SOCKET_TIMEOUT (node-modules/agentkeepalive lib/agent.js, installTimeout's listener).
      p(/\bERR_SOCKET_TIMEOUT\b/, 0.85),
      // Kafka's protocol error 7, REQUEST_TIMED_OUT (apache/kafka 2712661 Errors.java, as above).
      p(/\bREQUEST_TIMED_OUT\b/, 0.8),
      // JSch's connect that did not complete within its timeout: "timeout: socket is not established"
      // (libjsch-java 0.1.55, com.jcraft.jsch.Util.createSocket).
      p(/\btimeout: socket is not established\b/, 0.85),
      // A gen_server call that got no answer in time exits with {timeout, {gen_server, call, [Server, Request, Timeout]}}
      // (Erlang/OTP gen_server:call/3); Elixir prints the same exit as "** (EXIT) time out". A pool checkout, a client
      // call or a database query that waited too long.
      p(/\{:?timeout, ?\{:?gen_server, ?:?call\b|\(EXIT\) time out\b/, 0.75),
      // gRPC status 4, DEADLINE_EXCEEDED, as each language prints it: "4 DEADLINE_EXCEEDED" (Node), StatusCode.DEADLINE_EXCEEDED
      // (Python), "DEADLINE_EXCEEDED: deadline exceeded after …" (Java), "code = DeadlineExceeded" (Go) (grpc/grpc
      // doc/statuscodes.md: the deadline expired before the operation could complete).
      p(/\bDEADLINE_EXCEEDED\b|\bcode = DeadlineExceeded\b/, 0.85),
      // Node clients' own words for a server that accepted and then said nothing in time (npm packages, the path inside
      // each): MQTT.js's "connack timeout" (mqtt 5.16.0 build/lib/client.js, the broker never sent CONNACK), memjs's
      // "socket timed out connecting to server." (memjs 1.3.2 lib/memjs/server.js), basic-ftp's "Timeout (control
      // socket)" (basic-ftp 6.2.6 dist/FtpContext.js) and nats.js's NatsError TIMEOUT (nats 2.29.3
      // lib/nats-base-client/util.js, the dial's timer).
      p(/\bconnack timeout(?=$|['"])|\bsocket timed out connecting to server\b|\bTimeout \((?:control|data) socket\)|\bNatsError: TIMEOUT\b/m, 0.85),
      p(/Timeout was reached|curl: \(28\)|Operation timed out/),
      // "Timeout while connecting" and the like: libmpdclient's words (libmpdclient2 2.20-1,
      // /usr/lib/x86_64-linux-gnu/libmpdclient.so.2), and the same order of words in other clients.
      p(/\btime-?out (?:while|when) (?:connecting|reading|waiting|receiving|sending)\b/i, 0.9),
      p(/\bNcat: TIMEOUT\b|timeout waiting for|errorCode=2 Timeout/, 0.9),
      p(/\bTimeout occurred\b/, 0.9),
      // LuaSocket's word for ETIMEDOUT and for its own settimeout() running out is "timeout" (src/pierror.h, src/io.c;
      // lua-socket 3.1.0), as a Lua error ends with it.
      p(/(?:\.lua|\(command line\)):\d+: timeout$/m, 0.85),
      p(/\bfetch failed\b/, 0.5),
      // client-go ends its retries with "context deadline exceeded - error from a previous attempt: CAUSE"
      // (kubernetes/client-go rest/with_retry.go @ 32ce75a7d6bc6960fd048d3d1e3b34185418d8c8, wrapPreviousError): the
      // deadline is its retry budget, the failure is the cause after it.
      p(/i\/o timeout|context deadline exceeded(?! - error from a previous attempt: )|Client\.Timeout exceeded/),
      p(/SocketTimeoutException|HttpConnectTimeoutException|HttpTimeoutException|ConnectTimeoutException/),
      p(/\bTimeoutException\b/, 0.9),
      p(/ConnectTimeoutError|HeadersTimeoutError|BodyTimeoutError|UND_ERR_(?:CONNECT|HEADERS|BODY)_TIMEOUT/),
      p(/The operation was aborted due to timeout|\bTimeoutError\b/, 0.95),
      p(/\bReadTimeout(?:Error)?\b|\bConnectTimeout\b|\bsocket\.timeout\b/),
      p(/\[Errno (?:110|60)\]|\bos error 110\b|system error: 110\b|\(110: Connection timed out\)/),
      p(/\bWSAETIMEDOUT\b|\(10060\)|\[WinError 10060\]|did not properly respond after a period of time/),
      p(/kind: TimedOut|\bconnection timed out\b|Connection timed out|Connect timed out|Read timed out/i),
      p(/timeout expired/),
      p(/\bERR_(?:CONNECTION_)?TIMED_OUT\b/),
      p(/kind: WouldBlock|Resource temporarily unavailable \(os error 11\)/, 0.85),
      p(/\btimed out\b/i, 0.7),
      p(/\btimeout of \d+ ?ms exceeded\b/i),
      // GIO's G_IO_ERROR_TIMED_OUT text for a socket (glib20 catalogue, libglib2.0-data 2.74.6-2+deb12u8: "Socket I/O timed out"), as every
      // GIO program prints it (GStreamer's souphttpsrc and tcpclientsrc here); its translations come from that catalogue.
      p(/\bSocket I\/O timed out\b/, 0.95),
      // "<what> timeout" as a message of its own (kafkajs' "Connection timeout", node-fetch's "network timeout at:"),
      // and an error whose whole message is the word (socket.io-client's `Error: timeout`).
      p(/\b(?:connection|connect|socket|request|read|handshake|network|response) timeout\b/i, 0.85),
      p(/^\w*Error: timeout\.?$/m, 0.8),
      // APR's APR_TIMEUP, as ApacheBench prints it ("apr_pollset_poll: The timeout specified has expired (70007)").
      p(/\bThe timeout specified has expired\b|\(70007\)/, 0.9),
      // A "can't connect" sentence whose cause in parentheses is the timeout (PyMySQL's 2003 "... on 'HOST' (timed
      // out)", MySQL's "(110)", Windows' "(10060)"): the cause outranks the sentence's usual refusal.
      p(/Can't connect to (?:MySQL |MariaDB )?server on [^\n]{0,300}?\((?:timed out|110|10060)\)/, 0.95),
      p(/\bEHOSTUNREACH\b|\bENETUNREACH\b|No route to host|Network is unreachable|\[Errno (?:113|101)\]/, 0.6),
    ],
  },
  {
    kind: 'not-ready',
    scenario: 'startup-race',
    title: 'Not ready yet: the client was faster than the service\'s startup',
    why: 'The client tried before the service was ready: the port was not listening yet, or it was listening but still starting up (loading data, running migrations). Starting two things "at the same time" makes the order a race.',
    fix: 'Wait for readiness, not for a fixed time: retry with backoff and an overall deadline (wait-on, `depends_on: condition: service_healthy`), and define ready as "answers a health check", not just "port open".',
    tellApart: 'Try again a few seconds later: if it now answers, it was the startup race. If it never answers, the service is not starting at all (look at its log).',
    patterns: [
      // Kafka's protocol errors for a cluster that is up but not ready: no partition leader elected yet, a coordinator
      // not found or still loading (apache/kafka 2712661 clients/src/main/java/org/apache/kafka/common/protocol/Errors.java,
      // codes 5, 14 and 15; COORDINATOR_* are the later names of GROUP_COORDINATOR_NOT_AVAILABLE and GROUP_LOAD_IN_PROGRESS).
      p(/\b(?:LEADER_NOT_AVAILABLE|(?:GROUP_)?COORDINATOR_NOT_AVAILABLE|(?:GROUP|COORDINATOR)_LOAD_IN_PROGRESS)\b|\b(?:LeaderNotAvailable|(?:Group)?CoordinatorNotAvailable)Exception\b/, 0.75),
      p(/the database system is starting up|the database system is not yet accepting connections/),
      p(/\bLOADING\b[^\n]{0,100}loading the dataset/),
      // Redis up but not serving: a cluster without all its slots covered ("-CLUSTERDOWN The cluster is down", redis/redis
      // src/cluster.c) or a replica cut from its master ("-MASTERDOWN Link with MASTER is down …", src/server.c shared.masterdownerr).
      p(/\bCLUSTERDOWN The cluster is down\b|\bMASTERDOWN Link with MASTER is down\b/, 0.7),
      // kubectl port-forward to a pod that is not Running yet (Pending, ContainerCreating): "unable to forward port because
      // pod is not running. Current status=%v" (kubernetes staging/src/k8s.io/kubectl/pkg/cmd/portforward/portforward.go).
      p(/\bunable to forward port because pod is not running\b/, 0.85),
      p(/\bis starting up\b|\bstill starting\b|\bnot (?:yet )?ready\b|\bisn't ready\b|Server is not yet available|not yet accepting connections/i, 0.8),
      p(/Timed out waiting for: /),
      p(/could not verify that this server is running|failed to verify that your server is running/i),
      p(/\b503\b|Service Unavailable/, 0.7),
      p(/container is unhealthy|dependency failed to start|unhealthy/i, 0.7),
      p(/We will try connecting to it|[Rr]etrying in \d|\bretrying\b|\breconnecting\b|attempt \d+ of \d+/, 0.4),
      // A waiter that says what it is still waiting for: tauri's "Waiting for your frontend dev server to start on URL",
      // wait-for-it.sh's "waiting 180 seconds for HOST:PORT". Not a server's own "waiting for connections".
      p(/\bwaiting (?:\d+ seconds )?for (?:your |the )?(?:[\w-]+ ){0,3}(?:server|service|database)\b[^\n]{0,20}\bto (?:start|be ready|come up)\b|\bwaiting \d+ seconds for \S{1,253}:\d{1,5}\b/i, 0.75),
    ],
  },
  {
    kind: 'container-localhost',
    scenario: 'container-localhost',
    title: 'Another localhost: inside a container, 127.0.0.1 is the container itself',
    why: 'Each container (and each network namespace) has its own loopback. A service that listens on 127.0.0.1 inside a container is unreachable from the host, and code inside a container that calls localhost reaches the container, not the host or a sibling service.',
    fix: 'Inside the container, listen on 0.0.0.0 and publish the port (`-p 8080:8080`). From one container to another, use the compose service name (`db:5432`); to reach the host, use host.docker.internal (add `extra_hosts: ["host.docker.internal:host-gateway"]` on Linux).',
    tellApart: 'Where does the client run and where does the server listen? `docker ps` shows published ports (0.0.0.0:P->P/tcp); inside the container, `ss -ltn` showing 127.0.0.1:P (not 0.0.0.0:P) is this case.',
    patterns: [
      p(/host\.docker\.internal|host-gateway|gateway\.docker\.internal/, 0.85),
      // React Native's fetch says only this when the app (on a phone or an emulator) cannot reach the server: most
      // often `localhost` there is the phone itself (facebook/react-native Libraries/Network, whatwg-fetch's message).
      p(/\bNetwork request failed\b/, 0.5),
      p(/\bdocker(?:-compose)?\b|\bcontainer\b|\bcompose\b|\bkubernetes\b|\bk8s\b|\bpodman\b|\bpod\b/i, 0.3),
      p(/^[ \t]*[\w.-]+[-_]\d+[ \t]+\|/m, 0.3),
    ],
  },
  {
    kind: 'address-not-available',
    scenario: 'wrong-interface',
    title: 'Address not available: that address is not on this machine (or no local port is left)',
    why: 'Binding or listening on {target} failed because no interface of this machine has that address: an old Wi-Fi or VPN address, a container\'s address, or IPv6 turned off.',
    fix: 'Listen on an address this machine has (127.0.0.1 for local only, 0.0.0.0 for every interface), or fix the configured IP. `ip addr` (or `ipconfig`) lists the addresses that exist.',
    tellApart: 'listen/bind: the address is not on this machine (`ip addr`). connect: the machine ran out of ephemeral ports for that destination (count TIME_WAIT: `ss -tan state time-wait | wc -l`).',
    variants: [
      {
        when: /\bconnect EADDRNOTAVAIL|connect\(2\)|Error connectRedis|Cannot assign requested address[^\n]{0,200}connect|connect[^\n]{0,200}Cannot assign requested address/,
        scenario: 'port-exhaustion',
        why: 'A connect failed with EADDRNOTAVAIL: the machine had no free local (ephemeral) port left for that destination, usually because thousands of recently closed connections sit in TIME_WAIT; or the destination is an address family this host cannot use.',
        fix: 'Reuse connections (HTTP keep-alive, a connection pool) instead of opening one per request; widen `net.ipv4.ip_local_port_range`. If the address is ::1 and IPv6 is off, connect to 127.0.0.1.',
      },
    ],
    patterns: [
      p(/\bEADDRNOTAVAIL\b/),
      p(/Cannot assign requested address|Can't assign requested address/i),
      p(/\[Errno (?:99|49)\]|\bos error 99\b|Errno::EADDRNOTAVAIL/),
      p(/requested address is not valid in its context/i),
      p(/\bWSAEADDRNOTAVAIL\b|\(10049\)|\[WinError 10049\]/),
      p(/kind: AddrNotAvailable/),
      p(/\baddress not available\b/i, 0.9),
      p(/curl: \(45\)/, 0.8),
    ],
  },
  {
    kind: 'dns',
    scenario: 'dns',
    title: 'Name not resolved: the host name has no address here',
    why: 'The client never connected: resolving the name {host} failed. The name is misspelt, exists only inside another network (a compose service name, host.docker.internal), or the resolver was unreachable (EAI_AGAIN is "try again", a temporary failure).',
    fix: 'Check the spelling and where the name is defined (DNS, /etc/hosts, the compose file). Service names resolve only inside their Docker network; from the host use localhost and the published port.',
    tellApart: 'Does the name resolve here? `getent hosts {host}` (Windows: `nslookup {host}`), or `node -e "require(\'dns\').lookup(\'{host}\',{all:true},console.log)"`. NOTFOUND/NXDOMAIN: the name does not exist for this resolver; EAI_AGAIN/SERVFAIL: the resolver itself failed.',
    patterns: [
      p(/\bENOTFOUND\b|\bEAI_AGAIN\b|\bEAI_NONAME\b|\bEAI_FAIL\b|\bEAI_NODATA\b/),
      p(/Could not resolve host|curl: \(6\)/),
      // The Cassandra driver when none of its contact points resolved (cassandra-driver 4.10.0 lib/control-connection.js).
      p(/\bNo host could be resolved\b/, 0.85),
      // Round 16's clients for names that did not resolve: the Python Cassandra driver's UnresolvableContactPoints
      // (cassandra/cluster.py, Cluster.__init__), gRPC Core's c-ares resolver ("DNS resolution failed for …: C-ares status
      // is not ARES_SUCCESS …", python3-grpcio 1.51.1) and ldap3's "invalid server address" (no address for the server's
      // name, ldap3/strategy/base.py, open).
      p(/\bUnresolvableContactPoints\b|\bC-ares status is not ARES_SUCCESS\b|\bDNS resolution failed for \S|\bLDAPSocketOpenError: invalid server address\b/, 0.85),
      p(/host not found in upstream|unable to resolve host(?: address)?|Name resolution for \S+ failed|Could not resolve (?:hostname|proxy)/i),
      p(/Name or service not known|nodename nor servname provided|Temporary failure in name resolution|Name does not resolve/),
      p(/No such host is known|\bno such host\b/i),
      p(/UnknownHostException|failed to lookup address information|Unknown (?:MySQL |MariaDB )?server host|could not translate host name/),
      p(/\[Errno -[235]\]|\[Errno 11001\]|getaddrinfo failed|\bgaierror\b/),
      p(/\bERR_NAME_NOT_RESOLVED\b|DNS_PROBE_FINISHED_NXDOMAIN|NameResolutionError/),
      p(/\bNXDOMAIN\b|server can't find/, 0.8),
      p(/\bgetaddrinfo\b/, 0.7),
      p(/dial tcp: lookup /, 0.9),
      // Links, Boost.Asio and Qt say "Host not found" for a name that did not resolve.
      p(/\bhost not found\b/i, 0.85),
      // netcat-traditional ("NAME: forward host lookup failed: Unknown host") and BusyBox ("bad address 'NAME'",
      // libbb/xconnect.c): a name that did not resolve, in the tools' own words.
      p(/\bhost lookup failed\b|\bbad address '[^'\n]{1,255}'/i, 0.85),
      // Clients' own words for a name that did not resolve: mutt's "Could not find the host \"NAME\"", Subversion's
      // "Unknown hostname 'NAME'", net-snmp's "Unknown host (tcp:NAME:PORT)" (an OS reason after it, a refusal, still wins);
      // dpkg's "unknown host architecture" is the machine a package is built for.
      p(/\b(?:could not|couldn[’']t|cannot|can[’']t|unable to) (?:find|locate) (?:the )?host\b|\bunknown host(?:name)?\b(?! architecture)/i, 0.85),
      // Perl's IO::Socket::INET (and whatever is built on it) when the name did not resolve: `Bad hostname
      // 'NAME'` with $! set to EINVAL (perl-base 5.36.0-7+deb12u4, /usr/lib/x86_64-linux-gnu/perl-base/IO/Socket/INET.pm
      // lines 151, 172, 223).
      p(/\bBad hostname '[^'\n]{1,255}'/, 0.9),
      // Resolver APIs that are DNS by name, whatever their sentence: Ruby's own DNS client (`no address for NAME
      // (Resolv::ResolvError)`, libruby3.1 3.1.7+really3.1.2-0+deb12u1, /usr/lib/ruby/3.1.0/resolv.rb lines 94, 158,
      // 163) and PHP's dns_get_record() warning, whose "A temporary server error occurred." alone is as often a web
      // app's own 500 page (php8.2-cli 8.2.36-1~deb12u1, captured: php-dns-get-record).
      p(/\bResolv::Resolv(?:Error|Timeout)\b|\bdns_get_record\(\): /, 0.9),
      p(/\bfetch failed\b/, 0.5),
    ],
  },
  {
    kind: 'websocket-handshake',
    scenario: 'websocket-handshake',
    title: 'WebSocket handshake rejected: the server answered HTTP, not 101 Switching Protocols',
    why: 'Something answered on that port, but it refused to upgrade the connection to a WebSocket: the path is wrong (404), it is not a WebSocket endpoint or a proxy dropped the Upgrade headers (400, 426, 200), or the server rejected the Origin or credentials (401, 403).',
    fix: 'Check the URL path and that the server mounts its WebSocket there; through nginx pass `Upgrade` and `Connection: upgrade`; for 403, allow your page\'s Origin on the server (and never disable the check for everyone).',
    tellApart: 'The status says who answered: 404 wrong path; 400/426 not a WebSocket endpoint or a proxy stripping Upgrade; 401/403 auth or an Origin check; 200 a plain HTTP server on that port.',
    variants: [
      { when: /\b40[13]\b/, scenario: 'websocket-handshake' },
    ],
    patterns: [
      // golang.org/x/net/websocket's ErrBadStatus, "websocket.Dial URL: bad status": the answer to the upgrade was not 101
      // (golang-golang-x-net-dev websocket/hybi.go, hybiClientHandshake).
      p(/\bwebsocket\.Dial \S{1,300}: bad status\b/, 0.9),
      p(/Unexpected server response: \d{3}/),
      p(/Error during WebSocket handshake|WebSocket handshake/i),
      p(/Unexpected response code: \d{3}/),
      p(/Sec-WebSocket-Accept|Upgrade Required|\b426\b/, 0.8),
      p(/InvalidStatusCode|InvalidStatus\b|server rejected WebSocket connection|WebSocketBadStatusException|Handshake status \d{3}|websocket: bad handshake/),
      p(/WebSocket connection to [^\n]{0,300} failed/i, 0.55),
      p(/\bUpgrade: websocket\b/i, 0.5),
      // webpack-dev-server's host check answers the WebSocket handshake with an error; Vite's client could not open its socket.
      p(/Invalid Host(?:\/Origin)? header|failed to connect to websocket/i, 0.9),
      // SockJS (webpack-dev-server's old HMR transport) asks /sockjs-node/info first; a 404 there is a server that does
      // not mount it (sockjs/sockjs-client lib/info-receiver.js). Bounded: `\S*` rescans to the end from each occurrence.
      p(/\/sockjs-node\/info\S{0,80} 404\b/, 0.85),
      p(/\bWebSocket\b[^\n]{0,120}\b403 Forbidden\b/i, 0.85),
    ],
  },
  {
    kind: 'websocket-abnormal-close',
    scenario: 'crash',
    title: 'WebSocket closed abnormally (1006): the connection dropped without a close frame',
    why: '1006 is never sent by a peer: the client reports it when the TCP connection ended without a WebSocket close frame. The server process died or restarted, a proxy or load balancer cut an idle connection, or the network dropped.',
    fix: 'Look for a server crash or restart at that time; send pings (ws `ping` / heartbeat) more often than the proxy\'s idle timeout (nginx `proxy_read_timeout` defaults to 60 s); reconnect with backoff on the client.',
    tellApart: 'Did the server exit or restart (a crash)? Does it happen at a regular interval (a proxy idle timeout, e.g. 60 s)? Or at random (the network, laptop sleep)?',
    patterns: [
      // python-websockets' server when the application's handler raised: it logs "connection handler failed" and closes
      // with 1011 (python-websockets 030dc35 src/websockets/legacy/server.py, WebSocketServerProtocol.handler).
      p(/^connection handler failed$/m, 0.7),
      // A bare 1006 is as often an id or a path (`/items/1006`): alone it is not enough.
      p(/\b1006\b/, 0.45),
      p(/closed abnormally|abnormal closure|CLOSE_ABNORMAL/i),
      p(/wasClean[=:]\s*false/),
      p(/code[=:]\s*1006|\(code: 1006|close 1006|closed with code 1006|reason 1006/i),
      // A word of its own: KafkaJSConnectionClosedError is kafkajs' closed TCP connection, not a WebSocket.
      p(/no close frame received or sent|\bConnectionClosedError\b/),
      p(/WebSocket is closed before the connection is established/, 0.7),
    ],
  },
  {
    kind: 'proxy',
    scenario: 'proxy',
    title: 'Proxy error: the dev server or reverse proxy could not reach its backend',
    why: 'Your request reached a proxy (a dev server such as Vite, webpack or Next, or nginx), and the proxy could not get an answer from the backend it forwards to ({target}). The proxy is fine; the backend behind it is not reachable.',
    fix: 'Check the backend is running and that the proxy target matches where it listens. With a dev-server proxy, write the target as `http://127.0.0.1:PORT` rather than `localhost` (Node 17+ tries ::1 first while many backends listen on 127.0.0.1 only).',
    tellApart: 'Call the backend directly from where the proxy runs (`curl -v http://{target}/`): if that fails too, fix the backend; if it works, fix the proxy\'s target (often `localhost` resolving to ::1).',
    variants: [
      // The proxy lesson shows these too (a slow backend: 504 or `socket hang up`; one killed mid-answer).
      { when: /timed out|Time-?out|ETIMEDOUT|\b504\b/i, scenario: 'proxy' },
      { when: /ECONNRESET|socket hang up|prematurely closed/i, scenario: 'proxy' },
    ],
    patterns: [
      // Envoy's (Istio's) access log: the status, then its response flags (envoyproxy.io docs, configuration/observability/
      // access_log/usage, "Response flags"): UF upstream connection failure, UH no healthy upstream, UT upstream request
      // timeout, UC upstream connection termination, UR upstream remote reset, URX retry or connect limit reached, UO overflow.
      p(/" (?:50[234]|0) (?:UF|UH|UT|UC|UR|URX|UO)(?:,[A-Z]{2,5}){0,4} /, 0.85),
      p(/\[HPM\] Error occurred while (?:trying to )?proxy/),
      p(/Error occurred (?:while )?(?:trying to )?proxy/),
      p(/\[vite\] (?:http|ws) proxy error|\b(?:http|ws) proxy error\b/),
      p(/Proxy error: Could not proxy request|Could not proxy request/),
      p(/Failed to proxy\b/),
      p(/while connecting to upstream|upstream timed out|no live upstreams|upstream prematurely closed|while reading response header from upstream/),
      // HAProxy's log: status, bytes, cookies, then the termination state; S or s first means the server side failed it.
      p(/ 50[234] \d+ - - [sS][CHDQ]-- /),
      p(/\b502 Bad Gateway\b|\bBad Gateway\b/, 0.9),
      // Caddy 1's errors middleware logs `[ERROR <status> <path>] <error>` (caddyhttp/errors/errors.go); its proxy and
      // fastcgi handlers return 502 with the backend's dial error (caddyhttp/proxy/proxy.go, caddyserver/caddy 794290b).
      p(/\[ERROR 502 \/[^\]\s]{0,300}\] /, 0.9),
      p(/\b504 Gateway Time-?out\b|\bGateway Time-?out\b/i, 0.9),
      // A gateway's status in a user's words ("gives 502 error", "504 errors"): RFC 9110 §15.6.3 and §15.6.5 define both
      // as a gateway's or proxy's answer about the server behind it.
      p(/\b50[24] errors?\b/i, 0.65),
      // The Kubernetes API server's proxy (the dashboard, `kubectl proxy`, services/…/proxy) answers 503 with "Error: '…'
      // Trying to reach: '…'" when it could not reach the pod (kubernetes pkg/util/proxy/transport.go, later
      // staging/src/k8s.io/apimachinery/pkg/util/proxy/transport.go, Transport.RoundTrip).
      p(/^Trying to reach: '/m, 0.85),
      p(/\[webpack-dev-server\][^\n]{0,200}proxy|\bProxyError\b|Tunnel connection failed|Received HTTP code 50\d from proxy/, 0.8),
      // A proxy's own page or log saying it could not reach the server it forwards to: tinyproxy's "Tinyproxy was
      // unable to connect to the remote web server" and its log's "opensock: Could not establish a connection to",
      // "process_server_headers failed"; stunnel's "s_connect: connect HOST:PORT: …" (the connect side of the tunnel).
      p(/\bwas unable to connect to the remote (?:web )?server\b|\bopensock: Could not establish a connection\b|\bprocess_server_headers failed\b/),
      p(/\bs_connect: connect \S{1,300}: |\bNo more addresses to connect\b/, 0.9),
      // Envoy's (and Istio's) 503 body without the reset reason older releases and some local replies leave off:
      // "upstream connect error or disconnect/reset before headers" (envoyproxy/envoy#4567); the message table holds
      // the form with ". reset reason: %s".
      p(/\bupstream connect error or disconnect\/reset before headers\b/, 0.9),
    ],
  },
  {
    kind: 'protocol-mismatch',
    scenario: 'protocol-mismatch',
    title: 'Protocol mismatch: the client and the program on that port speak different protocols',
    why: 'A connection was made, but what came back was not what the client expected: HTTPS to a plain-HTTP port (or plain HTTP to a TLS port), HTTP to a non-HTTP service (a database, SSH), or a port now owned by a different program than you think.',
    fix: 'Match the scheme to the server (`http://` vs `https://`), and check which program owns that port (`localhost-lab ports {port}`). Ports chosen by the OS change every run: read them from the service, do not hard-code them.',
    tellApart: '"wrong version number" / "HTTP response to HTTPS client": TLS vs plain. "Parse Error" / "HTTP/0.9" / "malformed": not an HTTP server on that port. `localhost-lab ports {port}` shows which program listens there.',
    patterns: [
      // Haskell's http-client: the status line that came back is no HTTP one (snoyberg/http-client 0956c5c Types.hs).
      p(/\bInvalidStatusLine\b/, 0.8),
      // The Elasticsearch client's product check: the server answered, and it is not Elasticsearch (@elastic/transport
      // 9.4.0 lib/middleware/ProductCheck.js and lib/errors.js).
      p(/\bProductNotSupportedError\b|\bUnsupportedProductError\b/, 0.85),
      // Round 16's clients met another protocol, in their own words (Debian's packages, the file inside each): gRPC Core's
      // "Trying to connect an http1.x server" (python3-grpcio 1.51.1, its cygrpc module; the cause after gRPC's
      // "failed to connect to all addresses; last error:", so it outweighs that frame), asyncpg's "rejected SSL
      // upgrade" (asyncpg/connect_utils.py), amq-protocol's frame type that AMQP does not define, "Must be one of
      // [:method, :headers, :body, :heartbeat]" (amq-protocol 2.3.2 lib/amq/protocol/frame.rb), librabbitmq's
      // AMQP_STATUS_BAD_AMQP_DATA, "invalid AMQP data" (librabbitmq4 0.11.0, under php-amqp).
      p(/\bTrying to connect an http1\.x server\b/, 0.95),
      // Round 17's Go libraries (Debian's golang-*-dev sources under /usr/share/gocode/src): nats.go's "protocol exception,
      // INFO not received" (nats.go, the server's first line was no INFO), pgconn's "tls error (server refused TLS
      // connection)" (jackc/pgconn pgconn.go: the server answered N to SSLRequest), amqp091-go's frame error 501 "frame
      // could not be parsed" (rabbitmq/amqp091-go types.go ErrFrame), and the Cassandra native protocol's version byte
      // read from another protocol's first byte, 72 'H' or 83 'S' (gocql frame.go, and the Python driver's
      // cassandra/connection.py: two drivers, one fact).
      // (pgconn's sentence holds "refused", which is not a refused connect: it outweighs that word.)
      p(/\btls error \(server refused TLS connection\)/, 0.95),
      // RMI's handshake answered by something that is no RMI registry: "non-JRMP server at remote endpoint"
      // (sun.rmi.transport.tcp.TCPChannel.createConnection: the answer byte was not JRMP's ProtocolAck).
      p(/\bnon-JRMP server at remote endpoint\b/, 0.9),
      p(/\bprotocol exception, INFO not received\b|\bframe could not be parsed\b|\b(?:unsupported protocol response version|does not support protocol version):? (?:72|83)\b/, 0.85),
      p(/\brejected SSL upgrade\b|\bMust be one of \[:method, :headers, :body, :heartbeat\]|\binvalid AMQP data\b/, 0.85),
      // A reply parser quoting an HTTP status line it got where its own protocol's reply belongs: Redis.pm's "unknown
      // answer type: H (TTP/1.1 400 Bad Request)" (/usr/share/perl5/Redis.pm), pymemcache's MemcacheUnknownError:
      // b'HTTP/1.1 400 Bad Request' (pymemcache/client/base.py), gomemcache's "unexpected line in get response:
      // \"HTTP/1.1 400 …" (golang-github-bradfitz-gomemcache-dev, memcache/memcache.go).
      p(/(?:\b(?:unknown (?:answer|reply|response)(?: type)?|unexpected (?:reply|response|answer|line))|Unknown(?:Error|Response|Reply))\b[^\n]{0,40}?\bH?T?TP\/1\.[01] \d{3}\b/i, 0.8),
      // .NET's HttpClient when the TLS handshake failed (dotnet/runtime System.Net.Http Strings.resx,
      // net_http_ssl_connection_failed, thrown from ConnectHelper.EstablishSslConnectionAsync; the inner exception says why).
      p(/\bThe SSL connection could not be established\b/, 0.75),
      // OpenSSH's SSH_ERR_MAC_INVALID and SSH_ERR_CONN_CORRUPT (openssh/openssh-portable ssherr.c): what arrived after the
      // banner did not check out as SSH packets: a peer or a box in between that speaks something else, or corrupts bytes.
      p(/\bmessage authentication code incorrect\b|\bConnection corrupted\b/, 0.5),
      p(/wrong version number|WRONG_VERSION_NUMBER/),
      // A TLS client that got plain bytes (GnuTLS, Erlang ssl, aria2), and clients that got another protocol's greeting.
      p(/unexpected TLS packet|unsupported_record_type|SSL\/TLS handshake failure|gnutls_handshake\(\) failed/i),
      p(/Unable to establish SSL connection/, 0.8),
      // TLS set-up failed in a client's own words (node-postgres: "There was an error establishing an SSL connection").
      p(/\b(?:error|failure|failed) (?:while |when )?(?:establishing|negotiating) (?:an? )?(?:SSL|TLS) (?:connection|session)\b/i, 0.8),
      p(/\bSSH-\d\.\d-[\w.-]+/, 0.9),
      p(/Malformed Status-Line|not HTTP:|rather than greeting|unexpected reply: b'/, 0.85),
      // Servers' and libraries' own words for a client speaking the wrong protocol (Apache, Ruby, websockets, redis-cli,
      // OpenSSL's record-layer errors), and a TLS alert record (0x15 0x03 0x0N) printed where plain bytes were expected.
      p(/speaking plain HTTP to an SSL-enabled server port|wrong status line|did not receive a valid HTTP response|Protocol error, got/i),
      p(/record layer failure|packet length too long|SSL routines[^\n]{0,40}unknown protocol|\bunknown protocol\b|EOF occurred in violation of protocol/i, 0.9),
      p(/\\x15\\x03\\x0[0-4]|\\x16\\x03\\x0[0-4]/, 0.9),
      p(/Unsupported or unrecognized SSL message|Remote host terminated the handshake|SSLHandshakeException|\bSSLException\b|unsupported frontend protocol|invalid length of startup packet/, 0.85),
      p(/curl: \(35\)/, 0.85),
      p(/Received HTTP\/0\.9 when not allowed/),
      p(/curl: \(1\)/, 0.7),
      p(/\bEPROTO\b/, 0.9),
      p(/\bERR_SSL_PROTOCOL_ERROR\b|\bSSL_ERROR_RX_RECORD_TOO_LONG\b|\bERR_SSL_VERSION_OR_CIPHER_MISMATCH\b/),
      p(/HTTPParserError|Parse Error: |Expected HTTP\//),
      p(/malformed HTTP|\bHPE_INVALID_|invalid HTTP (?:response|version)|\bERR_INVALID_HTTP_RESPONSE\b/i),
      p(/server gave HTTP response to HTTPS client|first record does not look like a TLS handshake/),
      p(/Unsupported or unrecognized SSL message|plain HTTP request was sent to HTTPS port/),
      p(/\bBadStatusLine\b|\bRemoteProtocolError\b|\bInvalidHeader\b/, 0.85),
      p(/It looks like you are trying to access MongoDB over HTTP/),
      p(/packets out of order|received invalid response to SSL negotiation/, 0.7),
      // aria2c when the first line back is not an HTTP status line (captured: aria2c 1.36.0 against an SSH banner and a
      // TLS port, "errorCode=1 Bad status code: bad status-code", HttpHeaderProcessor.cc).
      p(/\bBad status code\b/, 0.85),
      // A client that says the server's reply was not its protocol's: mutt's "Invalid server response", msmtp's "the
      // server sent an invalid reply", serf's "The server sent an improper HTTP response". "Unexpected server response"
      // stays out: ws prints it for an HTTP status on a WebSocket upgrade (websocket-handshake).
      p(/\b(?:invalid|improper|malformed) (?:server |HTTP |SMTP |FTP |POP3? |IMAP )?(?:response|reply|greeting)\b|\bsent an (?:invalid|improper|malformed) (?:\w+ )?(?:response|reply)\b/i, 0.85),
      // Another protocol's greeting quoted as bytes by a Python client (smtplib's "SMTPConnectError: (-1,
      // b'2.0-OpenSSH_9.2p1 …')": its reply-code parser ate "SSH-"): an SSH server answered on that port.
      p(/\bb['"][^'"\n]{0,12}(?:Open)?SSH[-_]\d/, 0.85),
      // TLS failed after the connection was made, in serf's words (Subversion: "An error occurred during SSL communication").
      p(/\berror (?:occurred )?during (?:SSL|TLS)\b/i, 0.8),
      // A reply parser naming the first byte it got (redis-rb: "Got 'H' as initial reply byte", phpredis: "protocol
      // error, got 'H' as reply-type byte"), and PyMySQL's "Packet sequence number wrong" (the greeting's sequence
      // byte was another protocol's text): another program answered on that port.
      p(/\bgot ['"].['"] as (?:initial )?reply[- ]?(?:type )?byte\b|\bPacket sequence number wrong\b/i, 0.85),
      p(/\bSSLError\b|\bssl3_get_record\b/, 0.6),
      p(/\b(?:SSL|TLS)\b[^\n]{0,60}?(?:error|fail|alert)|\bhandshake\b[^\n]{0,30}?(?:fail|error|alert)/i, 0.8),
      p(/socket disconnected before secure TLS connection was established/, 0.6),
    ],
  },
  {
    kind: 'announcement',
    scenario: 'ephemeral',
    title: 'Not an error: a program saying where it listens',
    why: 'This line is a server announcing the address it listens on: {target}. Clients reach it only at exactly that address and port, from where that address is reachable.',
    fix: 'Point clients at exactly that address and port. `localhost-lab check {port}` shows the listener, its program, what it speaks and whether it is dangerous.',
    tellApart: 'An announcement says where a server meant to listen, not that a client reached it: a loopback address (127.0.0.1, ::1, localhost) is reachable from this machine only; 0.0.0.0 or :: from the network too; a container\'s id or name as host only inside that container network.',
    variants: [
      {
        // A debugger or a browser's remote control: whoever reaches it runs code (the is-it-dangerous lesson).
        when: /\b(?:Debugger|DevTools) listening on ws:\/\//,
        scenario: 'is-it-dangerous',
        why: 'This line is a debugger announcing where it listens: {target}. Whoever can connect to it can run any code in that program, with its user\'s rights. On 127.0.0.1 only programs on this computer can, and current Node refuses a foreign Host, so a web page cannot reach it through DNS rebinding; any local program still can.',
        fix: 'Use a debugger only while you debug, on 127.0.0.1 and a random port (`--inspect=127.0.0.1:0`), never as root or on 0.0.0.0; stop the process when done. `localhost-lab check {port}` shows what it is and who can reach it.',
      },
      {
        when: /\[::1\]|\b::1\b/,
        scenario: 'localhost-ipv6',
        why: 'This line is a server announcing that it listens on {target}: IPv6 loopback only. A client that tries 127.0.0.1 (or a `localhost` that resolves to 127.0.0.1 first) is refused, though the server is up.',
        fix: 'Make the server listen on both families (`::` with dual-stack, or 127.0.0.1 and ::1), or point clients at [::1] explicitly.',
      },
      {
        when: /\b0\.0\.0\.0\b|\[::\]|:::\d/,
        scenario: 'zero-address',
        why: 'This line is a server announcing that it listens on {target}: every interface of the machine, so other machines on the network can connect too, unless a firewall stops them.',
        fix: 'Fine inside a container (it must, to be published). On your own machine, listen on 127.0.0.1 unless others should reach it. As a destination, use 127.0.0.1 (0.0.0.0 works as one on Linux and macOS, not on Windows).',
      },
    ],
    patterns: [],
  },
  {
    kind: 'address',
    scenario: 'is-it-dangerous',
    title: 'An address, not an error: what it is and who can reach it',
    why: 'In plain words: {about}',
    fix: '`localhost-lab check {port}` names the program that holds it right now, what it speaks, and whether it is dangerous (or the programs at both ends, when it is the client side of a connection). Without the lab: `ss -ltnp` / `lsof -i :{port}`; Windows: `netstat -ano | findstr :{port}`.',
    tellApart: 'Dangerous or not depends on who can reach it: loopback (127.0.0.1, ::1, localhost) only this computer; 0.0.0.0 or :: every network interface; and on which program holds it (`localhost-lab ports {port}`).',
    variants: [
      {
        // The zero-address lesson's fact: 0.0.0.0 is a source or a listen address only (RFC 1122 §3.2.1.3), Windows
        // refuses it as a destination (WSAEADDRNOTAVAIL) and browsers there show ERR_ADDRESS_INVALID.
        when: /\b(?:https?|wss?):\/\/0\.0\.0\.0\b/,
        scenario: 'zero-address',
        why: '0.0.0.0 is not an address to connect to: to a server it means "listen on every interface", as a destination it means nothing by the standard (RFC 1122 allows it only as a source). Linux quietly sends it to 127.0.0.1, Windows refuses it, browsers there show ERR_ADDRESS_INVALID.',
        fix: 'Open the server at 127.0.0.1:{port} (or localhost:{port}) on the same machine, at the machine\'s own network address from another one. `localhost-lab check {port}` shows what listens there.',
      },
    ],
    // A URL whose host is 0.0.0.0 names it as a destination (an announcement of it scores higher and wins).
    patterns: [p(/\b(?:https?|wss?):\/\/0\.0\.0\.0\b/, 0.7)],
  },
  {
    kind: 'unknown',
    scenario: 'ephemeral',
    title: 'Not recognised',
    why: 'This text matches none of the connection failures localhost-lab knows. It may not be a network error at all, or it is only part of the message.',
    fix: 'Paste the whole error: the line with the code (ECONNREFUSED, EADDRINUSE ...), the `[cause]` or `Caused by:` block, and the address and port. To see what the numbers in 127.0.0.1:PORT mean, run the introduction scenario.',
    tellApart: 'If the text names an address and port, `--probe` tells whether anything listens there now; `localhost-lab list` shows every failure the lab can reproduce.',
    patterns: [],
  },
]

/** When two kinds score the same, the more specific one ranks first (a proxy wraps a refusal; 1006 follows a hang-up). */
export const PRECEDENCE: readonly Kind[] = [
  'proxy',
  'localhost-ipv6',
  'container-localhost',
  'not-ready',
  'port-in-use',
  'permission-denied',
  'address-not-available',
  'websocket-handshake',
  'websocket-abnormal-close',
  'protocol-mismatch',
  'dns',
  'timeout',
  'hang-up',
  'reset',
  'refused',
  'announcement',
  'address',
  'unknown',
]

export function signatureOf (kind: Kind): Signature {
  return SIGNATURES.find((s) => s.kind === kind)!
}
