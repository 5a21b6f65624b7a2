// Round 11: network clients no round had run, each in its own words: axel (HTTP downloader), MIT Kerberos' kinit
// (a KDC on loopback named by a krb5.conf in a temp dir), proxychains4 (curl and nc behind a proxy the capture
// controls), neomutt (IMAP and SMTP in batch mode), mpop (POP3), fossil clone, brz branch (Breezy over HTTP) and gdb's
// `target remote`. Config files, caches and outputs in temp dirs.
import { join } from 'node:path'
import {
  family, captureClient, record, run, start, waitListening, closedPort, httpServer, debianPackage, version, tempDir,
  tempFiles, cleanupMark, cleanupTo, scenario, scenariosNamed, serverFirstScenarios, UPSTREAM_SCENARIOS,
} from './lib.mjs'

const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
const tls = t => t.scheme === 'https'

/** krb5.conf naming one KDC. `kdc = tcp/HOST:PORT` (the transport prefix) made kinit 1.20.1 give up without a single
 * connect here (strace: no socket but netlink), so the KDC is named bare and udp_preference_limit = 1 makes TCP the
 * first transport tried (UDP to the same port number, closed, comes after). */
const krb5Conf = t => tempFiles('cz-krb5-', {
  'krb5.conf': `[libdefaults]\n default_realm = LAB.TEST\n dns_lookup_kdc = false\n dns_lookup_realm = false\n udp_preference_limit = 1\n\n[realms]\n LAB.TEST = {\n  kdc = ${t.hostPort}\n }\n`,
})

/** proxychains.conf with one proxy; strict_chain so the proxy is always used; 3 s connect and read timeouts. */
const proxychainsConf = (type, host, port) => join(tempFiles('cz-pc-', {
  'proxychains.conf': `strict_chain\ntcp_read_time_out 3000\ntcp_connect_time_out 3000\n[ProxyList]\n${type} ${host} ${port}\n`,
}), 'proxychains.conf')

/**
 * The proxy hop itself fails (nothing on the proxy's port, it never accepts, it resets or hangs up, it greets like
 * SSH): the client never got past its proxy, so the kind is what the hop met, with `proxy` also accepted (the text is
 * about the proxy). This is not the README's reverse-proxy convention (kind `proxy`, the upstream's kind accepted),
 * which is for a proxy that works and reports its upstream's failure: that convention is kept for `proxiedUpstream`.
 * proxychains takes numeric proxy addresses only ("proxy localhost has invalid value or is not numeric" when the
 * proxy is the first in the list): so no refused-localhost and no dns scenario for the hop.
 */
const PROXY_HOP = scenariosNamed(['refused-ipv4', 'refused-ipv6', 'timeout', 'reset', 'hang-up', 'ssh-banner'])
  .map(s => ({ ...s, accept: [...s.accept, 'proxy'], what: `the proxy (proxychains.conf's only ProxyList entry) is the capture's port: ${s.what}` }))

