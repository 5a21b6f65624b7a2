// Database, cache and queue clients in the languages developers call them from, all from Debian: Python's PyMySQL,
// redis-py, pika (AMQP) and paramiko (SSH); Ruby's redis and mysql2 gems; PHP's phpredis and mysqli; Perl's DBD::Pg
// (libpq underneath, so translated) and DBD::mysql. Each snippet lets the error escape or prints the driver's own
// message, so the text is the library's. MySQL servers speak first: their reset and hang-up happen before the
// greeting, and another protocol's greeting (an SSH banner) is their mismatch; the others speak first, so an HTTP
// server on the port is theirs.
import { family, captureClient, version, scenario, GREETED_SCENARIOS } from './lib.mjs'

const PY = '/usr/bin/python3'
const J = JSON.stringify
const deb = p => `${p} ${version('dpkg-query', ['-W', '-f=${Version}', p])}`
const pick = names => names.map(scenario)
const BASE = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const CLIENT_FIRST = [...BASE, ...pick(['reset', 'hang-up']),
  { ...scenario('tls-to-plain'), name: 'to-http', what: 'the client (plain) to a plain HTTP server (answers 400 and closes)' }]
const SERVER_FIRST = [...BASE, ...GREETED_SCENARIOS,
  { ...scenario('ssh-banner'), what: 'MySQL client to a server that greets with an SSH banner' }]

const clients = [
  { program: 'python3-pymysql', ecosystem: 'mysql', v: deb('python3-pymysql'), sc: SERVER_FIRST, how: 'pymysql.connect(host=HOST, port=PORT, user="app", connect_timeout=3)',
    cmd: t => [PY, ['-c', `import pymysql\npymysql.connect(host=${J(t.host)}, port=${t.port}, user="app", password="x", connect_timeout=3, read_timeout=3)`]] },
  { program: 'python3-redis', ecosystem: 'redis', v: deb('python3-redis'), sc: CLIENT_FIRST, how: 'redis.Redis(host=HOST, port=PORT, socket_connect_timeout=3, socket_timeout=3).ping()',
    cmd: t => [PY, ['-c', `import redis\nredis.Redis(host=${J(t.host)}, port=${t.port}, socket_connect_timeout=3, socket_timeout=3).ping()`]] },
  { program: 'python3-pika', ecosystem: 'amqp', v: deb('python3-pika'), sc: CLIENT_FIRST, how: 'pika.BlockingConnection(pika.ConnectionParameters(HOST, PORT, connection_attempts=1, socket_timeout=3))',
    cmd: t => [PY, ['-c', `import pika\npika.BlockingConnection(pika.ConnectionParameters(${J(t.host)}, ${t.port}, connection_attempts=1, socket_timeout=3, stack_timeout=5))`]] },
  { program: 'python3-paramiko', ecosystem: 'ssh', v: deb('python3-paramiko'), sc: CLIENT_FIRST, how: 'paramiko.SSHClient().connect(HOST, PORT, username="app", password="x", timeout=3, banner_timeout=3)',
    cmd: t => [PY, ['-c', `import paramiko\nc = paramiko.SSHClient()\nc.set_missing_host_key_policy(paramiko.AutoAddPolicy())\nc.connect(${J(t.host)}, ${t.port}, username="app", password="x", timeout=3, banner_timeout=3, auth_timeout=3, look_for_keys=False, allow_agent=False)`]] },
  { program: 'ruby-redis', ecosystem: 'redis', v: deb('ruby-redis'), sc: CLIENT_FIRST, how: 'Redis.new(host: HOST, port: PORT, connect_timeout: 3, read_timeout: 3, reconnect_attempts: 0).ping',
    cmd: t => ['ruby', ['-e', `require "redis"\nRedis.new(host: ${J(t.host)}, port: ${t.port}, connect_timeout: 3, read_timeout: 3, reconnect_attempts: 0).ping`]] },
  { program: 'ruby-mysql2', ecosystem: 'mysql', v: deb('ruby-mysql2'), sc: SERVER_FIRST, how: 'Mysql2::Client.new(host: HOST, port: PORT, username: "app", connect_timeout: 3)',
    cmd: t => ['ruby', ['-e', `require "mysql2"\nMysql2::Client.new(host: ${J(t.host)}, port: ${t.port}, username: "app", password: "x", connect_timeout: 3, read_timeout: 3, protocol: :tcp)`]] },
  { program: 'php-redis', ecosystem: 'redis', v: deb('php8.2-redis'), sc: CLIENT_FIRST, how: '$r = new Redis(); $r->connect(HOST, PORT, 3); $r->ping();',
    cmd: t => ['php', ['-r', `$r = new Redis(); $r->connect(${J(t.host)}, ${t.port}, 3); $r->setOption(Redis::OPT_READ_TIMEOUT, 3); $r->ping();`]] },
  { program: 'php-mysqli', ecosystem: 'mysql', v: deb('php8.2-mysql'), sc: SERVER_FIRST, how: 'mysqli_init(); MYSQLI_OPT_CONNECT_TIMEOUT 3; $m->real_connect(HOST, "app", "x", "", PORT) (PHP 8 throws mysqli_sql_exception; mysqlnd reads a bare ::1 as host \':\', so [::1])',
    cmd: t => ['php', ['-r', `$m = mysqli_init(); $m->options(MYSQLI_OPT_CONNECT_TIMEOUT, 3); $m->options(MYSQLI_OPT_READ_TIMEOUT, 3); $m->real_connect(${J(t.host.includes(':') ? `[${t.host}]` : t.host)}, "app", "x", "", ${t.port});`]] },
  { program: 'perl-dbd-pg', ecosystem: 'postgres', v: deb('libdbd-pg-perl'), sc: CLIENT_FIRST, how: 'DBI->connect("dbi:Pg:host=HOST;port=PORT;connect_timeout=3", "app", "x", {RaiseError => 1})',
    cmd: t => ['perl', ['-e', `use DBI; DBI->connect("dbi:Pg:host=${t.host};port=${t.port};dbname=app;connect_timeout=3", "app", "x", {RaiseError => 1, PrintError => 0});`], { env: { PGSSLMODE: 'disable' } }] },
  { program: 'perl-dbd-mysql', ecosystem: 'mysql', v: deb('libdbd-mysql-perl'), sc: SERVER_FIRST, how: 'DBI->connect("dbi:mysql:host=HOST;port=PORT;mysql_connect_timeout=3", "app", "x", {RaiseError => 1})',
    cmd: t => ['perl', ['-e', `use DBI; DBI->connect("dbi:mysql:host=${t.host};port=${t.port};mysql_connect_timeout=3;mysql_read_timeout=3", "app", "x", {RaiseError => 1, PrintError => 0});`]] },
]

await family(async () => {
  for (const c of clients) {
    await captureClient({ program: c.program, ecosystem: c.ecosystem, version: c.v, how: c.how, cmd: c.cmd }, c.sc)
  }
})
