// Clients of services users run on their own machine, from Debian: the MQTT clients mosquitto_pub and mosquitto_sub,
// redis-benchmark (redis-tools; redis-cli is in redis.mjs) and ldapsearch (ldap-utils). Each client speaks first,
// so an HTTP server on the port is the protocol mismatch (it answers 400 and closes).
import { family, captureClient, version, scenario } from './lib.mjs'

const pick = names => names.map(scenario)
const TCP = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'])
const MISMATCH = what => [
  { ...scenario('tls-to-plain'), name: 'to-http', what: `${what} (plain) to a plain HTTP server` },
  { ...scenario('tls-to-plain'), what: `${what} with TLS to a plain HTTP server` },
  { ...scenario('plain-to-tls'), what: `${what} (plain) to a TLS server` },
]
const tls = t => t.scenario === 'tls-to-plain'

await family(async () => {
  const mqV = version('dpkg-query', ['-W', '-f=mosquitto-clients ${Version}', 'mosquitto-clients'])
  await captureClient({ program: 'mosquitto_pub', ecosystem: 'mqtt', version: mqV, how: 'mosquitto_pub -h HOST -p PORT -t lab/t -m x (--insecure --tls-use-os-certs for TLS)',
    cmd: t => ['mosquitto_pub', [...(tls(t) ? ['--tls-use-os-certs', '--insecure'] : []), '-h', t.host, '-p', String(t.port), '-t', 'lab/t', '-m', 'x']] },
  [...TCP, ...MISMATCH('mosquitto_pub')])
  await captureClient({ program: 'mosquitto_sub', ecosystem: 'mqtt', version: mqV, how: 'mosquitto_sub -h HOST -p PORT -t lab/t -C 1 -W 3',
    cmd: t => ['mosquitto_sub', [...(tls(t) ? ['--tls-use-os-certs', '--insecure'] : []), '-h', t.host, '-p', String(t.port), '-t', 'lab/t', '-C', '1', '-W', '3']] },
  [...TCP, ...MISMATCH('mosquitto_sub')])
  await captureClient({ program: 'redis-benchmark', ecosystem: 'redis', version: version('redis-benchmark', ['--version']), how: 'redis-benchmark -h HOST -p PORT -n 1 -c 1 -t ping -q',
    cmd: t => ['redis-benchmark', [...(tls(t) ? ['--tls', '--insecure'] : []), '-h', t.host, '-p', String(t.port), '-n', '1', '-c', '1', '-t', 'ping', '-q'], { timeout: 6000 }] },
  [...TCP.filter(s => s.name !== 'timeout'), ...MISMATCH('redis-benchmark')])
  const ldapV = version('dpkg-query', ['-W', '-f=ldap-utils ${Version}', 'ldap-utils'])
  await captureClient({ program: 'ldapsearch', ecosystem: 'ldap', version: ldapV, how: "ldapsearch -x -H ldap(s)://HOST:PORT -o nettimeout=3 -b '' -s base",
    cmd: t => ['ldapsearch', ['-x', '-H', `${tls(t) ? 'ldaps' : 'ldap'}://${t.hostPort}`, '-o', 'nettimeout=3', '-l', '3', '-b', '', '-s', 'base'], { env: { LDAPTLS_REQCERT: 'never' } }] },
  [...TCP, ...MISMATCH('ldapsearch')])
})
