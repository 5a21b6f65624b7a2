// Round 8: programs and families of wording no split held yet. Shells and scripting languages opening sockets
// themselves (bash's /dev/tcp, zsh's ztcp, gawk's /inet, Tcl's socket, Lua with LuaSocket, as client and server),
// benchmark and test tools (iperf3, nghttp, siege), ffmpeg's protocols (ffprobe on http:// and tcp://, ffmpeg on
// rtmp://), Mercurial, S3 and AMQP clients (s3cmd, amqp-publish), mail tools (swaks, fetchmail) and Sun RPC (rpcinfo).
// A raw-socket script speaks no protocol of its own, so it has no mismatch scenario (it would just print the bytes it
// got); one with no connect timeout of its own (bash, zsh, gawk, Tcl) has no timeout scenario either: the kernel's
// SYN retries outlast the capture and nothing is printed, which is not a text a user could paste.
import { chmodSync, chownSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, captureServer, debianPackage, tempDir, tempFiles, scenariosNamed, serverFirstScenarios,
  GREETED_SCENARIOS, NOBODY } from './lib.mjs'

const tls = t => t.scheme === 'https'
const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
/** A raw-socket client: the connect failures and the two ways a server drops the request. */
const RAW = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up'])
const RAW_TIMED = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up'])
const REQUEST = 'GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n'

const LUA_CLIENT = `local socket = require('socket')
local host, port = arg[1], tonumber(arg[2])
local c = assert(socket.tcp())
c:settimeout(3)
assert(c:connect(host, port))
assert(c:send('${REQUEST}'))
print(assert(c:receive('*a')))`
const LUA_SERVER = `local socket = require('socket')
local s = assert(socket.bind(arg[1], tonumber(arg[2])))
print('listening', s:getsockname())`
const TCL_CLIENT = `set s [socket [lindex $argv 0] [lindex $argv 1]]
puts -nonewline $s "${REQUEST}"
flush $s
puts [read $s]`
/** A script the privileged scenario's nobody can read (mkdtemp makes 0700 dirs): its bind must fail, not its open. */
function readableScript (prefix, name, text) {
  const dir = tempFiles(prefix, { [name]: text })
  chmodSync(dir, 0o755)
  return join(dir, name)
}
const TCL_SERVER = `proc accept {chan addr port} { close $chan }
socket -server accept -myaddr [lindex $argv 0] [lindex $argv 1]
puts listening
vwait forever`

