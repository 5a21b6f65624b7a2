// Round 17: Java client libraries packaged by Debian (lib*-java, jars under /usr/share/java) that put a socket failure
// in their own words: OkHttp 3 (libokhttp-java), Apache HttpClient 4 (libhttpclient-java) and 5 (libhttpclient5-java,
// classic API), Netty's client Bootstrap (libnetty-java, NIO transport), JSch (libjsch-java), Apache Commons Net's
// FTPClient (libcommons-net-java), Jakarta Mail's SMTP transport (libjakarta-mail-java), Jetty 9's HttpClient
// (libjetty9-extra-java), the MongoDB Java driver 3.6 (libmongodb-java), the RabbitMQ Java client (librabbitmq-client-java),
// and three clients in the JDK itself: JNDI's LDAP provider (javax.naming), RMI's registry lookup (java.rmi) and a JMX
// connector over RMI (javax.management.remote). Round 1's programs (java.mjs: java.net.Socket, HttpClient,
// HttpURLConnection, JDBC) are not repeated.
//
// One Java file (below, written to a temp dir and compiled with javac inside the namespace; no --prepare, every jar is
// a Debian package installed before the capture) runs one library's call per mode; main prints an escaping exception
// exactly as the JVM's default handler does (`Exception in thread "main" ` + printStackTrace) and exits, because
// Jetty's client keeps non-daemon threads that would hold the JVM open after main died. Loggers are silenced by
// slf4j-nop on the class path (HttpClient 5, Jetty, the MongoDB driver and the RabbitMQ client log through SLF4J);
// HttpClient 4 logs through commons-logging to java.util.logging, whose INFO lines are kept as printed.
// Timeouts are each library's own, 3 s.
//
// The JDK's socket messages come from glibc's strerror and are translated (round 1: `Verbindungsaufbau abgelehnt`),
// so every program here is decided translated by the C/de_DE check. A JVM start and a 3 s timeout per run make the
// 8 locales of JAVA_LOCALES too long for this round's time, so the translated programs run in C, de_DE and ja_JP only.
//
// Kept as printed: Netty's java.util.logging WARNING `Failed to find a usable hardware address from the network
// interfaces; using random bytes: …` (io.netty.util.internal.MacAddressUtil) before each of its texts: the namespace has
// only `lo`, and Netty refuses slf4j-nop's NOP factory and falls back to java.util.logging. HttpClient 4's INFO lines
// from RetryExec (`I/O exception (…) caught when processing request … Retrying request`) before the reset's and the
// hang-up's exception. Not kept: RMI's and JMX's timeout (the registry's connect has no timeout of its own; nothing
// was printed before the capture killed the JVM at 15 s, and an empty text is not recorded).
import { chmodSync } from 'node:fs'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { family, captureClient, tempFiles, debianPackage, scenario, scenariosNamed, serverFirstScenarios, GREETED_SCENARIOS, SCENARIOS, bannerServer, httpServer } from './lib.mjs'

