// Perl 5 (Debian): IO::Socket::IP and HTTP::Tiny (both core). Since 5.22 $! is English outside `use locale`;
// the *-uselocale programs say `use locale`, and then glibc's strerror is translated.
import { family, captureClient, captureServer, version, SCENARIOS } from './lib.mjs'

const v = version('perl', ['-e', 'print "perl $^V"'])
const q = s => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const socketClient = (t, pre = '') => `${pre}use IO::Socket::IP; use IO::Socket::SSL ();\n` +
  `my $s = IO::Socket::IP->new(PeerHost => ${q(t.host)}, PeerPort => ${t.port}, Timeout => 3) or die "Cannot connect to ${t.host}:${t.port}: $@\\n";\n` +
  `print $s "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"; my $n = sysread($s, my $buf, 1024); defined $n or die "read failed: $!\\n"; $n or die "connection closed by the server\\n";`
const tiny = t => `use HTTP::Tiny; my $r = HTTP::Tiny->new(timeout => 3, verify_SSL => 0)->get(${q(t.url)}); print STDERR "$r->{status} $r->{reason}\\n$r->{content}\\n" unless $r->{success};`
const server = (t, pre = '') => `${pre}use IO::Socket::IP;\nIO::Socket::IP->new(LocalHost => ${q(t.host)}, LocalPort => ${t.port}, Listen => 5, ReuseAddr => 1) or die "Cannot listen on ${t.host}:${t.port}: $@\\n"; sleep 30;`

await family(async () => {
  const sc = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
  await captureClient({ program: 'perl-io-socket-ip', ecosystem: 'perl', version: v, how: 'IO::Socket::IP->new(PeerHost, PeerPort, Timeout => 3) or die "...: $@"',
    cmd: t => ['perl', ['-e', socketClient(t).replace('use IO::Socket::SSL ();', '')]] }, sc)
  await captureClient({ program: 'perl-io-socket-ip-uselocale', ecosystem: 'perl', version: v, how: 'use locale; IO::Socket::IP->new(...) or die "...: $!"',
    cmd: t => ['perl', ['-e', socketClient(t, 'use POSIX; use locale; POSIX::setlocale(POSIX::LC_ALL, "");\n').replace('use IO::Socket::SSL ();', '').replace(': $@\\n', ': $!\\n')]] }, sc)
  await captureClient({ program: 'perl-http-tiny', ecosystem: 'perl', version: v, how: 'HTTP::Tiny->new(timeout => 3)->get(URL); status, reason and content printed',
    cmd: t => ['perl', ['-e', tiny(t)]] }, SCENARIOS.filter(s => s.name !== 'tls-to-plain'))
  await captureServer({ program: 'perl-io-socket-ip', ecosystem: 'perl', version: v, how: 'IO::Socket::IP->new(LocalHost, LocalPort, Listen) or die "...: $@"',
    cmd: t => ['perl', ['-e', server(t)]] })
  await captureServer({ program: 'perl-io-socket-ip-uselocale', ecosystem: 'perl', version: v, how: 'use locale; IO::Socket::IP->new(LocalHost, LocalPort, Listen) or die "...: $!"',
    cmd: t => ['perl', ['-e', server(t, 'use POSIX; use locale; POSIX::setlocale(POSIX::LC_ALL, "");\n').replace(': $@\\n', ': $!\\n')]] })
})