await family(async () => {
  // gdb prints glibc's strerror after HOST:PORT (translated by libc.mo; gdb ships no gdb.mo here), so the probe
  // decides. auto-retry off: gdb otherwise retries a refused connect for connect-timeout seconds.
  const gdbArgs = t => ['-batch', '-ex', 'set tcp auto-retry off', '-ex', 'set tcp connect-timeout 3', '-ex', 'set remotetimeout 3', '-ex', `target remote ${t.hostPort}`]
  await captureClient({ program: 'gdb-remote', ecosystem: 'gdb', version: debianPackage('gdb'),
    how: "gdb -batch -ex 'set tcp auto-retry off' -ex 'set tcp connect-timeout 3' -ex 'set remotetimeout 3' -ex 'target remote HOST:PORT'",
    cmd: t => ['gdb', gdbArgs(t), { env: { HOME: tempDir('cz-gdb-') } }] },
  // the remote protocol: gdb sends first (its ack and qSupported), so reset and hang-up come after its request. No
  // ssh-banner scenario: gdb went on reading packets from the SSH banner and was killed by the capture's limit with
  // nothing printed in every locale (round 11's first run).
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up']))

  // mpop (POP3; translated with its own mpop.mo). POP3 servers speak first.
  const mpopArgs = (t, tlsOn) => [`--host=${t.host}`, `--port=${t.port}`, '--timeout=3', '--auth=user', '--user=lab', '--passwordeval=echo lab',
    `--delivery=mbox,${join(tempDir('cz-mpop-'), 'mbox')}`, ...(tlsOn ? ['--tls=on', '--tls-starttls=off', '--tls-certcheck=off'] : ['--tls=off'])]
  await captureClient({ program: 'mpop', ecosystem: 'mail', version: debianPackage('mpop'),
    how: 'mpop --host=HOST --port=PORT --timeout=3 --auth=user --user=lab --passwordeval=… --delivery=mbox,FILE (--tls=on --tls-starttls=off --tls-certcheck=off for tls-to-plain, else --tls=off)',
    cmd: t => ['mpop', mpopArgs(t, t.scenario === 'tls-to-plain'), { env: { HOME: tempDir('cz-home-') } }] },
  [...serverFirstScenarios('mpop'),
    { ...scenario('tls-to-plain'), what: 'mpop with TLS (no STARTTLS) to a plain HTTP server' },
    { ...scenario('plain-to-tls'), what: 'mpop without TLS to a TLS server (both wait for the other: mpop for the greeting)' }])

  // neomutt in batch mode: SMTP through sending a message (`-s`, body on stdin), IMAP through `-z` with the mailbox
  // named by `mailboxes` (the check for new mail connects; neomutt then prints "No recipients specified", its batch
  // mode's own line). POP: not captured: `-z`/`-Z` do not poll a pop:// mailbox, and fetching needs the curses UI.
  const nmV = version('neomutt', ['-v'], s => s.split('\n')[0])
  const home = tempDir('cz-home-')
  const rc = join(tempFiles('cz-neomutt-', { neomuttrc: 'set record=""\nset copy=no\nset from="app@example.invalid"\nset connect_timeout=3\nset timeout=3\nset imap_user=lab\nset imap_pass=lab\nset smtp_user=lab\nset smtp_pass=lab\nset ssl_verify_host=no\nset ssl_verify_dates=no\n' }), 'neomuttrc')
  // No timeout scenario: on a full accept queue connect_timeout's alarm kills neomutt (SIGALRM) before it prints a
  // word; no plain-to-tls: waiting for a greeting a TLS server never sends, it stayed silent past the capture's limit.
  const mailFirst = what => [...serverFirstScenarios(what).filter(s => s.name !== 'timeout'),
    { ...scenario('tls-to-plain'), what: `${what} over TLS (smtps:// / imaps://) to a plain HTTP server` }]
  // neomutt-smtp has no ssh-banner scenario either: it waited silently for an SMTP greeting past the capture's limit
  // (nothing printed in every locale, round 11's first run); neomutt-imap rejects the banner at once.
  await captureClient({ program: 'neomutt-smtp', ecosystem: 'mail', version: nmV, skip: ['ssh-banner'],
    how: 'neomutt -n -F RC -e \'set smtp_url="smtp://HOST:PORT/"\' -s t to@example.invalid < body (batch mode; smtps:// for tls-to-plain)',
    cmd: t => ['neomutt', ['-n', '-F', rc, '-e', `set smtp_url="${tls(t) ? 'smtps' : 'smtp'}://${t.hostPort}/"`, '-s', 't', 'to@example.invalid'], { input: 'Subject: t\n\nbody\n', env: { HOME: home }, timeout: 12000 }] },
  mailFirst('neomutt (SMTP)'))
  await captureClient({ program: 'neomutt-imap', ecosystem: 'mail', version: nmV,
    how: 'neomutt -n -F RC -e \'mailboxes imap://HOST:PORT/INBOX\' -z (batch: the new-mail check connects; imaps:// for tls-to-plain)',
    cmd: t => ['neomutt', ['-n', '-F', rc, '-e', `mailboxes ${tls(t) ? 'imaps' : 'imap'}://${t.hostPort}/INBOX`, '-z'], { env: { HOME: home }, timeout: 12000 }] },
  mailFirst('neomutt (IMAP)'))

  // kinit: the KDC protocol has the client speak first. No timeout scenario: kinit waits 16 s on a full accept queue
  // (past the capture's limit) and then prints the same "Cannot contact any KDC" as for a refusal.
  await captureClient({ program: 'kinit', ecosystem: 'kerberos', version: debianPackage('krb5-user'),
    how: 'kinit lab@LAB.TEST with KRB5_CONFIG = a krb5.conf naming the KDC HOST:PORT (udp_preference_limit = 1: TCP first), KRB5CCNAME in a temp dir',
    cmd: t => { const dir = krb5Conf(t); return ['kinit', ['lab@LAB.TEST'], { input: '', env: { KRB5_CONFIG: join(dir, 'krb5.conf'), KRB5CCNAME: `FILE:${join(dir, 'cc')}` } }] } },
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'ssh-banner']))

  // fossil clone: no connect timeout of its own and none for a silent server (a full accept queue or an SSH banner
  // kept it waiting, silent, past the capture's limit): no timeout and no ssh-banner scenario.
  await captureClient({ program: 'fossil-clone', ecosystem: 'fossil', version: debianPackage('fossil'),
    how: 'fossil clone URL DIR/x.fossil (USER=lab; https:// for tls-to-plain)',
    cmd: t => ['fossil', ['clone', t.url, join(tempDir('cz-fossil-'), 'x.fossil')], { env: { USER: 'lab', HOME: tempDir('cz-home-') } }] },
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls']))

  // brz branch over HTTP (Breezy's smart-server probe, then dumb HTTP). No timeout scenario: no connect timeout of
  // its own (a full accept queue kept it silent past the capture's limit).
  await captureClient({ program: 'brz-branch', ecosystem: 'python', version: debianPackage('brz'),
    how: 'brz branch URL/repo DIR/b (https:// for tls-to-plain), HOME and BRZ_HOME in a temp dir',
    cmd: t => { const h = tempDir('cz-brz-'); return ['brz', ['branch', `${t.url}repo`, join(h, 'b')], { env: { HOME: h, BRZ_HOME: h, BRZ_LOG: '/dev/null' }, timeout: 12000 }] } },
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'ssh-banner', 'tls-to-plain', 'plain-to-tls']))

  // axel 2.17.11: a refused connect prints nothing (it writes its request to the unconnected socket and dies of
  // SIGPIPE, strace), and a full accept queue kept it silent past the capture's limit: no refused-* and no timeout.
  // Its own lines for the others ("Connection gone.", then a segfault) are what it prints.
  await captureClient({ program: 'axel', ecosystem: 'axel', version: debianPackage('axel'),
    how: 'axel -T 3 -o DIR/out URL (-k for https)',
    cmd: t => ['axel', ['-T', '3', ...(tls(t) ? ['-k'] : []), '-o', join(tempDir('cz-axel-'), 'out'), t.url]] },
  scenariosNamed(['reset', 'hang-up', 'ssh-banner', 'tls-to-plain', 'plain-to-tls', 'dns', 'dns-no-resolver']))

  // proxychains4 (proxychains-ng): the proxy hop fails. curl behind a socks5 proxy, nc -v behind an http (CONNECT)
  // proxy; the target is an HTTP server the capture opened, never reached.
  const pcV = debianPackage('proxychains4')
  const target = await httpServer('127.0.0.1')
  await captureClient({ program: 'proxychains4-curl', ecosystem: 'proxychains', version: `${pcV}, ${debianPackage('curl')}`,
    how: 'proxychains4 -f CONF curl -sS -m 10 http://127.0.0.1:TARGET/ (CONF: strict_chain, socks5 HOST PORT)',
    cmd: t => ['proxychains4', ['-f', proxychainsConf('socks5', t.host, t.port), 'curl', '-sS', '-m', '10', `http://127.0.0.1:${target}/`]] }, PROXY_HOP)
  await captureClient({ program: 'proxychains4-nc', ecosystem: 'proxychains', version: `${pcV}, ${debianPackage('netcat-openbsd')}`,
    how: 'proxychains4 -f CONF nc -v -w 3 127.0.0.1 TARGET < /dev/null (CONF: strict_chain, http HOST PORT)',
    cmd: t => ['proxychains4', ['-f', proxychainsConf('http', t.host, t.port), 'nc', '-v', '-w', '3', '127.0.0.1', String(target)]] }, PROXY_HOP)

  // The proxy works and its upstream fails (the README's proxy convention: kind proxy, the upstream's kind accepted):
  // privoxy (an HTTP proxy that accepts CONNECT) on a port found free a moment ago, proxychains' http proxy.
  await proxiedUpstream(pcV)
})

