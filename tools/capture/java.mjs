// OpenJDK 17 (Debian): java.net.http.HttpClient, HttpURLConnection, Socket, ServerSocket, the JDK's HttpServer,
// and JDBC with Debian's drivers (libpostgresql-jdbc-java, libmariadb-java). programs/Lab.java is compiled once.
import { execFileSync } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { family, captureClient, captureServer, version, tempDir, SCENARIOS, scenario, JAVA_LOCALES } from './lib.mjs'

const src = join(dirname(fileURLToPath(import.meta.url)), 'programs', 'Lab.java')
const JARS = ['/usr/share/java/postgresql.jar', '/usr/share/java/mariadb-java-client.jar']
const TCP = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
const DB = [...TCP, { ...scenario('tls-to-plain'), name: 'to-http', what: 'driver to a plain HTTP server' }]
/** A JVM start costs seconds here, so translated Java programs run in C and 8 of the 16 locales. */
const localeSet = JAVA_LOCALES
const JOPTS = ['-Xshare:auto', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', '-Xmx64m']

function javaVersion () {
  return execFileSync('sh', ['-c', 'java -version 2>&1']).toString().split('\n')[0].replace(/"/g, '').trim()
}

await family(async () => {
  const dir = tempDir('cz-java-')
  // mkdtemp makes the directory 0700: the privileged scenario runs java as nobody, which could then not read Lab.class
  // and printed "Could not find or load main class Lab" instead of the bind error (8 texts of round 1, re-captured).
  chmodSync(dir, 0o755)
  // java -version writes to stderr; version() reads stdout first, so the round-1 sources carry an empty version.
  const v = javaVersion()
  execFileSync('javac', ['-nowarn', '-d', dir, src], { stdio: 'inherit' })
  const cp = [dir, ...JARS].join(':')
  const j = (mode, t) => ['java', [...JOPTS, '-cp', cp, 'Lab', mode, t.host, String(t.port), t.scheme ?? 'http'], { timeout: 15000 }]
  await captureClient({ localeSet, program: 'java-httpclient', ecosystem: 'java', version: v, how: 'java.net.http.HttpClient.send (connectTimeout 3 s), uncaught', cmd: t => j('httpclient', t) })
  await captureClient({ localeSet, program: 'java-httpurlconnection', ecosystem: 'java', version: v, how: 'HttpURLConnection.getResponseCode (timeouts 3 s), uncaught', cmd: t => j('urlconnection', t) })
  await captureClient({ localeSet, program: 'java-socket', ecosystem: 'java', version: v, how: 'new Socket().connect(addr, 3000), write, read; uncaught', cmd: t => j('socket', t) }, TCP)
  await captureClient({ localeSet, program: 'jdbc-postgresql', ecosystem: 'postgres', version: 'pgjdbc ' + version('dpkg-query', ['-W', '-f=${Version}', 'libpostgresql-jdbc-java']) + ' on ' + v,
    how: 'DriverManager.getConnection("jdbc:postgresql://HOST:PORT/app?connectTimeout=3"), uncaught', cmd: t => j('jdbc-postgresql', t) }, DB)
  await captureClient({ localeSet, program: 'jdbc-mariadb', ecosystem: 'mysql', version: 'mariadb-java-client ' + version('dpkg-query', ['-W', '-f=${Version}', 'libmariadb-java']) + ' on ' + v,
    how: 'DriverManager.getConnection("jdbc:mariadb://HOST:PORT/app?connectTimeout=3000"), uncaught', cmd: t => j('jdbc-mariadb', t) }, DB)
  await captureServer({ localeSet, program: 'java-serversocket', ecosystem: 'java', version: v, how: 'new ServerSocket().bind(new InetSocketAddress(host, port)), uncaught', timeout: 12000, cmd: t => j('serversocket', t) })
  await captureServer({ localeSet, program: 'java-httpserver', ecosystem: 'java', version: v, how: 'com.sun.net.httpserver.HttpServer.create(addr, 0), uncaught', timeout: 12000, cmd: t => j('httpserver', t) })
})
