// Programs that translate glibc's strerror only when they ask for the locale, and had no such variant in the
// corpus yet: Python's requests, httpx, http.client and the asyncio and http.server servers after
// locale.setlocale(LC_ALL, ''), PHP's fsockopen and stream_socket_server after setlocale(LC_ALL, ''), Perl's
// IO::Socket::INET (plain and under `use locale`). The connect timeout is left out of the clients: its text is the
// library's own English ("timed out"), not strerror, and the C texts of those libraries are already captured.
import { family, captureClient, captureServer, version, SCENARIOS } from './lib.mjs'

const PY = '/usr/bin/python3'
const pyV = version(PY, ['-V'])
const modV = m => `${m} ${version(PY, ['-c', `import ${m}; print(${m}.__version__)`])} on ${pyV}`
const SETLOCALE = 'import locale; locale.setlocale(locale.LC_ALL, "")\n'
const phpV = version('php', ['-v'], s => s.split('\n')[0].split(' (')[0])
const PHP = ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-d', 'default_socket_timeout=3']
const perlV = version('perl', ['-e', 'print "perl $^V"'])
const USE_LOCALE = 'use POSIX; use locale; POSIX::setlocale(POSIX::LC_ALL, "");\n'
const J = JSON.stringify
const q = s => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const b = h => (h.includes(':') ? `[${h}]` : h)
const CLIENT = SCENARIOS.filter(s => s.name !== 'timeout')
const TCP = CLIENT.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))

const py = code => [PY, ['-c', SETLOCALE + code]]
const perlClient = (t, pre) => `${pre}use IO::Socket::INET;\nmy $s = IO::Socket::INET->new(PeerAddr => ${q(t.host)}, PeerPort => ${t.port}, Timeout => 3) or die "Cannot connect to ${t.host}:${t.port}: ${pre ? '$!' : '$@'}\\n";\n` +
  `print $s "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"; my $n = sysread($s, my $buf, 1024); defined $n or die "read failed: $!\\n"; $n or die "connection closed by the server\\n";`
const perlServer = (t, pre) => `${pre}use IO::Socket::INET;\nIO::Socket::INET->new(LocalAddr => ${q(t.host)}, LocalPort => ${t.port}, Listen => 5, ReuseAddr => 1) or die "Cannot listen on ${t.host}:${t.port}: ${pre ? '$!' : '$@'}\\n"; sleep 30;`

await family(async () => {
  await captureClient({ program: 'python3-requests-setlocale', ecosystem: 'python', version: modV('requests'), how: "locale.setlocale(LC_ALL, ''), then requests.get(url, timeout=3), uncaught",
    cmd: t => py(`import requests\nrequests.get(${J(t.url)}, timeout=3, verify=False)`) }, CLIENT)
  await captureClient({ program: 'python3-httpx-setlocale', ecosystem: 'python', version: modV('httpx'), how: "locale.setlocale(LC_ALL, ''), then httpx.get(url, timeout=3), uncaught",
    cmd: t => py(`import httpx\nhttpx.get(${J(t.url)}, timeout=3, verify=False)`) }, CLIENT)
  await captureClient({ program: 'python3-http.client-setlocale', ecosystem: 'python', version: pyV, how: "locale.setlocale(LC_ALL, ''), then http.client.HTTPConnection(host, port, timeout=3).request('GET', '/'), uncaught",
    cmd: t => py(`import http.client, ssl\nC = http.client.HTTPSConnection if ${J(t.scheme)} == "https" else http.client.HTTPConnection\nkw = {"context": ssl._create_unverified_context()} if C is http.client.HTTPSConnection else {}\nc = C(${J(t.host)}, ${t.port}, timeout=3, **kw)\nc.request("GET", "/")\nprint(c.getresponse().status)`) }, CLIENT)
  await captureServer({ program: 'python3-asyncio-server-setlocale', ecosystem: 'python', version: pyV, how: "locale.setlocale(LC_ALL, ''), then asyncio.start_server(handler, host, port), uncaught",
    cmd: t => py(`import asyncio\nasync def main():\n    await asyncio.start_server(lambda r, w: None, ${J(t.host)}, ${t.port})\nasyncio.run(main())`) })
  await captureServer({ program: 'python3-http.server-setlocale', ecosystem: 'python', version: pyV, how: "locale.setlocale(LC_ALL, ''), then http.server.ThreadingHTTPServer((host, port), SimpleHTTPRequestHandler), uncaught",
    cmd: t => [...py(`import http.server, socket\nclass S(http.server.ThreadingHTTPServer):\n    address_family = socket.AF_INET6 if ":" in ${J(t.host)} else socket.AF_INET\nS((${J(t.host)}, ${t.port}), http.server.SimpleHTTPRequestHandler).serve_forever()`), { cwd: t.dir }] })
  await captureClient({ program: 'php-fsockopen-setlocale', ecosystem: 'php', version: phpV, how: "setlocale(LC_ALL, ''), then fsockopen(host, port, $errno, $errstr, 3) (the warning PHP prints)",
    cmd: t => ['php', [...PHP, '-r', `setlocale(LC_ALL, ''); $f = fsockopen(${J(b(t.host))}, ${t.port}, $errno, $errstr, 3); if ($f) { fwrite($f, "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"); $r = fread($f, 1024); if ($r === '' || $r === false) { fwrite(STDERR, "no reply: connection closed\\n"); exit(1); } }`]] }, TCP)
  await captureServer({ program: 'php-stream-socket-server-setlocale', ecosystem: 'php', version: phpV, how: "setlocale(LC_ALL, ''), then stream_socket_server(\"tcp://HOST:PORT\"); prints $errstr ($errno)",
    cmd: t => ['php', [...PHP, '-r', `setlocale(LC_ALL, ''); $s = stream_socket_server(${J('tcp://' + t.hostPort)}, $errno, $errstr); if (!$s) { fwrite(STDERR, "$errstr ($errno)\\n"); exit(1); } sleep(30);`]] })
  await captureClient({ program: 'perl-io-socket-inet', ecosystem: 'perl', version: perlV, how: 'IO::Socket::INET->new(PeerAddr, PeerPort, Timeout => 3) or die "...: $@"',
    cmd: t => (t.host.includes(':') ? null : ['perl', ['-e', perlClient(t, '')]]) }, TCP.filter(s => s.name !== 'refused-ipv6'))
  await captureClient({ program: 'perl-io-socket-inet-uselocale', ecosystem: 'perl', version: perlV, how: 'use locale; IO::Socket::INET->new(PeerAddr, PeerPort, Timeout => 3) or die "...: $!"',
    cmd: t => ['perl', ['-e', perlClient(t, USE_LOCALE)]] }, TCP.filter(s => s.name !== 'refused-ipv6'))
  await captureServer({ program: 'perl-io-socket-inet', ecosystem: 'perl', version: perlV, how: 'IO::Socket::INET->new(LocalAddr, LocalPort, Listen) or die "...: $@"',
    cmd: t => (t.host.includes(':') ? null : ['perl', ['-e', perlServer(t, '')]]) })
  await captureServer({ program: 'perl-io-socket-inet-uselocale', ecosystem: 'perl', version: perlV, how: 'use locale; IO::Socket::INET->new(LocalAddr, LocalPort, Listen) or die "...: $!"',
    cmd: t => (t.host.includes(':') ? null : ['perl', ['-e', perlServer(t, USE_LOCALE)]]) })
})
