// Round 10: clients no round had run, each in its own words: ncftp's ncftpls, rclone (its http and sftp backends),
// restic (REST server and S3 repositories), libmemcached's memcping and memccat, and chrony's chronyc (UDP: only the
// connect failures apply, a closed UDP port answering with ICMP port unreachable). Config and caches in temp dirs.
import { execFileSync } from 'node:child_process'
import { family, captureClient, debianPackage, tempDir, scenariosNamed, SCENARIOS, GREETED_SCENARIOS } from './lib.mjs'

const tls = t => t.scheme === 'https'
const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']

await family(async () => {
  // -r 0: no redial (ncftp redials after a delay by default, which outlasts the capture). ncftp's URL parser takes no
  // bracketed IPv6 literal ("Malformed URL: ftp://[::1]:PORT/"), so it never connects there: no refused-ipv6.
  await captureClient({ program: 'ncftpls', ecosystem: 'ncftp', version: debianPackage('ncftp'), skip: ['refused-ipv6'],
    how: 'ncftpls -r 0 -t 3 ftp://HOST:PORT/',
    cmd: t => ['ncftpls', ['-r', '0', '-t', '3', `ftp://${t.hostPort}/`]] },
  [...scenariosNamed([...CONNECT_FAILURES, 'timeout']), ...GREETED_SCENARIOS, scenariosNamed(['ssh-banner'])[0]])

  const rcloneV = debianPackage('rclone')
  const rcloneArgs = ['--config', '/dev/null', '--low-level-retries', '1', '--retries', '1', '--contimeout', '3s', '--timeout', '3s']
  await captureClient({ program: 'rclone-http', ecosystem: 'go', version: rcloneV,
    how: 'rclone lsd :http: --http-url URL --config /dev/null --retries 1 --low-level-retries 1 --contimeout 3s --timeout 3s (--no-check-certificate for https)',
    cmd: t => ['rclone', ['lsd', ':http:', '--http-url', t.url, ...rcloneArgs, ...(tls(t) ? ['--no-check-certificate'] : [])]] })
  const obscured = execFileSync('rclone', ['obscure', 'lab']).toString().trim()
  // --sftp-host ::1 is joined to the port unbracketed ("too many colons in address"): it never connects, so no refused-ipv6.
  await captureClient({ program: 'rclone-sftp', ecosystem: 'go', version: rcloneV, skip: ['refused-ipv6'],
    how: 'rclone lsd :sftp: --sftp-host HOST --sftp-port PORT --sftp-user lab --sftp-pass (obscured) --config /dev/null --retries 1 --low-level-retries 1 --contimeout 3s --timeout 3s',
    cmd: t => ['rclone', ['lsd', ':sftp:', '--sftp-host', t.host, '--sftp-port', String(t.port), '--sftp-user', 'lab', '--sftp-pass', obscured, ...rcloneArgs]] },
  // SSH's client speaks first too (its banner), and an HTTP server answering it is the mismatch.
  [...scenariosNamed([...CONNECT_FAILURES, 'timeout']), ...GREETED_SCENARIOS])

  const resticV = debianPackage('restic')
  const resticEnv = () => ({ RESTIC_PASSWORD: 'lab', AWS_ACCESS_KEY_ID: 'AKIDLAB', AWS_SECRET_ACCESS_KEY: 'lab', XDG_CACHE_HOME: tempDir('cz-restic-') })
  await captureClient({ program: 'restic-rest', ecosystem: 'go', version: resticV,
    how: 'restic -r rest:URL snapshots --no-cache (--insecure-tls for https)',
    cmd: t => ['restic', ['-r', `rest:${t.url}`, 'snapshots', '--no-cache', ...(tls(t) ? ['--insecure-tls'] : [])], { env: resticEnv(), timeout: 15000 }] })
  await captureClient({ program: 'restic-s3', ecosystem: 'go', version: resticV,
    how: 'restic -r s3:URL/bucket snapshots --no-cache (--insecure-tls for https)',
    cmd: t => ['restic', ['-r', `s3:${t.url}bucket`, 'snapshots', '--no-cache', ...(tls(t) ? ['--insecure-tls'] : [])], { env: resticEnv(), timeout: 15000 }] })

  const memcV = debianPackage('libmemcached-tools')
  const memc = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'ssh-banner'])
  await captureClient({ program: 'memcping', ecosystem: 'memcached', version: memcV,
    how: 'memcping --servers=HOST:PORT',
    cmd: t => ['memcping', [`--servers=${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`]] }, memc)
  await captureClient({ program: 'memccat', ecosystem: 'memcached', version: memcV,
    how: 'memccat --servers=HOST:PORT lab-key',
    cmd: t => ['memccat', [`--servers=${t.host.includes(':') ? `[${t.host}]` : t.host}:${t.port}`, 'lab-key']] }, memc)

  await captureClient({ program: 'chronyc', ecosystem: 'chrony', version: debianPackage('chrony'),
    how: 'chronyc -h HOST -p PORT tracking (UDP; the closed port answers with ICMP port unreachable)',
    cmd: t => ['chronyc', ['-h', t.host, '-p', String(t.port), 'tracking']] }, scenariosNamed(CONNECT_FAILURES))
})
