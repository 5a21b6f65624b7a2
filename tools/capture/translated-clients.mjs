// Round 13: network clients whose own messages are translated (gettext catalogues), each in its own words around
// the OS error: the Monitoring Plugins (check_tcp, check_http, check_smtp, check_ftp, check_ssh, check_pgsql;
// monitoring-plugins.mo, de and fr), virsh (libvirt.mo from libvirt-l10n), pactl (pulseaudio.mo, which Debian ships in
// the pulseaudio package), WeeChat's IRC client (weechat-headless, weechat.mo), yafc (FTP, yafc.mo in de and sv) and
// cadaver (WebDAV over neon). Config files, homes and logs in temp dirs.
//
// Candidates left out, each with its reason: ncmpc (full-screen curses, no batch mode: with TERM=dumb it printed only
// "the terminal does not support colours" and then drew its screen), gftp-text (`gftp-text ftp://HOST:PORT/` printed
// nothing at all for a refused connect within 5 s), `gio cat http://…` (without gvfs, GIO has no http backend here:
// "Operation not supported" for every target, nothing about the socket), sitecopy (ships no catalogue in Debian 12:
// English only, and time went to the translated ones), check_curl (monitoring-plugins-basic 2.3.3-5+deb12u2: it needs
// liburiparser.so.1, which the package does not depend on), check_mysql (its text is libmariadb's, a client the corpus
// holds already).
import { join } from 'node:path'
import { readFileSync, existsSync } from 'node:fs'
import {
  family, captureClient, debianPackage, tempDir, tempFiles, scenariosNamed, serverFirstScenarios, bannerServer,
} from './lib.mjs'

const P = '/usr/lib/nagios/plugins'
const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
const tls = t => t.scheme === 'https'
const bare = h => h // the plugins take a bare IPv6 literal (-H ::1)

/** For check_ssh, whose server speaks first and is SSH: the mismatch is another protocol's greeting (SMTP's). */
const smtpBanner = what => ({ name: 'smtp-banner', kind: 'protocol-mismatch', accept: [], what: `${what} to a server that greets with an SMTP banner`,
  setup: async () => ({ host: '127.0.0.1', port: await bannerServer('220 localhost ESMTP Postfix\r\n'), scheme: 'http' }) })

