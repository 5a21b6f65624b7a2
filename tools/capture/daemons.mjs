// Round 5: servers developers start by hand, failing to bind in their own words: Subversion's svnserve and git's
// daemon (both translated), dnsmasq (translated), dropbear, uWSGI, Python's smtpd, Ruby's WEBrick,
// openssl s_server, and socat and ncat listening. Config files and keys go in the scenario's temp dir, owned by
// nobody for the privileged-port scenario so that nobody can read them.
import { writeFileSync, chownSync, copyFileSync } from 'node:fs'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { family, captureServer, version, selfSignedCert } from './lib.mjs'

const deb = p => `${p} ${version('dpkg-query', ['-W', '-f=${Version}', p])}`
const b = h => (h.includes(':') ? `[${h}]` : h)
const J = JSON.stringify
const own = (t, f) => { if (t.nobody) chownSync(f, 65534, 65534); return f }
const conf = (t, name, text) => { if (t.nobody) chownSync(t.dir, 65534, 65534); const f = join(t.dir, name); writeFileSync(f, text); return own(t, f) }

await family(async () => {
  await captureServer({ program: 'svnserve', ecosystem: 'subversion', version: version('svnserve', ['--version', '--quiet'], s => 'svnserve ' + s.trim()),
    how: 'svnserve -d --foreground --listen-host HOST --listen-port PORT -r DIR',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['svnserve', ['-d', '--foreground', '--listen-host', t.host, '--listen-port', String(t.port), '-r', t.dir]] } })
  await captureServer({ program: 'git-daemon', ecosystem: 'git', version: version('git', ['--version']),
    how: 'git daemon --listen=HOST --port=PORT --base-path=DIR --export-all',
    cmd: t => { if (t.nobody) chownSync(t.dir, 65534, 65534); return ['git', ['daemon', `--listen=${t.host}`, `--port=${t.port}`, `--base-path=${t.dir}`, '--export-all'], { env: { HOME: t.dir } }] } })
  // dnsmasq binds UDP before TCP; the holder holds TCP only, so the TCP bind is the one that fails.
  await captureServer({ program: 'dnsmasq', ecosystem: 'dnsmasq', version: deb('dnsmasq-base'),
    how: 'dnsmasq -k -C /dev/null --port=PORT --listen-address=HOST --bind-interfaces --no-resolv --no-hosts --pid-file= (--user=nobody when root)',
    cmd: t => ['dnsmasq', ['-k', '-C', '/dev/null', `--port=${t.port}`, `--listen-address=${t.host}`, '--bind-interfaces', '--no-resolv', '--no-hosts', '--pid-file=', '--log-facility=-', ...(t.nobody ? [] : ['--user=nobody'])]] })
  // vsftpd 3.0.3 is left out: on every bind failure here it exits 2 without a word (nothing on stdout or stderr).
  await captureServer({ program: 'dropbear', ecosystem: 'ssh', version: deb('dropbear-bin'), how: 'dropbear -F -E -r KEY -p HOST:PORT (an ed25519 host key made with dropbearkey)',
    cmd: t => {
      const key = join(t.dir, 'host_key')
      execFileSync('dropbearkey', ['-t', 'ed25519', '-f', key], { stdio: 'ignore' })
      own(t, key); if (t.nobody) chownSync(t.dir, 65534, 65534)
      return ['dropbear', ['-F', '-E', '-r', key, '-p', `${b(t.host)}:${t.port}`]]
    } })
  await captureServer({ program: 'uwsgi', ecosystem: 'python', version: deb('uwsgi-core'), how: 'uwsgi --http-socket HOST:PORT (no app)',
    cmd: t => ['uwsgi', ['--http-socket', `${b(t.host)}:${t.port}`], { cwd: t.dir }] })
  // smtpd splits HOST:PORT at the first colon, so it cannot be given an IPv6 address: no in-use-ipv6.
  await captureServer({ program: 'python3-smtpd', ecosystem: 'python', version: version('/usr/bin/python3', ['-V']), how: 'python3 -W ignore -m smtpd -n -c DebuggingServer HOST:PORT',
    skip: ['in-use-ipv6'], cmd: t => ['/usr/bin/python3', ['-W', 'ignore', '-m', 'smtpd', '-n', '-c', 'DebuggingServer', `${t.host}:${t.port}`]] })
  await captureServer({ program: 'ruby-webrick', ecosystem: 'ruby', version: deb('ruby-webrick'), how: 'WEBrick::HTTPServer.new(BindAddress: HOST, Port: PORT).start',
    cmd: t => ['ruby', ['-e', `require "webrick"\nWEBrick::HTTPServer.new(BindAddress: ${J(t.host)}, Port: ${t.port}, DocumentRoot: ${J(t.dir)}).start`]] })
  await captureServer({ program: 'openssl-s_server', ecosystem: 'openssl', version: version('openssl', ['version'], s => s.split(' ').slice(0, 2).join(' ')),
    how: 'openssl s_server -accept HOST:PORT -cert CERT -key KEY (a self-signed certificate)',
    cmd: t => {
      const { dir } = selfSignedCert()
      const cert = join(t.dir, 'cert.pem'); copyFileSync(join(dir, 'cert.pem'), cert); own(t, cert)
      const key = join(t.dir, 'key.pem'); copyFileSync(join(dir, 'key.pem'), key); own(t, key)
      if (t.nobody) chownSync(t.dir, 65534, 65534)
      return ['openssl', ['s_server', '-accept', `${b(t.host)}:${t.port}`, '-cert', cert, '-key', key], { input: '' }]
    } })
  await captureServer({ program: 'socat-listen', ecosystem: 'socat', version: version('socat', ['-V'], s => s.split('\n').find(l => /socat version/.test(l)) ?? ''),
    how: 'socat TCP-LISTEN:PORT,bind=HOST STDOUT (TCP6-LISTEN for ::1)',
    cmd: t => ['socat', [`${t.host.includes(':') ? 'TCP6' : 'TCP4'}-LISTEN:${t.port},bind=${b(t.host)}`, 'STDOUT']] })
  await captureServer({ program: 'ncat-listen', ecosystem: 'netcat', version: version('ncat', ['--version']), how: 'ncat -l HOST PORT',
    cmd: t => ['ncat', ['-l', t.host, String(t.port)]] })
})