const JAVA = String.raw`// java JLibs <mode> <host> <port> <scheme>: one library's client call; its exception is left uncaught.
import java.net.*;
import java.security.cert.X509Certificate;
import java.util.*;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.*;

public class JLibs {
  static X509TrustManager TM = new X509TrustManager() {
    public void checkClientTrusted(X509Certificate[] c, String a) {}
    public void checkServerTrusted(X509Certificate[] c, String a) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; } };
  static SSLContext trustAll() throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] { TM }, null);
    return ctx;
  }

  // As the JVM prints an uncaught exception (ThreadGroup.uncaughtException), then exit: some clients (Jetty's) keep
  // non-daemon threads that would hold the JVM open after main died.
  public static void main(String[] args) {
    try { run(args); } catch (Throwable e) {
      System.err.print("Exception in thread \"main\" ");
      e.printStackTrace(System.err);
      System.exit(1);
    }
    System.exit(0);
  }

  static void run(String[] args) throws Exception {
    String mode = args[0], host = args[1];
    int port = Integer.parseInt(args[2]);
    String scheme = args.length > 3 ? args[3] : "http";
    boolean tls = scheme.equals("https");
    String h = host.contains(":") ? "[" + host + "]" : host;
    String url = scheme + "://" + h + ":" + port + "/";
    switch (mode) {
      case "okhttp": {
        okhttp3.OkHttpClient c = new okhttp3.OkHttpClient.Builder().connectTimeout(3, TimeUnit.SECONDS).readTimeout(3, TimeUnit.SECONDS)
          .sslSocketFactory(trustAll().getSocketFactory(), TM).hostnameVerifier((a, b) -> true).build();
        try (okhttp3.Response r = c.newCall(new okhttp3.Request.Builder().url(url).build()).execute()) { System.out.println(r.code()); }
        break;
      }
      case "httpclient4": {
        org.apache.http.client.config.RequestConfig rc = org.apache.http.client.config.RequestConfig.custom().setConnectTimeout(3000).setSocketTimeout(3000).build();
        org.apache.http.impl.client.CloseableHttpClient c = org.apache.http.impl.client.HttpClients.custom().setDefaultRequestConfig(rc)
          .setSSLContext(trustAll()).setSSLHostnameVerifier(org.apache.http.conn.ssl.NoopHostnameVerifier.INSTANCE).build();
        System.out.println(c.execute(new org.apache.http.client.methods.HttpGet(url)).getStatusLine());
        break;
      }
      case "httpclient5": {
        var cm = org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder.create()
          .setDefaultConnectionConfig(org.apache.hc.client5.http.config.ConnectionConfig.custom()
            .setConnectTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(3)).setSocketTimeout(org.apache.hc.core5.util.Timeout.ofSeconds(3)).build())
          .setSSLSocketFactory(org.apache.hc.client5.http.ssl.SSLConnectionSocketFactoryBuilder.create().setSslContext(trustAll())
            .setHostnameVerifier(org.apache.hc.client5.http.ssl.NoopHostnameVerifier.INSTANCE).build()).build();
        var c = org.apache.hc.client5.http.impl.classic.HttpClients.custom().setConnectionManager(cm).build();
        Integer code = c.execute(new org.apache.hc.client5.http.classic.methods.HttpGet(url), r -> r.getCode()); System.out.println(code);
        break;
      }
      case "netty": {
        io.netty.channel.EventLoopGroup g = new io.netty.channel.nio.NioEventLoopGroup(1);
        final io.netty.util.concurrent.Promise<Object>[] done = new io.netty.util.concurrent.Promise[1];
        done[0] = g.next().newPromise();
        io.netty.bootstrap.Bootstrap b = new io.netty.bootstrap.Bootstrap().group(g).channel(io.netty.channel.socket.nio.NioSocketChannel.class)
          .option(io.netty.channel.ChannelOption.CONNECT_TIMEOUT_MILLIS, 3000)
          .handler(new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override public void channelRead(io.netty.channel.ChannelHandlerContext ctx, Object msg) { done[0].trySuccess(msg); }
            @Override public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) { done[0].tryFailure(cause); }
          });
        io.netty.channel.Channel ch = b.connect(host, port).sync().channel();
        ch.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes())).sync();
        done[0].await(3000);
        if (!done[0].isSuccess() && done[0].cause() != null) io.netty.util.internal.PlatformDependent.throwException(done[0].cause());
        break;
      }
      case "jsch": {
        com.jcraft.jsch.Session s = new com.jcraft.jsch.JSch().getSession("app", host, port);
        s.setPassword("x");
        s.setConfig("StrictHostKeyChecking", "no");
        s.connect(3000);
        break;
      }
      case "commons-net-ftp": {
        org.apache.commons.net.ftp.FTPClient c = new org.apache.commons.net.ftp.FTPClient();
        c.setConnectTimeout(3000);
        c.setDefaultTimeout(3000);
        c.connect(host, port);
        c.login("app", "x");
        break;
      }
      case "jakarta-mail": {
        Properties p = new Properties();
        p.put("mail.smtp.host", host); p.put("mail.smtp.port", String.valueOf(port));
        p.put("mail.smtp.connectiontimeout", "3000"); p.put("mail.smtp.timeout", "3000");
        jakarta.mail.Transport t = jakarta.mail.Session.getInstance(p).getTransport("smtp");
        t.connect();
        break;
      }
      case "jetty-client": {
        org.eclipse.jetty.client.HttpClient c = new org.eclipse.jetty.client.HttpClient(new org.eclipse.jetty.util.ssl.SslContextFactory.Client(true));
        c.setConnectTimeout(3000);
        c.start();
        System.out.println(c.newRequest(url).timeout(3, TimeUnit.SECONDS).send().getStatus());
        break;
      }
      case "mongodb": {
        String u = "mongodb://" + h + ":" + port + "/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&socketTimeoutMS=3000" + (tls ? "&ssl=true&sslInvalidHostNameAllowed=true" : "");
        com.mongodb.MongoClient c = new com.mongodb.MongoClient(new com.mongodb.MongoClientURI(u));
        System.out.println(c.getDatabase("admin").runCommand(new org.bson.Document("ping", 1)));
        break;
      }
      case "rabbitmq": {
        com.rabbitmq.client.ConnectionFactory f = new com.rabbitmq.client.ConnectionFactory();
        f.setHost(host); f.setPort(port); f.setConnectionTimeout(3000); f.setHandshakeTimeout(3000);
        f.setAutomaticRecoveryEnabled(false);
        if (tls) f.useSslProtocol(trustAll());
        f.newConnection().close();
        break;
      }
      case "jndi-ldap": {
        Hashtable<String, String> env = new Hashtable<>();
        env.put(javax.naming.Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(javax.naming.Context.PROVIDER_URL, (tls ? "ldaps://" : "ldap://") + h + ":" + port);
        env.put(javax.naming.Context.SECURITY_AUTHENTICATION, "simple");
        env.put(javax.naming.Context.SECURITY_PRINCIPAL, "cn=app,dc=example,dc=org");
        env.put(javax.naming.Context.SECURITY_CREDENTIALS, "x");
        env.put("com.sun.jndi.ldap.connect.timeout", "3000");
        env.put("com.sun.jndi.ldap.read.timeout", "3000");
        new javax.naming.directory.InitialDirContext(env);
        break;
      }
      case "rmi": {
        System.out.println(java.rmi.registry.LocateRegistry.getRegistry(host, port).lookup("app"));
        break;
      }
      case "jmx": {
        javax.management.remote.JMXServiceURL u = new javax.management.remote.JMXServiceURL("service:jmx:rmi:///jndi/rmi://" + h + ":" + port + "/jmxrmi");
        javax.management.remote.JMXConnectorFactory.connect(u).getMBeanServerConnection().getMBeanCount();
        break;
      }
      default: throw new IllegalArgumentException(mode);
    }
  }
}
`

