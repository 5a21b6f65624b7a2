// Round 16: database, broker and RPC client libraries from Debian's packages, in Python, Ruby, PHP and Perl, that put
// a socket failure in their own words: Python's psycopg2 and psycopg 3 (libpq underneath, so translated), asyncpg,
// SQLAlchemy over psycopg2 (its sqlalchemy.exc.OperationalError wrapper), mysqlclient (MySQLdb), pymongo
// (ServerSelectionTimeoutError), kafka-python (NoBrokersAvailable), kombu, paho-mqtt, grpcio (StatusCode.UNAVAILABLE),
// elasticsearch-py, the DataStax cassandra-driver, pymemcache and ldap3; Ruby's pg (libpq), dalli, bunny and net-ssh;
// PHP's pgsql (libpq), mongodb, amqp and memcached extensions; Perl's Redis and Net::SSH2. Round 4's programs
// (db-queue-clients.mjs) are not repeated. Each snippet lets the error escape, as a script that does not catch it would
// (a traceback, an uncaught exception, Perl's die), or prints what the library's docs show for one that only returns a
// code (php-memcached's getResultMessage(), paho-mqtt's error_string() of loop()'s code, with its logger on).
// libpq's catalogues (libpq5-15.mo) are in many languages, so the four programs over libpq run in C and the 8 locales
// of JAVA_LOCALES (each a Python, Ruby or PHP start, as a JVM start costs); the others are decided by the C/de_DE check.
// Timeouts are the libraries' own, 3 s. Clients of server-first protocols (MySQL, SSH) get GREETED_SCENARIOS and
// another protocol's greeting as their mismatch; the others get a reset and a hang-up after their first bytes, a plain
// HTTP server on the port (`to-http`), a TLS server (`plain-to-tls`) and, where the library has a TLS switch, TLS to
// a plain HTTP server (`tls-to-plain`).
//
// php-memcached runs no to-http scenario: libmemcached read the HTTP server's `400 Bad Request` as a miss and its
// result message was `NOT FOUND` (a trial run), a text that says nothing about the socket. Perl's Redis uses get, not
// ping: its ping returns undef on a lost connection and prints nothing (a trial run: nothing for the reset, the
// hang-up or an HTTP server).
//
// ruby-net-ssh runs no smtp-banner scenario: it reads lines until one starts with `SSH-`, with no timeout of its own
// there, and printed nothing before the capture's limit (a trial run).
// Bunny is given `::1` unquoted, as a user would: it warns in its own words and then dials `:0` (kept as printed).
//
// pymongo, grpcio, dalli and Bunny run in C only, without the C/de_DE check: the check compares texts with run-to-run
// parts normalized (dedupeKey), and pymongo's `TopologyDescription id: <ObjectId>`, the order of the keys in gRPC
// Core's `debug_error_string` (`{created_time:…, grpc_status:14}` or the other way round) and the pid in Ruby's
// Logger lines (`W, [time #1234]`) differ between two runs, so it called pymongo and grpcio translated (a run of
// this round, stopped and redone). Their words are English in
// de_DE too (a trial run of pymongo, dalli and Bunny in de_DE.UTF-8; gRPC Core ships no catalogue). For the same reason pymongo runs no plain-to-tls (its text was the
// hang-up's `connection closed` but for the id) and dalli no to-http or plain-to-tls (the hang-up's ECONNRESET text
// but for the pid).
//
// Left out: pyzmq (python3-zmq, installed but not run: ZeroMQ's connect is asynchronous by design, zmq_connect returns
// at once and the socket retries in the background, so a refused or silent endpoint raises nothing of its own; the
// round's time went to the libraries that do).
import { family, captureClient, debianPackage, scenario, scenariosNamed, GREETED_SCENARIOS, bannerServer, httpServer, JAVA_LOCALES } from './lib.mjs'

