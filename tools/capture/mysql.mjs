// MariaDB 10.11 client from Debian (mariadb / mysql / mysqladmin); the server is not installed.
import { family, captureClient, version, scenario } from './lib.mjs'

const as = (name, over) => ({ ...scenario(name), ...over })
const CLIENT = [
  ...['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario),
  as('tls-to-plain', { name: 'to-http', what: 'mariadb client to a plain HTTP server' }),
  as('plain-to-tls', { name: 'to-tls', what: 'mariadb client to a TLS server' }),
]

await family(async () => {
  const v = version('mariadb', ['--version'])
  await captureClient({ program: 'mariadb', ecosystem: 'mysql', version: v, how: 'mariadb -h HOST -P PORT --protocol=TCP -e "select 1" (--connect-timeout=3 for the timeout only)',
    cmd: t => ['mariadb', ['-h', t.host, '-P', String(t.port), '--protocol=TCP', ...(t.scenario === 'timeout' ? ['--connect-timeout=3'] : []), '-u', 'app', '-e', 'select 1']] }, CLIENT)
  await captureClient({ program: 'mysqladmin', ecosystem: 'mysql', version: version('mysqladmin', ['--version']), how: 'mysqladmin -h HOST -P PORT --protocol=TCP ping',
    cmd: t => ['mysqladmin', ['-h', t.host, '-P', String(t.port), '--protocol=TCP', ...(t.scenario === 'timeout' ? ['--connect-timeout=3'] : []), '-u', 'app', 'ping']] }, CLIENT)
})
