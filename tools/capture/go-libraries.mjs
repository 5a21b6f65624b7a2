// Round 17: Go client libraries packaged by Debian (golang-*-dev, sources under /usr/share/gocode/src) that put a
// socket failure in their own words. Each program is one small main package that lets the error escape as a program
// that does not handle it would (log.Fatal(err)); round 1's go.mjs (net/http, net.Dial) is not repeated.
//
// Nothing is fetched: run.mjs first calls this script with `--prepare DIR` outside the namespace, and the machine's Go
// (golang-go, Debian's Go 1.19) builds each program into DIR in GOPATH mode from Debian's packaged sources
// (GO111MODULE=off GOPATH=/usr/share/gocode GOPROXY=off GOFLAGS=); the capture then runs the binaries inside the
// namespace. Timeouts are the libraries' own dial/connect options, 3 s.
// Client-first protocols get the connect failures, the reset and the hang-up after their first bytes, a plain HTTP
// server (`to-http`), a TLS server (`plain-to-tls`) and, where the library has a TLS switch, TLS to a plain HTTP server
// (`tls-to-plain`); server-first protocols (MySQL, SSH, FTP, NATS) the connect failures, GREETED_SCENARIOS and another
// protocol's greeting. None of these libraries has a message catalogue (Go programs print English), so after the
// C/de_DE check each runs in C only.
import { execFileSync } from 'node:child_process'
import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'

const HEAD = `package main

import (
	"crypto/tls"
	"log"
	"net"
	"os"
	"time"
)

var _ = tls.Config{}
var _ = time.Second

func args() (host, port string, useTLS bool, addr string) {
	host, port = os.Args[1], os.Args[2]
	useTLS = len(os.Args) > 3 && os.Args[3] == "tls"
	return host, port, useTLS, net.JoinHostPort(host, port)
}
`
const prog = (imports, body) => HEAD.replace('"crypto/tls"', `"crypto/tls"\n${imports.map(i => `\t${i}`).join('\n')}`) +
  `\nfunc main() {\n\tlog.SetFlags(0)\n\thost, port, useTLS, addr := args()\n\t_, _, _, _ = host, port, useTLS, addr\n${body}\n}\n`

