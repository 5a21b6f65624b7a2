// Round 5: other everyday protocol clients: net-snmp's snmpget over TCP, wget2, libcurl through python3-pycurl,
// the standard libraries' FTP clients (Python, Ruby, Perl), Python's XML-RPC client and PHP's stream_socket_client.
// FTP servers speak first (GREETED_SCENARIOS, an SSH banner as the mismatch).
import { family, captureClient, version, tempDir, debianPackage, scenariosNamed, serverFirstScenarios, SCENARIOS } from './lib.mjs'

const PY = '/usr/bin/python3'
const J = JSON.stringify
const b = h => (h.includes(':') ? `[${h}]` : h)
const q = s => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
const HTTP = SCENARIOS
const CLIENT_FIRST = scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver', 'reset', 'hang-up'])

await family(async () => {
  const home = tempDir('cz-home-')

  // Over TCP, so a closed port is refused rather than the silence of UDP; the OID is numeric so no MIB is read, and its
  // persistent state goes into the temp home (by default snmpget creates /var/lib/snmp/cert_indexes).
  await captureClient({ program: 'snmpget', ecosystem: 'snmp', version: debianPackage('snmp'), how: 'snmpget -v2c -c public -t 3 -r 0 tcp:HOST:PORT 1.3.6.1.2.1.1.1.0',
    cmd: t => ['snmpget', ['-v2c', '-c', 'public', '-t', '3', '-r', '0', `${t.host.includes(':') ? 'tcp6' : 'tcp'}:${b(t.host)}:${t.port}`, '1.3.6.1.2.1.1.1.0'], { env: { MIBS: '', HOME: home, SNMP_PERSISTENT_DIR: home, SNMPCONFPATH: home } }] }, CLIENT_FIRST)

  // A run that printed only its progress line ("[0] Downloading 'URL' ...": the timeout, and a FIN) shows no failure: not kept.
  await captureClient({ program: 'wget2', ecosystem: 'wget', version: debianPackage('wget2'), how: 'wget2 --tries=1 --timeout=3 --no-check-certificate -O /dev/null URL',
    pick: s => (s.trim().split('\n').every(l => /^\[\d+\] Downloading '[^']*' \.\.\.$/.test(l.trim())) ? '' : s),
    cmd: t => ['wget2', ['--tries=1', '--timeout=3', '--no-check-certificate', '--no-config', '-O', '/dev/null', t.url], { env: { HOME: home } }] }, HTTP)
  await captureClient({ program: 'python3-pycurl', ecosystem: 'python', version: debianPackage('python3-pycurl'), how: 'pycurl.Curl() with CONNECTTIMEOUT 3, TIMEOUT 6; perform()',
    cmd: t => [PY, ['-c', `import pycurl\nc = pycurl.Curl()\nc.setopt(c.URL, ${J(t.url)})\nc.setopt(c.CONNECTTIMEOUT, 3)\nc.setopt(c.TIMEOUT, 6)\nc.setopt(c.SSL_VERIFYPEER, 0)\nc.setopt(c.SSL_VERIFYHOST, 0)\nc.setopt(c.WRITEFUNCTION, lambda b: None)\nc.perform()`]] }, HTTP)

  const pyV = version(PY, ['-V'])
  const py = [
    { program: 'python3-ftplib', how: 'ftplib.FTP().connect(host, port, timeout=3); login()', sc: serverFirstScenarios('ftplib'), code: t => `import ftplib\nf = ftplib.FTP()\nf.connect(${J(t.host)}, ${t.port}, timeout=3)\nf.login()` },
    { program: 'python3-xmlrpc', how: 'socket.setdefaulttimeout(3); xmlrpc.client.ServerProxy(URL).system.listMethods()', sc: HTTP,
      code: t => `import socket, ssl, xmlrpc.client\nsocket.setdefaulttimeout(3)\nxmlrpc.client.ServerProxy(${J(t.url + 'RPC2')}, context=ssl._create_unverified_context()).system.listMethods()` },
  ]
  for (const c of py) await captureClient({ program: c.program, ecosystem: 'python', version: pyV, how: c.how, cmd: t => [PY, ['-c', c.code(t)]] }, c.sc)

  const rubyV = version('ruby', ['-v'], s => s.split(' ').slice(0, 2).join(' '))
  await captureClient({ program: 'ruby-net-ftp', ecosystem: 'ruby', version: rubyV, how: 'Net::FTP.new(host, port: port, open_timeout: 3, read_timeout: 3)',
    cmd: t => ['ruby', ['-e', `require "net/ftp"\nNet::FTP.new(${J(t.host)}, port: ${t.port}, open_timeout: 3, read_timeout: 3, username: "anonymous", password: "x")`]] }, serverFirstScenarios('Net::FTP'))
  const perlV = version('perl', ['-e', 'print "perl $^V"'])
  await captureClient({ program: 'perl-net-ftp', ecosystem: 'perl', version: perlV, how: 'Net::FTP->new(HOST, Port => PORT, Timeout => 3) or die "…: $@"; login',
    cmd: t => ['perl', ['-e', `use Net::FTP; my $f = Net::FTP->new(${q(t.host)}, Port => ${t.port}, Timeout => 3) or die "Cannot connect to FTP server ${t.host}:${t.port}: $@\\n"; $f->login("anonymous", "x") or die "Cannot login: ", $f->message;`]] }, serverFirstScenarios('Net::FTP'))
  const phpV = version('php', ['-v'], s => s.split('\n')[0].split(' (')[0])
  await captureClient({ program: 'php-stream-socket-client', ecosystem: 'php', version: phpV, how: 'stream_socket_client("tcp://HOST:PORT", $errno, $errstr, 3) (the warning PHP prints, then errstr and errno)',
    cmd: t => ['php', ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-d', 'default_socket_timeout=3', '-r',
      `$s = stream_socket_client(${J('tcp://' + t.hostPort)}, $errno, $errstr, 3); if (!$s) { fwrite(STDERR, "$errstr ($errno)\\n"); exit(1); } fwrite($s, "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"); $r = fread($s, 1024); if ($r === '' || $r === false) { fwrite(STDERR, "no reply: connection closed\\n"); exit(1); }`]] }, CLIENT_FIRST)
})