/** curl through proxychains4 and a working privoxy whose CONNECT target (the upstream) fails; C locale only (neither
 * proxychains nor curl is translated). */
async function proxiedUpstream (pcV) {
  const pvV = debianPackage('privoxy')
  const dir = tempDir('cz-privoxy-')
  const port = await closedPort('127.0.0.1')
  const conf = join(tempFiles('cz-privoxy-conf-', { config: `listen-address 127.0.0.1:${port}\nconfdir ${dir}\nlogdir ${dir}\n` }), 'config')
  const p = start('privoxy', ['--no-daemon', conf])
  if (!await waitListening('127.0.0.1', port)) { console.error(`  privoxy did not start: ${p.output().slice(0, 300)}`); return }
  for (const up of UPSTREAM_SCENARIOS) {
    const mark = cleanupMark()
    const u = await up.setup()
    const host = u.host.includes(':') ? `[${u.host}]` : u.host
    const r = await run('proxychains4', ['-f', proxychainsConf('http', '127.0.0.1', port), 'curl', '-sS', '-m', '10', `http://${host}:${u.port}/`], { timeout: 15000 })
    record({ program: 'proxychains4-curl', ecosystem: 'proxychains', version: `${pcV}, ${debianPackage('curl')}, ${pvV}`, scenario: up.name,
      kind: up.kind, accept: up.accept, address: u.host, port: u.port, text: r.out,
      what: `proxychains4 -f CONF curl -sS -m 10 http://UPSTREAM/ (CONF: strict_chain, http 127.0.0.1 ${port}: privoxy --no-daemon, listen-address 127.0.0.1:${port}); ${up.what}${r.timedOut ? ' (killed after the capture timeout)' : ''}` })
    await cleanupTo(mark)
  }
  await p.stop()
}