const J = '/usr/share/java/'
const jars = names => names.map(n => J + n + '.jar')
const SLF4J = jars(['slf4j-api', 'slf4j-nop'])
const JARS = {
  okhttp: jars(['okhttp', 'okio']),
  httpclient4: jars(['httpclient', 'httpcore', 'commons-logging']),
  httpclient5: [...jars(['httpclient5', 'httpcore5', 'httpcore5-h2']), ...SLF4J],
  netty: [...jars(['netty-buffer', 'netty-common', 'netty-transport', 'netty-resolver']), ...SLF4J],
  jsch: jars(['jsch']),
  'commons-net-ftp': jars(['commons-net']),
  'jakarta-mail': jars(['jakarta-mail', 'jakarta-activation']),
  'jetty-client': [...jars(['jetty9-client', 'jetty9-http', 'jetty9-io', 'jetty9-util']), ...SLF4J],
  mongodb: [...jars(['mongo-java-driver']), ...SLF4J],
  rabbitmq: [...jars(['amqp-client']), ...SLF4J],
  'jndi-ldap': [], rmi: [], jmx: [],
}
const JOPTS = ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx64m']
const LOCALES = ['C', 'de_DE.UTF-8', 'ja_JP.UTF-8']

const BASE = scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver'])
const toHttp = { name: 'to-http', kind: 'protocol-mismatch', accept: [], what: 'the client (plain) to a plain HTTP server (it answers 400 to bytes that are not HTTP and closes)',
  setup: async () => ({ host: '127.0.0.1', port: await httpServer('127.0.0.1'), scheme: 'http' }) }
const CLIENT_FIRST = [...BASE, ...scenariosNamed(['reset', 'hang-up']), toHttp, scenario('plain-to-tls')]
const WITH_TLS = [...CLIENT_FIRST, { ...scenario('tls-to-plain'), what: 'the client with TLS on to a plain HTTP server' }]
const SSH_FIRST = [...BASE, ...GREETED_SCENARIOS, toHttp, { name: 'smtp-banner', kind: 'protocol-mismatch', accept: [], what: 'SSH client to a server that greets with an SMTP banner',
  setup: async () => ({ host: '127.0.0.1', port: await bannerServer('220 localhost ESMTP Postfix\r\n'), scheme: 'http' }) }]

