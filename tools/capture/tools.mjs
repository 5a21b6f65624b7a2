// Everyday tools that talk to a server: git (smart HTTP, ssh and git:// transports; translated), npm (the
// registry client that ships with this machine's Node), node --inspect (binds a port), openssl s_client,
// rsync, lynx and aria2 (translated), and the DNS tools host and dig.
import { join } from 'node:path'
import { family, captureClient, captureServer, version, scenario, SCENARIOS, tempDir } from './lib.mjs'

const pick = names => names.map(scenario)
const TCP = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'reset', 'hang-up', 'dns', 'dns-no-resolver'])
const HTTPISH = SCENARIOS.filter(s => s.name !== 'timeout')
const b = h => (h.includes(':') ? `[${h}]` : h)

await family(async () => {
  const home = tempDir('cz-home-')
  const gitEnv = { HOME: home, GIT_TERMINAL_PROMPT: '0', GIT_CONFIG_NOSYSTEM: '1', GIT_SSH_COMMAND: 'ssh -F /dev/null -o BatchMode=yes -o ConnectTimeout=3 -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null' }
  const gitV = version('git', ['--version'])
  await captureClient({ program: 'git-http', ecosystem: 'git', version: gitV, how: 'git ls-remote http(s)://HOST:PORT/app.git',
    cmd: t => ['git', ['-c', 'http.sslVerify=false', 'ls-remote', `${t.scheme}://${t.hostPort}/app.git`], { env: gitEnv }] }, HTTPISH)
  await captureClient({ program: 'git-ssh', ecosystem: 'git', version: gitV, how: 'git ls-remote ssh://git@HOST:PORT/app.git (OpenSSH, BatchMode)',
    accept: { reset: ['hang-up'], 'hang-up': ['reset'] },
    cmd: t => ['git', ['ls-remote', `ssh://git@${t.hostPort}/app.git`], { env: gitEnv }] }, [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver']),
    { ...scenario('tls-to-plain'), name: 'to-http', what: 'git over ssh to a plain HTTP server' }])
  await captureClient({ program: 'git-daemon-protocol', ecosystem: 'git', version: gitV, how: 'git ls-remote git://HOST:PORT/app.git',
    cmd: t => ['git', ['ls-remote', `git://${t.hostPort}/app.git`], { env: gitEnv }] }, TCP)

  const npmV = 'npm ' + version('npm', ['--version']) + ' on Node ' + process.version
  const npmEnv = () => ({ HOME: home, npm_config_cache: join(home, '.npm'), npm_config_update_notifier: 'false', npm_config_fund: 'false', npm_config_audit: 'false' })
  await captureClient({ program: 'npm', ecosystem: 'node', version: npmV, how: 'npm view left-pad --registry=URL --fetch-retries=0 --fetch-timeout=3000',
    pick: s => s.replace(/\n?npm ERR! A complete log of this run can be found in:[^\n]*(\nnpm ERR! [^\n]*_logs[^\n]*)?/g, m => m),
    cmd: t => ['npm', ['view', 'left-pad', `--registry=${t.url}`, '--fetch-retries=0', '--fetch-timeout=3000', '--strict-ssl=false'], { env: npmEnv(), timeout: 20000 }] })

  await captureServer({ program: 'node-inspect', ecosystem: 'node', version: 'Node ' + process.version, how: 'node --inspect=HOST:PORT (the inspector\'s bind)',
    cmd: t => ['node', [`--inspect=${t.hostPort}`, '-e', 'setTimeout(() => {}, 1500)']] })

  const osslV = version('openssl', ['version'], s => s.split(' ').slice(0, 2).join(' '))
  await captureClient({ program: 'openssl-s_client', ecosystem: 'openssl', version: osslV, how: 'openssl s_client -connect HOST:PORT -brief (stdin closed)',
    cmd: t => ['openssl', ['s_client', '-connect', t.hostPort, '-brief'], { input: '' }] },
  [...TCP, { ...scenario('tls-to-plain'), what: 'TLS handshake with a plain HTTP server' }, { ...scenario('ssh-banner'), what: 'TLS handshake with a server that greets with an SSH banner' }])

  const rsyncV = version('rsync', ['--version'], s => s.split('\n')[0].replace(/ +protocol.*/, ''))
  await captureClient({ program: 'rsync', ecosystem: 'rsync', version: rsyncV, how: 'rsync --contimeout=3 rsync://HOST:PORT/data/ DIR',
    cmd: t => ['rsync', ['--contimeout=3', '--timeout=3', `rsync://${t.hostPort}/data/`, home]] },
  [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver']), { ...scenario('tls-to-plain'), name: 'to-http', what: 'rsync daemon protocol to a plain HTTP server' }])

  const lynxV = version('lynx', ['-version'], s => s.split('\n')[0].replace(/ \(.*/, ''))
  await captureClient({ program: 'lynx', ecosystem: 'lynx', version: lynxV, how: 'lynx -dump URL',
    cmd: t => ['lynx', ['-dump', '-connect_timeout=3', '-read_timeout=3', t.url], { env: { HOME: home } }] })

  // aria2c's default resolver (c-ares) returns no address for localhost here, so refused-localhost prints errorCode=19
  // (name resolution failed): those texts are labelled dns in the corpus (`amended`), whatever the scenario meant.
  const ariaV = version('aria2c', ['--version'], s => s.split('\n')[0])
  await captureClient({ program: 'aria2c', ecosystem: 'aria2', version: ariaV, how: 'aria2c --connect-timeout=3 --max-tries=1 -d DIR URL',
    pick: s => s.split('\n').filter(l => !/^\s*$|^\[#|^Download Results|^gid|^======|^Status Legend|^\(ERR\)|^\(OK\)/.test(l)).join('\n'),
    cmd: t => ['aria2c', ['--connect-timeout=3', '--timeout=3', '--max-tries=1', '--check-certificate=false', '--console-log-level=warn', '--summary-interval=0', '-d', home, t.url]] })

  const dns = pick(['dns', 'dns-no-resolver'])
  await captureClient({ program: 'host', ecosystem: 'dns', version: version('host', ['-V']), how: 'host -W 1 NAME',
    cmd: t => ['host', ['-W', '1', '-R', '1', t.host]] }, dns)
  await captureClient({ program: 'dig', ecosystem: 'dns', version: version('dig', ['-v']), how: 'dig +time=1 +tries=1 NAME',
    pick: s => s.split('\n').filter(l => !/^;; (Query time|WHEN|MSG SIZE|SERVER)|^; <<>> DiG/.test(l)).join('\n'),
    cmd: t => ['dig', ['+time=1', '+tries=1', t.host]] }, dns)
})
