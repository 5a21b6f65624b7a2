// TLS and proxy programs from Debian: gnutls-cli (GnuTLS's client, translated with gettext), stunnel (a TLS
// wrapper: its own bind failures, and its upstream failing behind it) and tinyproxy (an HTTP proxy: its bind
// failures, and the page it answers when its upstream fails). stunnel reads `[::1]` as a host name: its
// addresses go unbracketed (`::1:PORT`, the port after the last colon).
import { writeFileSync, chownSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, captureServer, captureProxy, version, scenario, selfSignedCert, UPSTREAM_SCENARIOS } from './lib.mjs'

const deb = p => `${p} ${version('dpkg-query', ['-W', '-f=${Version}', p])}`
const pick = names => names.map(scenario)
const b = h => (h.includes(':') ? `[${h}]` : h)
const conf = (t, name, text) => { const f = join(t.dir, name); writeFileSync(f, text); if (t.nobody) { chownSync(t.dir, 65534, 65534); chownSync(f, 65534, 65534) } return f }

// stunnel and tinyproxy are given IPv4 upstreams only.
const UPSTREAMS = UPSTREAM_SCENARIOS.filter(s => s.name !== 'upstream-refused-ipv6')

await family(async () => {
  await captureClient({ program: 'gnutls-cli', ecosystem: 'gnutls', version: deb('gnutls-bin'), how: 'gnutls-cli --insecure -p PORT HOST < /dev/null',
    cmd: t => ['gnutls-cli', ['--insecure', '-p', String(t.port), t.host], { input: '' }] },
  [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver', 'ssh-banner']),
    { ...scenario('tls-to-plain'), what: 'gnutls-cli to a plain HTTP server' }])

  const stV = deb('stunnel4')
  // The pair goes into each run's own dir, so that stunnel started as nobody can read it and fails on the bind only.
  const pem = dir => { const { cert, key } = selfSignedCert(); writeFileSync(join(dir, 'cert.pem'), cert); writeFileSync(join(dir, 'key.pem'), key); return `cert = ${dir}/cert.pem\nkey = ${dir}/key.pem\n` }
  const stConf = (dir, accept, connect) => { const f = join(dir, 'stunnel.conf'); writeFileSync(f, `foreground = yes\npid =\nsyslog = no\ndebug = 4\n[app]\naccept = ${accept}\nconnect = ${connect}\n${pem(dir)}`); return f }
  await captureServer({ program: 'stunnel', ecosystem: 'stunnel', version: stV, how: 'stunnel CONF (foreground, [app] accept = HOST:PORT)',
    cmd: t => { const f = conf(t, 'stunnel.conf', `foreground = yes\npid =\nsyslog = no\n[app]\naccept = ${t.host}:${t.port}\nconnect = 127.0.0.1:9\n${pem(t.dir)}`); if (t.nobody) for (const n of ['cert.pem', 'key.pem']) chownSync(join(t.dir, n), 65534, 65534); return ['stunnel', [f]] } })
  await captureProxy({ program: 'stunnel', pageProgram: 'stunnel-response', ecosystem: 'stunnel', version: stV, how: 'stunnel (accept = 127.0.0.1:PORT, connect = UPSTREAM); curl -k https://127.0.0.1:PORT/',
    startArgs: (dir, port, u) => ['stunnel', [stConf(dir, `127.0.0.1:${port}`, `${u.host}:${u.port}`)]],
    curlArgs: port => ['-m', '6', '-k', `https://127.0.0.1:${port}/`], curlTimeout: 10000 }, UPSTREAMS)

  const tpV = deb('tinyproxy')
  await captureServer({ program: 'tinyproxy', ecosystem: 'tinyproxy', version: tpV, how: 'tinyproxy -d -c CONF (Port PORT, Listen HOST)',
    cmd: t => ['tinyproxy', ['-d', '-c', conf(t, 'tinyproxy.conf', `Port ${t.port}\nListen ${t.host}\nLogLevel Info\nMaxClients 5\n`)]] })
  await captureProxy({ program: 'tinyproxy', pageProgram: 'tinyproxy-response', ecosystem: 'tinyproxy', version: tpV, how: 'tinyproxy -d (Port PORT, Listen 127.0.0.1); curl -x http://127.0.0.1:PORT http://UPSTREAM/',
    startArgs: (dir, port) => { const f = join(dir, 'tinyproxy.conf'); writeFileSync(f, `Port ${port}\nListen 127.0.0.1\nLogLevel Info\nMaxClients 5\nConnectPort 0\n`); return ['tinyproxy', ['-d', '-c', f]] },
    curlArgs: (port, u) => ['-m', '6', '-x', `http://127.0.0.1:${port}`, `http://${b(u.host)}:${u.port}/`], curlTimeout: 10000 }, UPSTREAMS)
})