function javaVersion () {
  return execFileSync('sh', ['-c', 'java -version 2>&1']).toString().split('\n')[0].replace(/"/g, '').trim()
}

const clients = [
  { program: 'java-okhttp', mode: 'okhttp', pkg: 'libokhttp-java', sc: SCENARIOS,
    how: 'new OkHttpClient.Builder().connectTimeout(3 s).readTimeout(3 s) (trust-all sslSocketFactory for https).build().newCall(GET url).execute(), uncaught' },
  { program: 'java-apache-httpclient4', mode: 'httpclient4', pkg: 'libhttpclient-java', sc: SCENARIOS,
    how: 'HttpClients.custom().setDefaultRequestConfig(connectTimeout 3000, socketTimeout 3000) (trust-all SSLContext for https).build().execute(new HttpGet(url)), default retry handler, commons-logging to java.util.logging; uncaught' },
  { program: 'java-apache-httpclient5', mode: 'httpclient5', pkg: 'libhttpclient5-java', sc: SCENARIOS,
    how: 'HttpClients.custom().setConnectionManager(pooling, ConnectionConfig connectTimeout 3 s, socketTimeout 3 s, trust-all TLS).build().execute(new HttpGet(url), handler) (classic API), uncaught' },
  { program: 'java-netty-bootstrap', mode: 'netty', pkg: 'libnetty-java', sc: [...BASE, scenario('reset')],
    how: 'new Bootstrap().group(NioEventLoopGroup).channel(NioSocketChannel).option(CONNECT_TIMEOUT_MILLIS, 3000).connect(host, port).sync(), then writeAndFlush a GET and the first exceptionCaught rethrown; uncaught' },
  { program: 'java-jsch', mode: 'jsch', pkg: 'libjsch-java', sc: SSH_FIRST,
    how: 'new JSch().getSession("app", host, port) (password, StrictHostKeyChecking=no).connect(3000), uncaught' },
  { program: 'java-commons-net-ftp', mode: 'commons-net-ftp', pkg: 'libcommons-net-java', sc: serverFirstScenarios('FTP client'),
    how: 'FTPClient c; c.setConnectTimeout(3000); c.setDefaultTimeout(3000); c.connect(host, port); c.login("app", "x"); uncaught' },
  { program: 'java-jakarta-mail-smtp', mode: 'jakarta-mail', pkg: 'libjakarta-mail-java', sc: serverFirstScenarios('SMTP client'),
    how: 'Session.getInstance(mail.smtp.host/port, mail.smtp.connectiontimeout=3000, mail.smtp.timeout=3000).getTransport("smtp").connect(), uncaught' },
  { program: 'java-jetty-httpclient', mode: 'jetty-client', pkg: 'libjetty9-extra-java', sc: SCENARIOS,
    how: 'new HttpClient(new SslContextFactory.Client(true)); setConnectTimeout(3000); start(); newRequest(url).timeout(3, SECONDS).send(), uncaught' },
  { program: 'java-mongodb-driver', mode: 'mongodb', pkg: 'libmongodb-java', sc: WITH_TLS,
    how: 'new MongoClient(new MongoClientURI("mongodb://HOST:PORT/?serverSelectionTimeoutMS=3000&connectTimeoutMS=3000&socketTimeoutMS=3000" (&ssl=true&sslInvalidHostNameAllowed=true for tls-to-plain))).getDatabase("admin").runCommand({ping: 1}), uncaught' },
  { program: 'java-rabbitmq-client', mode: 'rabbitmq', pkg: 'librabbitmq-client-java', sc: WITH_TLS,
    how: 'ConnectionFactory f; setHost/setPort; setConnectionTimeout(3000); setHandshakeTimeout(3000); setAutomaticRecoveryEnabled(false) (useSslProtocol(trust-all) for tls-to-plain); f.newConnection(), uncaught' },
  { program: 'java-jndi-ldap', mode: 'jndi-ldap', sc: WITH_TLS,
    how: 'new InitialDirContext(env: LdapCtxFactory, ldap://HOST:PORT (ldaps:// for tls-to-plain), simple bind cn=app,dc=example,dc=org, com.sun.jndi.ldap.connect.timeout=3000, read.timeout=3000), uncaught' },
  { program: 'java-rmi-registry', mode: 'rmi', sc: CLIENT_FIRST,
    how: 'LocateRegistry.getRegistry(host, port).lookup("app"), uncaught' },
  { program: 'java-jmx-rmi', mode: 'jmx', sc: CLIENT_FIRST,
    how: 'JMXConnectorFactory.connect(new JMXServiceURL("service:jmx:rmi:///jndi/rmi://HOST:PORT/jmxrmi")).getMBeanServerConnection(), uncaught' },
]

await family(async () => {
  const dir = tempFiles('cz-jlibs-', { 'JLibs.java': JAVA })
  chmodSync(dir, 0o755)
  const jdk = javaVersion()
  const all = [...new Set(Object.values(JARS).flat())]
  execFileSync('javac', ['-nowarn', '-Xlint:none', '-d', join(dir, 'out'), '-cp', all.join(':'), join(dir, 'JLibs.java')], { stdio: ['ignore', 2, 2] })
  // One class path for every mode: the verifier loads the classes that JLibs.run names, whichever mode runs.
  const cp = [join(dir, 'out'), ...all].join(':')
  const only = (process.env.JLIBS_ONLY ?? '').split(',').filter(Boolean)
  for (const c of clients) {
    if (only.length && !only.includes(c.program)) continue
    const v = c.pkg ? `${debianPackage(c.pkg)} on ${jdk}` : jdk
    await captureClient({ program: c.program, ecosystem: 'java', version: v, how: c.how, localeSet: LOCALES,
      locales: process.env.JLIBS_QUICK ? [process.env.JLIBS_QUICK] : undefined,
      cmd: t => ['java', [...JOPTS, '-cp', cp, 'JLibs', c.mode, t.host, String(t.port), t.scheme ?? 'http'], { timeout: 15000 }] }, c.sc)
  }
})