await family(async () => {
  const mpV = debianPackage('monitoring-plugins-basic')
  const mpStdV = debianPackage('monitoring-plugins-standard')

  // check_tcp sends nothing by default; with -s it sends a line and -e says what it expects back, so the reset and the
  // hang-up come after its request and an SSH banner is an unexpected answer. -t 3: the plugin's own timeout.
  await captureClient({ program: 'check_tcp', ecosystem: 'monitoring-plugins', version: mpV,
    how: "check_tcp -H HOST -p PORT -t 3 -s 'HELLO\\r\\n' -e OK (-S for tls-to-plain)",
    cmd: t => [`${P}/check_tcp`, ['-H', bare(t.host), '-p', String(t.port), '-t', '3', '-s', 'HELLO\r\n', '-e', 'OK', ...(tls(t) ? ['-S'] : [])]] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner']))

  await captureClient({ program: 'check_http', ecosystem: 'monitoring-plugins', version: mpV,
    how: 'check_http -H HOST -p PORT -t 3 (-S for tls-to-plain)',
    cmd: t => [`${P}/check_http`, ['-H', bare(t.host), '-p', String(t.port), '-t', '3', ...(tls(t) ? ['-S'] : [])]] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner']))

  // SMTP, FTP and SSH: the server speaks first (the reset and the hang-up before any greeting).
  await captureClient({ program: 'check_smtp', ecosystem: 'monitoring-plugins', version: mpV,
    how: 'check_smtp -H HOST -p PORT -t 3', cmd: t => [`${P}/check_smtp`, ['-H', bare(t.host), '-p', String(t.port), '-t', '3']] },
  serverFirstScenarios('check_smtp'))
  await captureClient({ program: 'check_ftp', ecosystem: 'monitoring-plugins', version: mpV,
    how: 'check_ftp -H HOST -p PORT -t 3', cmd: t => [`${P}/check_ftp`, ['-H', bare(t.host), '-p', String(t.port), '-t', '3']] },
  serverFirstScenarios('check_ftp'))
  await captureClient({ program: 'check_ssh', ecosystem: 'monitoring-plugins', version: mpV,
    how: 'check_ssh -H HOST -p PORT -t 3', cmd: t => [`${P}/check_ssh`, ['-H', bare(t.host), '-p', String(t.port), '-t', '3']] },
  [...serverFirstScenarios('check_ssh').filter(s => s.name !== 'ssh-banner'), smtpBanner('check_ssh')])

  // check_pgsql: libpq's text inside the plugin's own sentence. No TLS scenario: the plugin has no sslmode option.
  await captureClient({ program: 'check_pgsql', ecosystem: 'monitoring-plugins', version: mpStdV,
    how: 'check_pgsql -H HOST -P PORT -t 3 (database template1, PGCONNECT_TIMEOUT unset)',
    cmd: t => [`${P}/check_pgsql`, ['-H', bare(t.host), '-P', String(t.port), '-t', '3']] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'ssh-banner']))

  // virsh over libvirt's plain TCP transport (the client speaks first: its first RPC call). No timeout scenario:
  // virsh has no connect timeout and was still silent after 15 s on a full accept queue (tried before this round's
  // run); no TLS scenario: qemu+tls:// needs a CA and client certificates on disk before it dials.
  await captureClient({ program: 'virsh', ecosystem: 'libvirt', version: debianPackage('libvirt-clients'),
    how: 'virsh -c qemu+tcp://HOST:PORT/system list (HOME and XDG dirs in a temp dir)',
    cmd: t => { const h = tempDir('cz-virsh-'); return ['virsh', ['-c', `qemu+tcp://${t.hostPort}/system`, 'list'], { env: { HOME: h, XDG_CONFIG_HOME: h, XDG_CACHE_HOME: h, XDG_RUNTIME_DIR: h } }] } },
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'ssh-banner']))

  // pactl to a PulseAudio server over TCP (the native protocol: the client speaks first). libpulse's own connect
  // timeout is 5 s (on a full accept queue it printed its refusal sentence then; kept, labelled timeout).
  await captureClient({ program: 'pactl', ecosystem: 'pulseaudio', version: debianPackage('pulseaudio-utils'),
    how: 'pactl -s tcp:HOST:PORT info (tcp6:[::1]:PORT for IPv6; HOME, XDG_RUNTIME_DIR in a temp dir, no autospawn)',
    cmd: t => {
      const h = tempDir('cz-pulse-')
      return ['pactl', ['-s', `${t.host.includes(':') ? 'tcp6' : 'tcp'}:${t.hostPort}`, 'info'], { env: { HOME: h, XDG_RUNTIME_DIR: h, XDG_CONFIG_HOME: h, PULSE_CLIENTCONFIG: join(tempFiles('cz-pulsecf-', { 'client.conf': 'autospawn = no\n' }), 'client.conf') } }]
    } },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'ssh-banner']))

  // WeeChat's IRC client, headless: it prints its messages into buffers, not on stdout, so the text kept is the
  // server buffer as its logger plugin wrote it (logs/irc.server.lab.weechatlog), each line's date column dropped and
  // the prefix and message joined with a space, as the buffer shows them. IRC clients speak first (NICK, USER).
  let wcDir = null
  const wcPick = () => {
    const f = join(wcDir, 'logs', 'irc.server.lab.weechatlog')
    if (!existsSync(f)) return ''
    return readFileSync(f, 'utf8').split('\n').filter(Boolean).map(l => l.split('\t').slice(1).join(' ').trim()).join('\n')
  }
  await captureClient({ program: 'weechat-headless', ecosystem: 'weechat', version: debianPackage('weechat-headless'),
    how: "weechat-headless --dir DIR -r '/set irc.server_default.autoreconnect off; /set irc.server_default.connection_timeout 3; /server add lab HOST/PORT -nossl (-ssl -ssl_verify=off for tls-to-plain); /connect lab; /wait 1500ms /quit' (the server buffer's log is the text)",
    cmd: t => {
      wcDir = tempDir('cz-weechat-')
      const tlsOpt = tls(t) ? '-ssl -ssl_verify=off' : '-nossl' // WeeChat 3.8 still names them ssl (tls from 4.0 on)
      const cmds = ['/set irc.server_default.autoreconnect off', '/set irc.server_default.connection_timeout 3', '/set irc.server_default.nicks lab',
        `/server add lab ${t.host}/${t.port} ${tlsOpt}`, '/connect lab', '/wait 1500ms /quit'].join('; ')
      return ['weechat-headless', ['--dir', wcDir, '-r', cmds], { env: { HOME: wcDir }, timeout: 12000 }]
    },
    pick: () => wcPick() },
  // No timeout scenario: with connection_timeout 3 the log still held only "connecting to server …" when /quit ran
  // 5 s later (round 13's first run: no failure in the text, not kept).
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner']))

  // yafc (FTP): -q no welcome banner, -n no rc file, -W a working directory of its own (it otherwise creates ~/.yafc
  // from the password entry's home, not HOME), -u no autologin; `quit` on stdin. No timeout scenario: yafc has no
  // connect timeout of its own and printed only "Connecting to HOST at port PORT..." before the capture's limit. No
  // ssh-banner scenario: yafc echoed the banner and waited, silent, past the capture's limit (round 13's run: no
  // failure in the text; those 3 texts were taken out of translated-clients.json).
  await captureClient({ program: 'yafc', ecosystem: 'ftp', version: debianPackage('yafc'), skip: ['timeout', 'ssh-banner'],
    how: 'yafc -q -n -u -W DIR ftp://HOST:PORT/ < quit',
    cmd: t => { const d = tempDir('cz-yafc-'); return ['yafc', ['-q', '-n', '-u', '-W', d, `ftp://${t.hostPort}/`], { input: 'quit\n', env: { HOME: d } }] } },
  serverFirstScenarios('yafc'))

  // cadaver (WebDAV, neon): catalogue in es only, and its connect sentences printed English in es_ES and fr_FR here
  // (tried before this round's run), so the C/de_DE probe decides. `quit` on stdin ends the shell.
  await captureClient({ program: 'cadaver', ecosystem: 'webdav', version: debianPackage('cadaver'),
    how: 'cadaver URL < quit (HOME in a temp dir; https:// for tls-to-plain)',
    cmd: t => { const h = tempDir('cz-cadaver-'); return ['cadaver', [t.url], { input: 'quit\n', env: { HOME: h } }] } },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner']))
})
