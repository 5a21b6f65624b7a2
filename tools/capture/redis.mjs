// Redis 7 from Debian: redis-cli (English) and redis-server binding a taken / low / absent address.
import { chownSync } from 'node:fs'
import { family, captureClient, captureServer, version, scenario } from './lib.mjs'

const as = (name, over) => ({ ...scenario(name), ...over })
const CLIENT = [
  ...['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario),
  as('tls-to-plain', { name: 'tls-to-http', what: 'redis-cli --tls to a plain HTTP server' }),
  as('plain-to-tls', { name: 'to-tls', what: 'redis-cli (plain) to a TLS server' }),
  as('tls-to-plain', { name: 'to-http', kind: 'protocol-mismatch', what: 'redis-cli (plain) to an HTTP server', tls: false }),
]

await family(async () => {
  const cliV = version('redis-cli', ['-v'])
  await captureClient({ program: 'redis-cli', ecosystem: 'redis', version: cliV, how: 'redis-cli -h HOST -p PORT ping',
    cmd: t => ['redis-cli', [...(t.scenario === 'tls-to-http' ? ['--tls', '--insecure'] : []), '-h', t.host, '-p', String(t.port), 'ping'], { timeout: 6000 }] }, CLIENT.filter(s => s.name !== 'timeout'))
  const srvV = version('redis-server', ['-v'], s => s.split(' ').slice(0, 3).join(' '))
  await captureServer({ program: 'redis-server', ecosystem: 'redis', version: srvV, how: 'redis-server --bind HOST --port PORT --save ""',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['redis-server', ['--bind', t.host, '--port', String(t.port), '--save', '', '--dir', t.dir, '--daemonize', 'no']] } })
})