/** program name -> { pkg (Debian package), importPath (for the version line), src, how } */
export const PROGRAMS = {
  'go-lib-pq': { pkg: 'golang-github-lib-pq-dev', how: 'sql.Open("postgres", "host=HOST port=PORT user=app password=x dbname=app sslmode=disable (require for tls-to-plain) connect_timeout=3").Ping(); log.Fatal(err)',
    src: prog(['"database/sql"', '"fmt"', '_ "github.com/lib/pq"'], `
	mode := "disable"
	if useTLS { mode = "require" }
	db, err := sql.Open("postgres", fmt.Sprintf("host=%s port=%s user=app password=x dbname=app sslmode=%s connect_timeout=3", host, port, mode))
	if err != nil { log.Fatal(err) }
	if err := db.Ping(); err != nil { log.Fatal(err) }`) },
  'go-pgx': { pkg: 'golang-github-jackc-pgx-v4-dev', how: 'pgx.Connect(ctx, "postgres://app:x@HOST:PORT/app?sslmode=disable (require for tls-to-plain)&connect_timeout=3"); log.Fatal(err)',
    src: prog(['"context"', '"fmt"', '"github.com/jackc/pgx/v4"'], `
	mode := "disable"
	if useTLS { mode = "require" }
	_, err := pgx.Connect(context.Background(), fmt.Sprintf("postgres://app:x@%s/app?sslmode=%s&connect_timeout=3", addr, mode))
	if err != nil { log.Fatal(err) }`) },
  'go-sql-driver-mysql': { pkg: 'golang-github-go-sql-driver-mysql-dev', how: 'sql.Open("mysql", "app:x@tcp(HOST:PORT)/app?timeout=3s&readTimeout=3s").Ping(); log.Fatal(err)',
    src: prog(['"database/sql"', '_ "github.com/go-sql-driver/mysql"'], `
	db, err := sql.Open("mysql", "app:x@tcp("+addr+")/app?timeout=3s&readTimeout=3s&writeTimeout=3s")
	if err != nil { log.Fatal(err) }
	if err := db.Ping(); err != nil { log.Fatal(err) }`) },
  'go-grpc': { pkg: 'golang-google-grpc-dev', how: 'grpc.Dial(HOST:PORT, insecure (TLS, InsecureSkipVerify for tls-to-plain)); grpc_health_v1 Check with a 3 s deadline; log.Fatal(err)',
    src: prog(['"context"', '"google.golang.org/grpc"', '"google.golang.org/grpc/credentials"', '"google.golang.org/grpc/health/grpc_health_v1"'], `
	opt := grpc.WithInsecure()
	if useTLS { opt = grpc.WithTransportCredentials(credentials.NewTLS(&tls.Config{InsecureSkipVerify: true})) }
	conn, err := grpc.Dial(addr, opt)
	if err != nil { log.Fatal(err) }
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
	defer cancel()
	_, err = grpc_health_v1.NewHealthClient(conn).Check(ctx, &grpc_health_v1.HealthCheckRequest{})
	if err != nil { log.Fatal(err) }`) },
  'go-gorilla-websocket': { pkg: 'golang-github-gorilla-websocket-dev', how: 'websocket.Dialer{HandshakeTimeout: 3s}.Dial("ws://HOST:PORT/" (wss:// with InsecureSkipVerify for tls-to-plain)), then ReadMessage; log.Fatal(err)',
    src: prog(['"github.com/gorilla/websocket"'], `
	scheme := "ws"
	if useTLS { scheme = "wss" }
	d := websocket.Dialer{HandshakeTimeout: 3 * time.Second, TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}
	c, _, err := d.Dial(scheme+"://"+addr+"/", nil)
	if err != nil { log.Fatal(err) }
	c.SetReadDeadline(time.Now().Add(3 * time.Second))
	if _, _, err := c.ReadMessage(); err != nil { log.Fatal(err) }`) },
  'go-x-net-websocket': { pkg: 'golang-golang-x-net-dev', how: 'websocket.DialConfig(config for "ws://HOST:PORT/" (wss:// for tls-to-plain), Dialer{Timeout: 3s}), then Read; log.Fatal(err)',
    src: prog(['"golang.org/x/net/websocket"'], `
	scheme := "ws"
	if useTLS { scheme = "wss" }
	cfg, err := websocket.NewConfig(scheme+"://"+addr+"/", "http://localhost/")
	if err != nil { log.Fatal(err) }
	cfg.Dialer = &net.Dialer{Timeout: 3 * time.Second}
	cfg.TlsConfig = &tls.Config{InsecureSkipVerify: true}
	ws, err := websocket.DialConfig(cfg)
	if err != nil { log.Fatal(err) }
	ws.SetReadDeadline(time.Now().Add(3 * time.Second))
	buf := make([]byte, 512)
	if _, err := ws.Read(buf); err != nil { log.Fatal(err) }`) },
  'go-nats': { pkg: 'golang-github-nats-io-go-nats-dev', how: 'nats.Connect("nats://HOST:PORT", nats.Timeout(3s)); log.Fatal(err)',
    src: prog(['"github.com/nats-io/nats.go"'], `
	_, err := nats.Connect("nats://"+addr, nats.Timeout(3*time.Second))
	if err != nil { log.Fatal(err) }`) },
  'go-amqp091': { pkg: 'golang-github-rabbitmq-amqp091-go-dev', how: 'amqp.DialConfig("amqp://guest:guest@HOST:PORT/" (amqps:// with InsecureSkipVerify for tls-to-plain), Config{Dial: amqp.DefaultDial(3s)}); log.Fatal(err)',
    src: prog(['amqp "github.com/rabbitmq/amqp091-go"'], `
	scheme := "amqp"
	if useTLS { scheme = "amqps" }
	_, err := amqp.DialConfig(scheme+"://guest:guest@"+addr+"/", amqp.Config{Dial: amqp.DefaultDial(3 * time.Second), TLSClientConfig: &tls.Config{InsecureSkipVerify: true}})
	if err != nil { log.Fatal(err) }`) },
  'go-sarama': { pkg: 'golang-github-shopify-sarama-dev', how: 'sarama.NewClient([]string{"HOST:PORT"}, config with Net.DialTimeout/ReadTimeout 3s, Metadata.Retry.Max 0 (Net.TLS.Enable for tls-to-plain)); log.Fatal(err)',
    src: prog(['"github.com/Shopify/sarama"'], `
	cfg := sarama.NewConfig()
	cfg.Net.DialTimeout = 3 * time.Second
	cfg.Net.ReadTimeout = 3 * time.Second
	cfg.Net.WriteTimeout = 3 * time.Second
	cfg.Metadata.Retry.Max = 0
	if useTLS { cfg.Net.TLS.Enable = true; cfg.Net.TLS.Config = &tls.Config{InsecureSkipVerify: true} }
	_, err := sarama.NewClient([]string{addr}, cfg)
	if err != nil { log.Fatal(err) }`) },
  'go-mongo-driver': { pkg: 'golang-mongodb-mongo-driver-dev', how: 'mongo.Connect(ctx, options.Client().ApplyURI("mongodb://HOST:PORT/" (?tls=true&tlsInsecure=true for tls-to-plain)).SetServerSelectionTimeout(3s).SetConnectTimeout(3s)), then Ping; log.Fatal(err)',
    src: prog(['"context"', '"go.mongodb.org/mongo-driver/mongo"', '"go.mongodb.org/mongo-driver/mongo/options"'], `
	uri := "mongodb://" + addr + "/"
	if useTLS { uri += "?tls=true&tlsInsecure=true" }
	ctx := context.Background()
	c, err := mongo.Connect(ctx, options.Client().ApplyURI(uri).SetServerSelectionTimeout(3*time.Second).SetConnectTimeout(3*time.Second))
	if err != nil { log.Fatal(err) }
	if err := c.Ping(ctx, nil); err != nil { log.Fatal(err) }`) },
  'go-ldap': { pkg: 'golang-github-go-ldap-ldap-dev', how: 'ldap.DialURL("ldap://HOST:PORT" (ldaps:// with InsecureSkipVerify for tls-to-plain), DialWithDialer(&net.Dialer{Timeout: 3s})), SetTimeout(3s), Bind("cn=app,dc=example,dc=org", "x"); log.Fatal(err)',
    src: prog(['"github.com/go-ldap/ldap/v3"'], `
	scheme := "ldap"
	if useTLS { scheme = "ldaps" }
	l, err := ldap.DialURL(scheme+"://"+addr, ldap.DialWithDialer(&net.Dialer{Timeout: 3 * time.Second}), ldap.DialWithTLSConfig(&tls.Config{InsecureSkipVerify: true}))
	if err != nil { log.Fatal(err) }
	l.SetTimeout(3 * time.Second)
	if err := l.Bind("cn=app,dc=example,dc=org", "x"); err != nil { log.Fatal(err) }`) },
  'go-x-crypto-ssh': { pkg: 'golang-golang-x-crypto-dev', how: 'ssh.Dial("tcp", "HOST:PORT", &ssh.ClientConfig{User: "app", Auth: Password, HostKeyCallback: InsecureIgnoreHostKey(), Timeout: 3s}); log.Fatal(err)',
    src: prog(['"golang.org/x/crypto/ssh"'], `
	cfg := &ssh.ClientConfig{User: "app", Auth: []ssh.AuthMethod{ssh.Password("x")}, HostKeyCallback: ssh.InsecureIgnoreHostKey(), Timeout: 3 * time.Second}
	_, err := ssh.Dial("tcp", addr, cfg)
	if err != nil { log.Fatal(err) }`) },
  'go-redigo': { pkg: 'golang-github-gomodule-redigo-dev', how: 'redis.Dial("tcp", "HOST:PORT", DialConnectTimeout/DialReadTimeout 3s (DialUseTLS, DialTLSSkipVerify for tls-to-plain)), Do("PING"); log.Fatal(err)',
    src: prog(['"github.com/gomodule/redigo/redis"'], `
	c, err := redis.Dial("tcp", addr, redis.DialConnectTimeout(3*time.Second), redis.DialReadTimeout(3*time.Second), redis.DialWriteTimeout(3*time.Second), redis.DialUseTLS(useTLS), redis.DialTLSSkipVerify(true))
	if err != nil { log.Fatal(err) }
	if _, err := c.Do("PING"); err != nil { log.Fatal(err) }`) },
  'go-gomemcache': { pkg: 'golang-github-bradfitz-gomemcache-dev', how: 'memcache.New("HOST:PORT") with Timeout 3s, Get("k"); log.Fatal(err)',
    src: prog(['"github.com/bradfitz/gomemcache/memcache"'], `
	mc := memcache.New(addr)
	mc.Timeout = 3 * time.Second
	if _, err := mc.Get("k"); err != nil { log.Fatal(err) }`) },
  'go-paho-mqtt': { pkg: 'golang-github-eclipse-paho.mqtt.golang-dev', how: 'mqtt.NewClient(opts.AddBroker("tcp://HOST:PORT" (ssl:// with InsecureSkipVerify for tls-to-plain)).SetConnectTimeout(3s)).Connect(); token.WaitTimeout(4s); log.Fatal(token.Error())',
    src: prog(['mqtt "github.com/eclipse/paho.mqtt.golang"'], `
	scheme := "tcp"
	if useTLS { scheme = "ssl" }
	opts := mqtt.NewClientOptions().AddBroker(scheme + "://" + addr).SetClientID("app").SetConnectTimeout(3 * time.Second).SetTLSConfig(&tls.Config{InsecureSkipVerify: true}).SetAutoReconnect(false)
	t := mqtt.NewClient(opts).Connect()
	if !t.WaitTimeout(4 * time.Second) { log.Fatal("connect did not finish in 4 s") }
	if err := t.Error(); err != nil { log.Fatal(err) }`) },
  'go-jlaffaye-ftp': { pkg: 'golang-github-jlaffaye-ftp-dev', how: 'ftp.Dial("HOST:PORT", ftp.DialWithTimeout(3s)), Login("app", "x"); log.Fatal(err)',
    src: prog(['"github.com/jlaffaye/ftp"'], `
	c, err := ftp.Dial(addr, ftp.DialWithTimeout(3*time.Second))
	if err != nil { log.Fatal(err) }
	if err := c.Login("app", "x"); err != nil { log.Fatal(err) }`) },
  'go-gocql': { pkg: 'golang-github-gocql-gocql-dev', how: 'gocql.NewCluster(HOST) with Port, ConnectTimeout/Timeout 3s, ProtoVersion 4 (SslOpts for tls-to-plain), CreateSession(); log.Fatal(err)',
    src: prog(['"strconv"', '"github.com/gocql/gocql"'], `
	c := gocql.NewCluster(host)
	c.Port, _ = strconv.Atoi(port)
	c.ConnectTimeout = 3 * time.Second
	c.Timeout = 3 * time.Second
	c.ProtoVersion = 4
	c.DisableInitialHostLookup = true
	if useTLS { c.SslOpts = &gocql.SslOptions{Config: &tls.Config{InsecureSkipVerify: true}} }
	if _, err := c.CreateSession(); err != nil { log.Fatal(err) }`) },
  'go-retryablehttp': { pkg: 'golang-github-hashicorp-go-retryablehttp-dev', how: 'retryablehttp.NewClient() with RetryMax 1, RetryWaitMin/Max 100/200 ms, HTTPClient.Timeout 3s (InsecureSkipVerify), Get(URL); log.Fatal(err)',
    src: prog(['"net/http"', '"github.com/hashicorp/go-retryablehttp"'], `
	scheme := "http"
	if useTLS { scheme = "https" }
	c := retryablehttp.NewClient()
	c.RetryMax = 1
	c.RetryWaitMin = 100 * time.Millisecond
	c.RetryWaitMax = 200 * time.Millisecond
	c.HTTPClient = &http.Client{Timeout: 3 * time.Second, Transport: &http.Transport{TLSClientConfig: &tls.Config{InsecureSkipVerify: true}}}
	if _, err := c.Get(scheme + "://" + addr + "/"); err != nil { log.Fatal(err) }`) },
  'go-kafka-go': { pkg: 'golang-github-segmentio-kafka-go-dev', how: '(&kafka.Dialer{Timeout: 3s (TLS, InsecureSkipVerify for tls-to-plain)}).DialContext(ctx, "tcp", "HOST:PORT"), SetDeadline(3s), ReadPartitions(); log.Fatal(err)',
    src: prog(['"context"', '"github.com/segmentio/kafka-go"'], `
	d := &kafka.Dialer{Timeout: 3 * time.Second}
	if useTLS { d.TLS = &tls.Config{InsecureSkipVerify: true} }
	c, err := d.DialContext(context.Background(), "tcp", addr)
	if err != nil { log.Fatal(err) }
	c.SetDeadline(time.Now().Add(3 * time.Second))
	if _, err := c.ReadPartitions(); err != nil { log.Fatal(err) }`) },
  'go-zookeeper': { pkg: 'golang-github-samuel-go-zookeeper-dev', how: 'zk.Connect([]string{"HOST:PORT"}, 3s), then Get("/") (the program exits after 5 s if Get has not returned; what the zk package default logger printed is kept); log.Fatal(err)',
    src: prog(['"github.com/samuel/go-zookeeper/zk"'], `
	go func() { time.Sleep(5 * time.Second); os.Exit(1) }()
	c, _, err := zk.Connect([]string{addr}, 3*time.Second)
	if err != nil { log.Fatal(err) }
	if _, _, err := c.Get("/"); err != nil { log.Fatal(err) }`) },
  'go-miekg-dns': { pkg: 'golang-github-miekg-dns-dev', how: 'dns.Client{Net: "tcp" ("tcp-tls", InsecureSkipVerify for tls-to-plain), Timeout: 3s}.Exchange(A query for example.org., "HOST:PORT"); log.Fatal(err)',
    src: prog(['"github.com/miekg/dns"'], `
	c := &dns.Client{Net: "tcp", Timeout: 3 * time.Second}
	if useTLS { c.Net = "tcp-tls"; c.TLSConfig = &tls.Config{InsecureSkipVerify: true} }
	m := new(dns.Msg)
	m.SetQuestion("example.org.", dns.TypeA)
	if _, _, err := c.Exchange(m, addr); err != nil { log.Fatal(err) }`) },
}

