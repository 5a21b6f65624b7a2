// OpenSSH client and telnet: connection-level failures, and each pointed at a server of another protocol.
import { family, captureClient, version, scenario } from './lib.mjs'

const as = (name, over) => ({ ...scenario(name), ...over })
const SSH = [
  ...['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario),
  as('tls-to-plain', { name: 'to-http', what: 'ssh to a plain HTTP server (it answers the SSH banner with an HTTP 400)' }),
  as('plain-to-tls', { name: 'to-tls', what: 'ssh to a TLS server (self-signed, openssl req -x509)' }),
]
const TELNET = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario)

await family(async () => {
  const sshV = version('ssh', ['-V'])
  await captureClient({ program: 'ssh', ecosystem: 'ssh', version: sshV, how: 'ssh -o BatchMode=yes -o ConnectTimeout=3 -p PORT HOST true',
    accept: { 'hang-up': ['reset', 'protocol-mismatch'], reset: ['hang-up'] },
    cmd: t => ['ssh', ['-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'ConnectTimeout=3', '-o', 'StrictHostKeyChecking=no',
      '-o', 'UserKnownHostsFile=/dev/null', '-p', String(t.port), t.host, 'true']] }, SSH)
  const telnetV = 'telnet ' + version('dpkg-query', ['-W', '-f=${Version}', 'telnet'])
  await captureClient({ program: 'telnet', ecosystem: 'telnet', version: telnetV, how: 'telnet HOST PORT (stdin closed)',
    cmd: t => ['telnet', [t.host, String(t.port)], { input: '' }] }, TELNET)
})
