// Round 5: mail clients: mutt and msmtp sending over SMTP (both translated), and the standard libraries' SMTP,
// IMAP and POP3 clients in Python (also with setlocale), Ruby and Perl. Mail servers speak first: their reset and
// hang-up happen before the greeting (GREETED_SCENARIOS), and another protocol's greeting (an SSH banner) is their
// mismatch.
import { writeFileSync, chmodSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, version, tempDir, debianPackage, serverFirstScenarios } from './lib.mjs'

const PY = '/usr/bin/python3'
const J = JSON.stringify
const q = s => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const SETLOCALE = 'import locale; locale.setlocale(locale.LC_ALL, "")\n'
const BODY = 'Subject: t\n\nbody\n'

await family(async () => {
  const home = tempDir('cz-home-')

  const muttrc = join(home, 'muttrc'); writeFileSync(muttrc, 'set record=""\nset copy=no\nset from="app@example.invalid"\nset connect_timeout=3\n')
  await captureClient({ program: 'mutt-smtp', ecosystem: 'mail', version: version('mutt', ['-v'], s => s.split('\n')[0]), how: 'mutt -n -F RC -e \'set smtp_url="smtp://HOST:PORT/"\' -s t to@example.invalid < body (batch mode)',
    cmd: t => ['mutt', ['-n', '-F', muttrc, '-e', `set smtp_url="smtp://${t.hostPort}/"`, '-s', 't', 'to@example.invalid'], { input: BODY, env: { HOME: home }, timeout: 12000 }] },
  serverFirstScenarios('mutt (SMTP)'))
  const msmtprc = join(home, 'msmtprc'); writeFileSync(msmtprc, ''); chmodSync(msmtprc, 0o600)
  await captureClient({ program: 'msmtp', ecosystem: 'mail', version: debianPackage('msmtp'), how: 'msmtp -C RC --host=HOST --port=PORT --timeout=3 --auth=off --tls=off --from=… to@example.invalid < body',
    cmd: t => ['msmtp', ['-C', msmtprc, `--host=${t.host}`, `--port=${t.port}`, '--timeout=3', '--auth=off', '--tls=off', '--from=app@example.invalid', 'to@example.invalid'], { input: BODY, env: { HOME: home } }] },
  serverFirstScenarios('msmtp'))

  const pyV = version(PY, ['-V'])
  const py = [
    { program: 'python3-smtplib', how: 'smtplib.SMTP(host, port, timeout=3).noop()', sc: serverFirstScenarios('smtplib'), code: t => `import smtplib\nsmtplib.SMTP(${J(t.host)}, ${t.port}, timeout=3).noop()` },
    { program: 'python3-smtplib-setlocale', how: "locale.setlocale(LC_ALL, ''), then smtplib.SMTP(host, port, timeout=3)", sc: serverFirstScenarios('smtplib'), code: t => `${SETLOCALE}import smtplib\nsmtplib.SMTP(${J(t.host)}, ${t.port}, timeout=3).noop()` },
    { program: 'python3-imaplib', how: 'imaplib.IMAP4(host, port, timeout=3)', sc: serverFirstScenarios('imaplib'), code: t => `import imaplib\nimaplib.IMAP4(${J(t.host)}, ${t.port}, timeout=3)` },
    { program: 'python3-poplib', how: 'poplib.POP3(host, port, timeout=3)', sc: serverFirstScenarios('poplib'), code: t => `import poplib\npoplib.POP3(${J(t.host)}, ${t.port}, timeout=3)` },
  ]
  for (const c of py) await captureClient({ program: c.program, ecosystem: 'python', version: pyV, how: c.how, cmd: t => [PY, ['-c', c.code(t)]] }, c.sc)

  const rubyV = version('ruby', ['-v'], s => s.split(' ').slice(0, 2).join(' '))
  await captureClient({ program: 'ruby-net-smtp', ecosystem: 'ruby', version: rubyV, how: 'Net::SMTP.new(host, port) with open_timeout 3, read_timeout 3; start { }',
    cmd: t => ['ruby', ['-e', `require "net/smtp"\ns = Net::SMTP.new(${J(t.host)}, ${t.port})\ns.open_timeout = 3\ns.read_timeout = 3\ns.start("client.example") { }`]] }, serverFirstScenarios('Net::SMTP'))
  const perlV = version('perl', ['-e', 'print "perl $^V"'])
  await captureClient({ program: 'perl-net-smtp', ecosystem: 'perl', version: perlV, how: 'Net::SMTP->new(HOST, Port => PORT, Timeout => 3) or die "…: $@"',
    cmd: t => ['perl', ['-e', `use Net::SMTP; my $s = Net::SMTP->new(${q(t.host)}, Port => ${t.port}, Timeout => 3) or die "Cannot connect to SMTP server ${t.host}:${t.port}: $@\\n"; $s->quit;`]] }, serverFirstScenarios('Net::SMTP'))
})