const GOENV = dir => ({ ...process.env, GO111MODULE: 'off', GOPATH: '/usr/share/gocode', GOPROXY: 'off', GOFLAGS: '', GOCACHE: join(dir, 'cache'), CGO_ENABLED: '0' })

if (process.argv[2] === '--prepare') {
  const dir = process.argv[3]
  const only = process.argv.slice(4)
  for (const [name, p] of Object.entries(PROGRAMS)) {
    if (only.length && !only.includes(name)) continue
    const srcDir = join(dir, 'src', name)
    mkdirSync(srcDir, { recursive: true })
    writeFileSync(join(srcDir, 'main.go'), p.src)
    try {
      execFileSync('go', ['build', '-o', join(dir, 'bin', name), join(srcDir, 'main.go')], { env: GOENV(dir), stdio: ['ignore', 2, 2] })
      console.error(`built ${name}`)
    } catch (err) { console.error(`could not build ${name}: ${err.message}`) }
  }
  process.exit(0)
}

const { family, captureClient, debianPackage, version, scenario, scenariosNamed, GREETED_SCENARIOS, WS_SCENARIOS, SCENARIOS, bannerServer, httpServer } = await import('./lib.mjs')
const dir = process.env.CAPTURE_PREP
const goV = version('go', ['version'], s => s.split(' ')[2])
const BASE = scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const toHttp = { name: 'to-http', kind: 'protocol-mismatch', accept: [], what: 'the client (plain) to a plain HTTP server (it answers 400 to bytes that are not HTTP and closes)',
  setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1'), scheme: 'http' }) }
const tlsToPlain = { ...scenario('tls-to-plain'), what: 'the client with TLS on to a plain HTTP server' }
const CLIENT_FIRST = [...BASE, ...scenariosNamed(['reset', 'hang-up']), toHttp, scenario('plain-to-tls')]
const WITH_TLS = [...CLIENT_FIRST, tlsToPlain]
const WS = [...BASE, ...scenariosNamed(['reset', 'hang-up']), ...WS_SCENARIOS, scenario('plain-to-tls'), tlsToPlain]
const banner = (name, text, what) => ({ name, kind: 'protocol-mismatch', accept: [], what,
  setup: async () => ({ host: '127.0.0.1', port: await bannerServer(text), scheme: 'http' }) })
const sshBanner = what => banner('ssh-banner', 'SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n', `${what} to a server that greets with an SSH banner`)
const SERVER_FIRST = what => [...BASE, ...GREETED_SCENARIOS, sshBanner(what)]
const SSH_FIRST = [...BASE, ...GREETED_SCENARIOS, banner('smtp-banner', '220 localhost ESMTP Postfix\r\n', 'SSH client to a server that greets with an SMTP banner')]

// x/crypto/ssh runs no smtp-banner and jlaffaye/ftp no ssh-banner: ClientConfig.Timeout and DialWithTimeout bound the
// TCP dial only, and each then waits for a line it never gets (`SSH-…`, a 3-digit reply), so both printed nothing
// before the capture's limit (the first run of this round).
const SKIP = { 'go-x-crypto-ssh': ['smtp-banner'], 'go-jlaffaye-ftp': ['ssh-banner'] }
const SC = {
  'go-lib-pq': WITH_TLS, 'go-pgx': WITH_TLS, 'go-sql-driver-mysql': SERVER_FIRST('MySQL client'), 'go-grpc': WITH_TLS,
  'go-gorilla-websocket': WS, 'go-x-net-websocket': WS, 'go-nats': SERVER_FIRST('NATS client'), 'go-amqp091': WITH_TLS,
  'go-sarama': WITH_TLS, 'go-mongo-driver': WITH_TLS, 'go-ldap': WITH_TLS, 'go-x-crypto-ssh': SSH_FIRST,
  'go-redigo': WITH_TLS, 'go-gomemcache': CLIENT_FIRST, 'go-paho-mqtt': WITH_TLS, 'go-jlaffaye-ftp': SERVER_FIRST('FTP client'),
  'go-gocql': WITH_TLS, 'go-retryablehttp': SCENARIOS, 'go-kafka-go': WITH_TLS, 'go-zookeeper': CLIENT_FIRST, 'go-miekg-dns': WITH_TLS,
}

await family(async () => {
  for (const [name, p] of Object.entries(PROGRAMS)) {
    const bin = join(dir, 'bin', name)
    await captureClient({ program: name, ecosystem: 'go', version: `${debianPackage(p.pkg)} built with Go ${goV}`, how: p.how, skip: SKIP[name],
      cmd: t => [bin, [t.host, String(t.port), t.scheme === 'https' ? 'tls' : 'plain']] }, SC[name])
  }
})