await family(async () => {
  const bashV = debianPackage('bash')
  await captureClient({ program: 'bash-dev-tcp', ecosystem: 'shell', version: bashV,
    how: 'bash -c \'exec 3<>/dev/tcp/HOST/PORT && printf REQUEST >&3 && cat <&3\'',
    cmd: t => ['bash', ['-c', `exec 3<>/dev/tcp/$1/$2 && printf '${REQUEST}' >&3 && cat <&3`, 'bash', t.host, String(t.port)]] }, RAW)

  // ztcp resolves with gethostbyname and has no IPv6 literal: on [::1] it says "host resolution failure", never connecting.
  await captureClient({ program: 'zsh-ztcp', ecosystem: 'shell', version: debianPackage('zsh'), skip: ['refused-ipv6'],
    how: 'zsh -c \'zmodload zsh/net/tcp; ztcp HOST PORT && print -n REQUEST >&$REPLY && cat <&$REPLY\'',
    cmd: t => ['zsh', ['-c', `zmodload zsh/net/tcp; ztcp $1 $2 && { print -n '${REQUEST}' >&$REPLY; cat <&$REPLY }`, 'zsh', t.host, String(t.port)]] }, RAW)

  // /inet4/ for an IPv4 literal, /inet6/ for an IPv6 one, /inet/ (either family) for a name, as gawk's manual shows them.
  const gawkFile = t => `/${t.host.includes(':') ? 'inet6' : /^[\d.]+$/.test(t.host) ? 'inet4' : 'inet'}/tcp/0/${t.host}/${t.port}`
  // With /inet/ and a local port 0, gawk 5.2.1 fails on localhost with EAFNOSUPPORT whether or not anything listens
  // there, so that text says nothing about the port and refused-localhost is left out.
  await captureClient({ program: 'gawk-inet', ecosystem: 'awk', version: debianPackage('gawk'), skip: ['refused-localhost'],
    how: 'gawk \'BEGIN { s = "/inet4/tcp/0/HOST/PORT"; printf REQUEST |& s; while ((s |& getline l) > 0) print l }\'',
    cmd: t => ['gawk', [`BEGIN { s = "${gawkFile(t)}"; printf "${REQUEST}" |& s; while ((s |& getline l) > 0) print l; close(s) }`]] }, RAW)

  const tclV = debianPackage('tcl8.6')
  await captureClient({ program: 'tclsh-socket', ecosystem: 'tcl', version: tclV,
    how: 'tclsh script.tcl HOST PORT: set s [socket HOST PORT], puts the request, puts [read $s]',
    cmd: t => ['tclsh', [`${tempFiles('cz-tcl-', { 'client.tcl': TCL_CLIENT })}/client.tcl`, t.host, String(t.port)]] }, RAW)
  await captureServer({ program: 'tclsh-socket-server', ecosystem: 'tcl', version: tclV,
    how: 'tclsh script.tcl HOST PORT: socket -server accept -myaddr HOST PORT; vwait forever',
    cmd: t => ['tclsh', [readableScript('cz-tcl-', 'server.tcl', TCL_SERVER), t.host, String(t.port)]] })

  const luaV = `${debianPackage('lua5.4')}, ${debianPackage('lua-socket')}`
  await captureClient({ program: 'lua-socket', ecosystem: 'lua', version: luaV,
    how: 'lua5.4 client.lua HOST PORT: c = assert(socket.tcp()); c:settimeout(3); assert(c:connect(HOST, PORT)); send; receive(\'*a\')',
    cmd: t => ['lua5.4', [`${tempFiles('cz-lua-', { 'client.lua': LUA_CLIENT })}/client.lua`, t.host, String(t.port)]] }, RAW_TIMED)
  await captureServer({ program: 'lua-socket-server', ecosystem: 'lua', version: luaV,
    how: 'lua5.4 server.lua HOST PORT: assert(socket.bind(HOST, PORT))',
    cmd: t => ['lua5.4', [readableScript('cz-lua-', 'server.lua', LUA_SERVER), t.host, String(t.port)]] })

  const iperfV = debianPackage('iperf3')
  await captureClient({ program: 'iperf3', ecosystem: 'iperf', version: iperfV,
    how: 'iperf3 -c HOST -p PORT -t 1 --connect-timeout 3000',
    cmd: t => ['iperf3', ['-c', t.host, '-p', String(t.port), '-t', '1', '--connect-timeout', '3000']] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'plain-to-tls', 'ssh-banner']))
  await captureServer({ program: 'iperf3-server', ecosystem: 'iperf', version: iperfV,
    how: 'iperf3 -s -1 -B HOST -p PORT',
    cmd: t => ['iperf3', ['-s', '-1', '-B', t.host, '-p', String(t.port)]] })

  await captureClient({ program: 'nghttp', ecosystem: 'nghttp2', version: debianPackage('nghttp2-client'),
    how: 'nghttp --timeout=3 URL',
    cmd: t => ['nghttp', ['--timeout=3', t.url]] })

  // siege's own connect timeout is 30 s, beyond the capture's limit, so it has no timeout scenario.
  await captureClient({ program: 'siege', ecosystem: 'siege', version: debianPackage('siege'), skip: ['timeout'],
    how: 'siege -c1 -r1 URL, HOME in a temp dir',
    cmd: t => ['siege', ['-c1', '-r1', t.url], { env: { HOME: tempDir('cz-home-') } }] })

  const ffV = debianPackage('ffmpeg')
  await captureClient({ program: 'ffprobe-http', ecosystem: 'ffmpeg', version: ffV,
    how: 'ffprobe -hide_banner -timeout 3000000 URL/stream.mp4 (ffmpeg verifies no certificate by default)',
    cmd: t => ['ffprobe', ['-hide_banner', '-timeout', '3000000', `${t.url}stream.mp4`]] })
  await captureClient({ program: 'ffprobe-tcp', ecosystem: 'ffmpeg', version: ffV,
    how: 'ffprobe -hide_banner tcp://HOST:PORT?timeout=3000000 (tls://HOST:PORT for TLS)',
    cmd: t => ['ffprobe', ['-hide_banner', `${tls(t) ? 'tls' : 'tcp'}://${t.hostPort}?timeout=3000000`]] },
  // tcp:// only reads: the server's reset or hang-up comes before any byte, as for a server-first protocol.
  [...scenariosNamed([...CONNECT_FAILURES, 'timeout', 'tls-to-plain']), ...GREETED_SCENARIOS])
  await captureClient({ program: 'ffmpeg-rtmp', ecosystem: 'ffmpeg', version: ffV,
    how: 'ffmpeg -hide_banner -rw_timeout 3000000 -i rtmp://HOST:PORT/live/stream -f null - (rtmps:// for TLS)',
    cmd: t => ['ffmpeg', ['-hide_banner', '-rw_timeout', '3000000', '-i', `${tls(t) ? 'rtmps' : 'rtmp'}://${t.hostPort}/live/stream`, '-f', 'null', '-']] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'ssh-banner']))

  await captureClient({ program: 'hg-clone', ecosystem: 'mercurial', version: debianPackage('mercurial'),
    how: 'hg clone --config http.timeout=3 URL repo (--insecure for https), HOME in a temp dir',
    cmd: t => ['hg', ['clone', '--config', 'http.timeout=3', ...(tls(t) ? ['--insecure'] : []), t.url, `${tempDir('cz-hg-')}/repo`],
      { env: { HOME: tempDir('cz-home-'), HGRCPATH: '' } }] })

  await captureClient({ program: 's3cmd', ecosystem: 'python', version: debianPackage('s3cmd'),
    how: 's3cmd -c s3cfg ls (host_base HOST:PORT, socket_timeout 3, max_retries 1, use_https for TLS without certificate check)',
    cmd: t => ['s3cmd', ['-c', `${tempFiles('cz-s3-', { s3cfg: `[default]\naccess_key = AKIDLAB\nsecret_key = lab\nhost_base = ${t.hostPort}\nhost_bucket = ${t.hostPort}\nuse_https = ${tls(t) ? 'True' : 'False'}\ncheck_ssl_certificate = False\nsocket_timeout = 3\nmax_retries = 1\n` })}/s3cfg`, 'ls'],
      { timeout: 15000 }] })

  await captureClient({ program: 'amqp-publish', ecosystem: 'amqp', version: debianPackage('amqp-tools'),
    how: 'amqp-publish --server HOST --port PORT -r lab -b hello (--ssl for TLS)',
    cmd: t => ['amqp-publish', ['--server', t.host, '--port', String(t.port), ...(tls(t) ? ['--ssl'] : []), '-r', 'lab', '-b', 'hello']] },
  scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'ssh-banner']))

  await captureClient({ program: 'swaks', ecosystem: 'perl', version: `${debianPackage('swaks')}, ${debianPackage('libio-socket-inet6-perl')}`,
    how: 'swaks --server HOST --port PORT --to lab@example.com --timeout 3',
    cmd: t => ['swaks', ['--server', t.host, '--port', String(t.port), '--to', 'lab@example.com', '--timeout', '3']] },
  serverFirstScenarios('swaks'))

  // fetchmail runs as nobody (as root it warns first), with its run-control file 0600 and its own. It qualifies the
  // machine's own name first, which the namespace's /etc/hosts does not hold (a real machine's does), so it runs in a
  // UTS namespace of its own whose host name is localhost.
  await captureClient({ program: 'fetchmail', ecosystem: 'fetchmail', version: debianPackage('fetchmail'),
    how: 'fetchmail -d0 --nosyslog --mda cat -f rcfile (poll "HOST" port PORT proto POP3 timeout 3), as nobody, host name localhost',
    cmd: t => {
      const dir = tempDir('cz-fetchmail-')
      writeFileSync(join(dir, 'fetchmailrc'), `poll "${t.host}" port ${t.port} proto POP3 timeout 3 user lab password lab\n`, { mode: 0o600 })
      chownSync(dir, 65534, 65534)
      chownSync(join(dir, 'fetchmailrc'), 65534, 65534)
      return ['unshare', ['--uts', 'sh', '-c', 'hostname localhost && exec "$@"', 'sh', ...NOBODY, 'fetchmail', '-d0', '--nosyslog', '--mda', 'cat', '-f', join(dir, 'fetchmailrc')],
        { env: { HOME: dir, FETCHMAILHOME: dir } }]
    } }, serverFirstScenarios('fetchmail'))

  await captureClient({ program: 'rpcinfo', ecosystem: 'sunrpc', version: debianPackage('rpcbind'),
    how: 'rpcinfo -n PORT -t HOST 100000 (a TCP ping of the portmapper program on that port)',
    cmd: t => ['rpcinfo', ['-n', String(t.port), '-t', t.host, '100000']] },
  scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'ssh-banner']))
})