const PY = '/usr/bin/python3'
const J = JSON.stringify
const tls = t => t.scheme === 'https'
const BASE = scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const toHttp = { name: 'to-http', kind: 'protocol-mismatch', accept: [], what: 'the client (plain) to a plain HTTP server (it answers 400 to bytes that are not HTTP and closes)',
  setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1'), scheme: 'http' }) }
const CLIENT_FIRST = [...BASE, ...scenariosNamed(['reset', 'hang-up']), toHttp, scenario('plain-to-tls')]
const WITH_TLS = [...CLIENT_FIRST, { ...scenario('tls-to-plain'), what: 'the client with TLS on to a plain HTTP server' }]
const banner = (name, text, what) => ({ name, kind: 'protocol-mismatch', accept: [], what,
  setup: async () => ({ host: '127.0.0.1', port: await bannerServer(text), scheme: 'http' }) })
const MYSQL_FIRST = [...BASE, ...GREETED_SCENARIOS, banner('ssh-banner', 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', 'MySQL client to a server that greets with an SSH banner')]
const SSH_FIRST = [...BASE, ...GREETED_SCENARIOS, banner('smtp-banner', '220 localhost ESMTP Postfix\r\n', 'SSH client to a server that greets with an SMTP banner')]

const py = code => [PY, ['-c', code]]
const ssl = t => (tls(t) ? 'require' : 'disable')

const clients = [
  // ---- Python
  { program: 'python3-psycopg2', ecosystem: 'postgres', pkg: 'python3-psycopg2', sc: WITH_TLS, locales: JAVA_LOCALES,
    how: 'psycopg2.connect(host=HOST, port=PORT, dbname="app", user="app", password="x", connect_timeout=3, sslmode="disable" ("require" for tls-to-plain))',
    cmd: t => py(`import psycopg2\npsycopg2.connect(host=${J(t.host)}, port=${t.port}, dbname="app", user="app", password="x", connect_timeout=3, sslmode=${J(ssl(t))})`) },
  { program: 'python3-psycopg', ecosystem: 'postgres', pkg: 'python3-psycopg', sc: WITH_TLS, locales: JAVA_LOCALES,
    how: 'psycopg.connect(host=HOST, port=PORT, dbname="app", user="app", password="x", connect_timeout=3, sslmode="disable" ("require" for tls-to-plain))',
    cmd: t => py(`import psycopg\npsycopg.connect(host=${J(t.host)}, port=${t.port}, dbname="app", user="app", password="x", connect_timeout=3, sslmode=${J(ssl(t))})`) },
  { program: 'python3-sqlalchemy', ecosystem: 'postgres', pkg: 'python3-sqlalchemy', sc: WITH_TLS, locales: JAVA_LOCALES,
    how: 'sqlalchemy.create_engine("postgresql+psycopg2://app:x@HOST:PORT/app", connect_args={"connect_timeout": 3, "sslmode": "disable" ("require" for tls-to-plain)}).connect()',
    cmd: t => py(`import sqlalchemy\nsqlalchemy.create_engine("postgresql+psycopg2://app:x@${t.hostPort}/app", connect_args={"connect_timeout": 3, "sslmode": ${J(ssl(t))}}).connect()`) },
  { program: 'python3-asyncpg', ecosystem: 'postgres', pkg: 'python3-asyncpg', sc: WITH_TLS,
    how: 'asyncio.run(asyncpg.connect(host=HOST, port=PORT, user="app", password="x", database="app", timeout=3, ssl=False ("require" for tls-to-plain)))',
    cmd: t => py(`import asyncio, asyncpg\nasyncio.run(asyncpg.connect(host=${J(t.host)}, port=${t.port}, user="app", password="x", database="app", timeout=3, ssl=${tls(t) ? '"require"' : 'False'}))`) },
  { program: 'python3-mysqldb', ecosystem: 'mysql', pkg: 'python3-mysqldb', sc: MYSQL_FIRST,
    how: 'MySQLdb.connect(host=HOST, port=PORT, user="app", passwd="x", connect_timeout=3, read_timeout=3)',
    cmd: t => py(`import MySQLdb\nMySQLdb.connect(host=${J(t.host)}, port=${t.port}, user="app", passwd="x", connect_timeout=3, read_timeout=3)`) },
  { program: 'python3-pymongo', ecosystem: 'mongodb', pkg: 'python3-pymongo', sc: WITH_TLS, locales: ['C'], skip: ['plain-to-tls'],
    how: 'pymongo.MongoClient("mongodb://HOST:PORT/", serverSelectionTimeoutMS=3000, connectTimeoutMS=3000 (tls=True, tlsAllowInvalidCertificates=True for tls-to-plain)).admin.command("ping")',
    cmd: t => py(`import pymongo\npymongo.MongoClient(${J(`mongodb://${t.hostPort}/`)}, serverSelectionTimeoutMS=3000, connectTimeoutMS=3000${tls(t) ? ', tls=True, tlsAllowInvalidCertificates=True' : ''}).admin.command("ping")`) },
  { program: 'python3-kafka', ecosystem: 'kafka', pkg: 'python3-kafka', sc: WITH_TLS,
    how: 'kafka.KafkaProducer(bootstrap_servers="HOST:PORT", request_timeout_ms=3000, api_version_auto_timeout_ms=3000 (security_protocol="SSL" for tls-to-plain))',
    cmd: t => py(`from kafka import KafkaProducer\nKafkaProducer(bootstrap_servers=${J(t.hostPort)}, request_timeout_ms=3000, api_version_auto_timeout_ms=3000${tls(t) ? ', security_protocol="SSL", ssl_check_hostname=False' : ''})`) },
  { program: 'python3-kombu', ecosystem: 'amqp', pkg: 'python3-kombu', sc: CLIENT_FIRST,
    how: 'kombu.Connection("amqp://guest:guest@HOST:PORT//", connect_timeout=3).connect() (py-amqp transport)',
    cmd: t => py(`from kombu import Connection\nConnection("amqp://guest:guest@${t.hostPort}//", connect_timeout=3).connect()`) },
  { program: 'python3-paho-mqtt', ecosystem: 'mqtt', pkg: 'python3-paho-mqtt', sc: WITH_TLS,
    how: 'c = mqtt.Client(); logging.basicConfig(); c.enable_logger(); c.connect(HOST, PORT, 60) (c.tls_set(cert_reqs=ssl.CERT_NONE) for tls-to-plain); then loop(timeout=1) until it returns a code, raised as SystemExit(mqtt.error_string(rc))',
    cmd: t => py(['import logging, ssl', 'import paho.mqtt.client as mqtt', 'logging.basicConfig()', 'c = mqtt.Client()', 'c.enable_logger()',
      ...(tls(t) ? ['c.tls_set(cert_reqs=ssl.CERT_NONE)', 'c.tls_insecure_set(True)'] : []),
      `c.connect(${J(t.host)}, ${t.port}, 60)`, 'for i in range(4):', '    rc = c.loop(timeout=1.0)', '    if rc:', '        raise SystemExit(mqtt.error_string(rc))'].join('\n')) },
  { program: 'python3-grpcio', ecosystem: 'grpc', pkg: 'python3-grpcio', sc: WITH_TLS, locales: ['C'],
    how: 'grpc.insecure_channel("HOST:PORT") (grpc.secure_channel with ssl_channel_credentials() for tls-to-plain).unary_unary("/app.Api/Ping")(b"", timeout=3)',
    cmd: t => py(`import grpc\nch = ${tls(t) ? `grpc.secure_channel(${J(t.hostPort)}, grpc.ssl_channel_credentials())` : `grpc.insecure_channel(${J(t.hostPort)})`}\nch.unary_unary("/app.Api/Ping")(b"", timeout=3)`) },
  { program: 'python3-elasticsearch', ecosystem: 'elasticsearch', pkg: 'python3-elasticsearch', sc: WITH_TLS,
    how: 'elasticsearch.Elasticsearch(["http://HOST:PORT"] (https:// and verify_certs=False for tls-to-plain), timeout=3, max_retries=0).info()',
    cmd: t => py(`from elasticsearch import Elasticsearch\nElasticsearch([${J(`${t.scheme}://${t.hostPort}`)}], timeout=3, max_retries=0, retry_on_timeout=False${tls(t) ? ', verify_certs=False, ssl_show_warn=False' : ''}).info()`) },
  { program: 'python3-cassandra', ecosystem: 'cassandra', pkg: 'python3-cassandra', sc: CLIENT_FIRST,
    how: 'cassandra.cluster.Cluster([HOST], port=PORT, connect_timeout=3, control_connection_timeout=3).connect()',
    cmd: t => py(`from cassandra.cluster import Cluster\nCluster([${J(t.host)}], port=${t.port}, connect_timeout=3, control_connection_timeout=3).connect()`) },
  { program: 'python3-pymemcache', ecosystem: 'memcached', pkg: 'python3-pymemcache', sc: CLIENT_FIRST,
    how: 'pymemcache.client.base.Client((HOST, PORT), connect_timeout=3, timeout=3).get("k")',
    cmd: t => py(`from pymemcache.client.base import Client\nClient((${J(t.host)}, ${t.port}), connect_timeout=3, timeout=3).get("k")`) },
  { program: 'python3-ldap3', ecosystem: 'ldap', pkg: 'python3-ldap3', sc: WITH_TLS,
    how: 'ldap3.Connection(ldap3.Server(HOST, port=PORT, connect_timeout=3 (use_ssl=True for tls-to-plain)), auto_bind=True, receive_timeout=3)',
    cmd: t => py(`import ldap3\nldap3.Connection(ldap3.Server(${J(t.host)}, port=${t.port}, connect_timeout=3${tls(t) ? ', use_ssl=True' : ''}), auto_bind=True, receive_timeout=3)`) },
  // ---- Ruby
  { program: 'ruby-pg', ecosystem: 'postgres', pkg: 'ruby-pg', sc: WITH_TLS, locales: JAVA_LOCALES,
    how: 'PG.connect(host: HOST, port: PORT, dbname: "app", user: "app", password: "x", connect_timeout: 3, sslmode: "disable" ("require" for tls-to-plain))',
    cmd: t => ['ruby', ['-e', `require "pg"\nPG.connect(host: ${J(t.host)}, port: ${t.port}, dbname: "app", user: "app", password: "x", connect_timeout: 3, sslmode: ${J(ssl(t))})`]] },
  { program: 'ruby-dalli', ecosystem: 'memcached', pkg: 'ruby-dalli', sc: CLIENT_FIRST, locales: ['C'], skip: ['to-http', 'plain-to-tls'],
    how: 'Dalli::Client.new("HOST:PORT", socket_timeout: 3, socket_max_failures: 1).get("k")',
    cmd: t => ['ruby', ['-e', `require "dalli"\nDalli::Client.new(${J(t.hostPort)}, socket_timeout: 3, socket_max_failures: 1).get("k")`]] },
  { program: 'ruby-bunny', ecosystem: 'amqp', pkg: 'ruby-bunny', sc: WITH_TLS, locales: ['C'],
    how: 'Bunny.new(host: HOST, port: PORT, connection_timeout: 3, read_timeout: 3, automatically_recover: false (tls: true, verify_peer: false for tls-to-plain)).start',
    cmd: t => ['ruby', ['-e', `require "bunny"\nBunny.new(host: ${J(t.host)}, port: ${t.port}, connection_timeout: 3, read_timeout: 3, automatically_recover: false${tls(t) ? ', tls: true, verify_peer: false' : ''}).start`]] },
  { program: 'ruby-net-ssh', ecosystem: 'ssh', pkg: 'ruby-net-ssh', sc: SSH_FIRST, skip: ['smtp-banner'],
    how: 'Net::SSH.start(HOST, "app", port: PORT, password: "x", timeout: 3, non_interactive: true, verify_host_key: :never)',
    cmd: t => ['ruby', ['-e', `require "net/ssh"\nNet::SSH.start(${J(t.host)}, "app", port: ${t.port}, password: "x", timeout: 3, non_interactive: true, verify_host_key: :never)`]] },
  // ---- PHP
  { program: 'php-pgsql', ecosystem: 'postgres', pkg: 'php8.2-pgsql', sc: WITH_TLS, locales: JAVA_LOCALES,
    how: 'pg_connect("host=HOST port=PORT dbname=app user=app password=x connect_timeout=3 sslmode=disable (require for tls-to-plain)")',
    cmd: t => ['php', ['-r', `pg_connect(${J(`host=${t.host} port=${t.port} dbname=app user=app password=x connect_timeout=3 sslmode=${ssl(t)}`)});`]] },
  { program: 'php-mongodb', ecosystem: 'mongodb', pkg: 'php-mongodb', sc: WITH_TLS,
    how: '(new MongoDB\\Driver\\Manager("mongodb://HOST:PORT/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000" (&tls=true&tlsAllowInvalidCertificates=true for tls-to-plain)))->executeCommand("admin", new MongoDB\\Driver\\Command(["ping" => 1]))',
    cmd: t => ['php', ['-r', `$m = new MongoDB\\Driver\\Manager(${J(`mongodb://${t.hostPort}/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000${tls(t) ? '&tls=true&tlsAllowInvalidCertificates=true' : ''}`)}); $m->executeCommand("admin", new MongoDB\\Driver\\Command(["ping" => 1]));`]] },
  { program: 'php-amqp', ecosystem: 'amqp', pkg: 'php-amqp', sc: CLIENT_FIRST,
    how: '(new AMQPConnection(["host" => HOST, "port" => PORT, "connect_timeout" => 3, "read_timeout" => 3]))->connect()',
    cmd: t => ['php', ['-r', `$c = new AMQPConnection(["host" => ${J(t.host)}, "port" => ${t.port}, "connect_timeout" => 3, "read_timeout" => 3]); $c->connect();`]] },
  { program: 'php-memcached', ecosystem: 'memcached', pkg: 'php-memcached', sc: CLIENT_FIRST, skip: ['to-http'],
    how: '$m = new Memcached(); $m->setOption(Memcached::OPT_CONNECT_TIMEOUT, 3000); $m->addServer(HOST, PORT); $m->get("k"); echo $m->getResultMessage() (as the manual\'s examples print it)',
    cmd: t => ['php', ['-r', `$m = new Memcached(); $m->setOption(Memcached::OPT_CONNECT_TIMEOUT, 3000); $m->setOption(Memcached::OPT_RECV_TIMEOUT, 3000000); $m->setOption(Memcached::OPT_SEND_TIMEOUT, 3000000); $m->addServer(${J(t.host)}, ${t.port}); $m->get("k"); echo $m->getResultMessage(), "\\n";`]] },
  // ---- Perl
  { program: 'perl-redis', ecosystem: 'redis', pkg: 'libredis-perl', sc: CLIENT_FIRST,
    how: 'Redis->new(server => "HOST:PORT", cnx_timeout => 3, read_timeout => 3, reconnect => 0)->get("k")',
    cmd: t => ['perl', ['-e', `use Redis; Redis->new(server => ${J(t.hostPort)}, cnx_timeout => 3, read_timeout => 3, reconnect => 0)->get("k");`]] },
  { program: 'perl-net-ssh2', ecosystem: 'ssh', pkg: 'libnet-ssh2-perl', sc: SSH_FIRST,
    how: 'my $s = Net::SSH2->new(timeout => 3000); $s->connect(HOST, PORT) or $s->die_with_error',
    cmd: t => ['perl', ['-e', `use Net::SSH2; my $s = Net::SSH2->new(timeout => 3000); $s->connect(${J(t.host)}, ${t.port}) or $s->die_with_error;`]] },
]

await family(async () => {
  const only = (process.env.DATA_ONLY ?? '').split(',').filter(Boolean)
  for (const c of clients) {
    if (only.length && !only.includes(c.program)) continue
    await captureClient({ program: c.program, ecosystem: c.ecosystem, version: debianPackage(c.pkg), how: c.how, cmd: c.cmd, locales: process.env.DATA_QUICK ? [process.env.DATA_QUICK] : c.locales, skip: c.skip }, c.sc)
  }
})
