// Small command-line tools from Debian that developers point at their own services: netcat-traditional
// (`nc.traditional`), BusyBox's nc (what Alpine-based containers have), ApacheBench (`ab`) and wrk for load,
// nslookup (bind9-dnsutils) for names, pgbench and mysqldump (libpq and libmariadb underneath), and Perl's LWP.
import { family, captureClient, captureServer, version, scenario, GREETED_SCENARIOS } from './lib.mjs'

const deb = p => `${p} ${version('dpkg-query', ['-W', '-f=${Version}', p])}`
const pick = names => names.map(scenario)
const TCP = pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'])
const HTTP = [...TCP, ...pick(['tls-to-plain', 'plain-to-tls', 'ssh-banner'])]
const REQ = 'GET / HTTP/1.1\r\nHost: x\r\n\r\n'
const b = h => (h.includes(':') ? `[${h}]` : h)
const q = s => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`

await family(async () => {
  // netcat-traditional has no IPv6 (it looks `::1` up as a host name), so its IPv6 scenarios are not run; a lone
  // "open" line (the connection that the server then resets) does not show the failure, so it is not kept.
  await captureClient({ program: 'nc.traditional', ecosystem: 'netcat', version: deb('netcat-traditional'), how: 'printf request | nc.traditional -v -w 3 HOST PORT',
    skip: ['refused-ipv6'], pick: s => (/^\S+ \[[\d.]+\] \d+ \(\?\) open$/.test(s.trim()) ? '' : s),
    cmd: t => ['nc.traditional', ['-v', '-w', '3', t.host, String(t.port)], { input: REQ }] }, TCP)
  await captureServer({ program: 'nc.traditional', ecosystem: 'netcat', version: deb('netcat-traditional'), how: 'nc.traditional -v -l -s HOST -p PORT',
    skip: ['in-use-ipv6'], cmd: t => ['nc.traditional', ['-v', '-l', '-s', t.host, '-p', String(t.port)]] })
  const bb = deb('busybox')
  // BusyBox's wget applet is left out: on this machine it dies of SIGSEGV before printing anything, on any URL.
  await captureClient({ program: 'busybox-nc', ecosystem: 'busybox', version: bb, how: 'printf request | busybox nc -w 3 HOST PORT',
    cmd: t => ['busybox', ['nc', '-w', '3', t.host, String(t.port)], { input: REQ }] }, TCP)
  // Debian's BusyBox nc is built without -s, so it cannot be told which address to listen on: no server scenarios.
  await captureClient({ program: 'ab', ecosystem: 'apache', version: deb('apache2-utils'), how: 'ab -n 1 -s 3 URL',
    cmd: t => ['ab', ['-n', '1', '-s', '3', t.url]] }, HTTP)
  await captureClient({ program: 'wrk', ecosystem: 'wrk', version: deb('wrk'), how: 'wrk -t1 -c1 -d1s --timeout 3s URL',
    cmd: t => ['wrk', ['-t1', '-c1', '-d1s', '--timeout', '3s', t.url]] }, HTTP)
  await captureClient({ program: 'nslookup', ecosystem: 'dns', version: deb('bind9-dnsutils'), how: 'nslookup -timeout=2 -retry=1 NAME (the namespace resolv.conf names 127.0.0.1)',
    cmd: t => (t.scenario.startsWith('dns') ? ['nslookup', ['-timeout=2', '-retry=1', t.host]] : null) }, pick(['dns', 'dns-no-resolver']))
  await captureClient({ program: 'pgbench', ecosystem: 'postgres', version: deb('postgresql-client-15'), how: 'pgbench -h HOST -p PORT -U app -c 1 -t 1 app (PGCONNECT_TIMEOUT=3, PGSSLMODE=disable)',
    cmd: t => ['/usr/lib/postgresql/15/bin/pgbench', ['-h', t.host, '-p', String(t.port), '-U', 'app', '-c', '1', '-t', '1', 'app'], { env: { PGCONNECT_TIMEOUT: '3', PGSSLMODE: 'disable' } }] },
  [...TCP, { ...scenario('tls-to-plain'), name: 'to-http', what: 'pgbench to a plain HTTP server' }])
  await captureClient({ program: 'mysqldump', ecosystem: 'mysql', version: deb('mariadb-client'), how: 'mysqldump -h HOST -P PORT --protocol=TCP -u app app',
    cmd: t => ['mysqldump', ['-h', t.host, '-P', String(t.port), '--protocol=TCP', '-u', 'app', 'app']] },
  // mysqldump has no connect timeout option, so the full-queue scenario is not run.
  [...pick(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']), ...GREETED_SCENARIOS,
    { ...scenario('ssh-banner'), what: 'mysqldump to a server that greets with an SSH banner' }])
  await captureClient({ program: 'perl-lwp', ecosystem: 'perl', version: deb('libwww-perl'), how: 'LWP::UserAgent->new(timeout => 3)->get(URL); status line and content printed',
    cmd: t => ['perl', ['-e', `use LWP::UserAgent; my $r = LWP::UserAgent->new(timeout => 3, ssl_opts => {verify_hostname => 0, SSL_verify_mode => 0})->get(${q(t.url)}); print STDERR $r->status_line, "\\n", $r->decoded_content, "\\n" unless $r->is_success;`]] }, HTTP)
})
