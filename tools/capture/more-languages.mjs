// Round 12: runtimes the corpus had never held, each failing in its own words against the capture's sockets: Racket
// 8.7 (racket/tcp's tcp-connect and tcp-listen, net/url's get-pure-port), Haskell (GHC 9.0 with Debian's network 3.1
// and http-client 0.7: Network.Socket's connect and bind, Network.HTTP.Client's httpLbs), Mono 6.8's C#
// (System.Net.Sockets.TcpClient.Connect, HttpClient.GetAsync().Result, WebClient.DownloadString, TcpListener.Start),
// Nim 1.6 (std/net's connect and bindAddr, std/httpclient's getContent), GNU Octave 7.3 (urlread, webread), Crystal
// 1.6 (TCPSocket.new, HTTP::Client, TCPServer.new) and GNAT 12's GNAT.Sockets (Connect_Socket, Bind_Socket). Each
// program is a first script's shape: one call, the error left uncaught, so the runtime prints it its own way (Mono's
// `Unhandled Exception:` and `[ERROR] FATAL UNHANDLED EXCEPTION:` with their stack traces, GHC's `app: <exception>`,
// Nim's traceback and `Error: unhandled exception: ... [OSError]`, Crystal's `Unhandled exception: ... (Socket::...)`,
// GNAT's `raised GNAT.SOCKETS.SOCKET_ERROR : [111] ...`, Racket's `tcp-connect: connection failed` block).
// The compiled programs are built once per run in a temp dir the capture removes (ghc, mcs, nim c, crystal build,
// gnatmake; raco make for Racket), opened to nobody for the privileged scenario.
// Not captured: Octave's tcpclient (Octave 7.3 says "The 'tcpclient' function is not yet implemented in Octave", and
// Debian 12's octave-instrument-control was not installed: round 12 kept to what Octave itself does).
// No timeout scenario for a client with no connect timeout of its own (the kernel's SYN retries outlast the capture,
// as for Guile and OCaml in round 10): Racket's tcp-connect and get-pure-port, Network.Socket's connect, TcpClient.Connect,
// WebClient (its 100 s default), urlread (libcurl's 300 s connect default) and GNAT's Connect_Socket.
// A raw client whose read after a FIN returns an empty string prints nothing (Racket's port->string, Network.Socket's
// recv, StreamReader.ReadToEnd, Nim's recvLine, Crystal's gets_to_end): those have no hang-up text and skip it.
import { execFileSync } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, captureServer, debianPackage, tempFiles, tempDir, scenariosNamed } from './lib.mjs'

const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
const RAW = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up'])
const RAW_TIMED = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up'])
const HTTP_ALL = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner'])
const HTTP_UNTIMED = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner'])

/** Sources in a dir nobody can read and enter (mkdtemp makes 0700 dirs): the privileged scenario's bind must fail, not its exec. */
function buildDir (prefix, files) {
  const dir = tempFiles(prefix, files)
  chmodSync(dir, 0o755)
  return dir
}

/** Runs a compiler in dir; its output goes to the capture's stderr (the log), never into a record. */
function build (dir, cmd, args, env = {}) {
  execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 2, 2], env: { ...process.env, ...env } })
}

const REQUEST = 'GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n'

const RACKET_TCP = `#lang racket/base
(require racket/port racket/tcp)
(define args (current-command-line-arguments))
(define-values (in out) (tcp-connect (vector-ref args 0) (string->number (vector-ref args 1))))
(write-string "${REQUEST}" out)
(flush-output out)
(display (port->string in))
`
const RACKET_URL = `#lang racket/base
(require net/url racket/port)
(define in (get-pure-port (string->url (vector-ref (current-command-line-arguments) 0))))
(display (port->string in))
`
const RACKET_SERVER = `#lang racket/base
(require racket/tcp)
(define args (current-command-line-arguments))
(define listener (tcp-listen (string->number (vector-ref args 1)) 4 #f (vector-ref args 0)))
(displayln "listening")
`

// One Haskell program, three modes (one ghc link instead of three); `app` is what a user's binary would be called.
const HASKELL = `import qualified Network.Socket as N
import qualified Network.Socket.ByteString as NB
import qualified Data.ByteString.Char8 as B
import qualified Data.ByteString.Lazy.Char8 as L
import Network.HTTP.Client (newManager, parseRequest, httpLbs, responseBody, managerResponseTimeout, responseTimeoutMicro)
import Network.HTTP.Client.TLS (tlsManagerSettings)
import System.Environment (getArgs)

main :: IO ()
main = do
  args <- getArgs
  case args of
    ["connect", host, port] -> do
      addr:_ <- N.getAddrInfo (Just N.defaultHints { N.addrSocketType = N.Stream }) (Just host) (Just port)
      s <- N.socket (N.addrFamily addr) N.Stream N.defaultProtocol
      N.connect s (N.addrAddress addr)
      NB.sendAll s (B.pack "${REQUEST}")
      r <- NB.recv s 4096
      B.putStr r
    ["bind", host, port] -> do
      addr:_ <- N.getAddrInfo (Just N.defaultHints { N.addrFlags = [N.AI_PASSIVE], N.addrSocketType = N.Stream }) (Just host) (Just port)
      s <- N.socket (N.addrFamily addr) N.Stream N.defaultProtocol
      N.bind s (N.addrAddress addr)
      N.listen s 5
      putStrLn "listening"
    ["http", url] -> do
      m <- newManager tlsManagerSettings { managerResponseTimeout = responseTimeoutMicro 3000000 }
      req <- parseRequest url
      r <- httpLbs req m
      L.putStr (responseBody r)
    _ -> error "usage: app connect|bind HOST PORT | app http URL"
`

const CSHARP = `using System;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

class App {
  static void Main (string[] args) {
    switch (args[0]) {
    case "tcpclient": {
      var client = new TcpClient();
      client.Connect(args[1], int.Parse(args[2]));
      var stream = client.GetStream();
      var req = Encoding.ASCII.GetBytes("${REQUEST}");
      stream.Write(req, 0, req.Length);
      Console.Write(new StreamReader(stream).ReadToEnd());
      break;
    }
    case "httpclient": {
      var http = new HttpClient { Timeout = TimeSpan.FromSeconds(3) };
      var res = http.GetAsync(args[1]).Result;
      Console.Write(res.Content.ReadAsStringAsync().Result);
      break;
    }
    case "webclient": {
      Console.Write(new WebClient().DownloadString(args[1]));
      break;
    }
    case "tcplistener": {
      var listener = new TcpListener(IPAddress.Parse(args[1]), int.Parse(args[2]));
      listener.Start();
      Console.WriteLine("listening");
      break;
    }
    }
  }
}
`

const NIM = `import std/[net, httpclient, os, strutils]

case paramStr(1)
of "connect":
  let s = newSocket(if ':' in paramStr(2): AF_INET6 else: AF_INET)
  s.connect(paramStr(2), Port(parseInt(paramStr(3))), timeout = 3000)
  s.send("${REQUEST}")
  echo s.recvLine(timeout = 3000)
of "httpclient":
  let client = newHttpClient(timeout = 3000)
  echo client.getContent(paramStr(2))
of "bind":
  let s = newSocket(if ':' in paramStr(2): AF_INET6 else: AF_INET)
  s.bindAddr(Port(parseInt(paramStr(3))), paramStr(2))
  s.listen()
  echo "listening"
`

const CRYSTAL = `require "socket"
require "http/client"

case ARGV[0]
when "tcpsocket"
  sock = TCPSocket.new(ARGV[1], ARGV[2].to_i, connect_timeout: 3)
  sock << "${REQUEST}"
  sock.flush
  puts sock.gets_to_end
when "http-client"
  uri = URI.parse(ARGV[1])
  client = HTTP::Client.new(uri, tls: uri.scheme == "https" ? OpenSSL::SSL::Context::Client.insecure : nil)
  client.connect_timeout = 3.seconds
  client.read_timeout = 3.seconds
  puts client.get(uri.request_target).body
when "tcpserver"
  server = TCPServer.new(ARGV[1], ARGV[2].to_i)
  puts "listening"
end
`

const ADA = `with Ada.Command_Line; use Ada.Command_Line;
with Ada.Text_IO;
with GNAT.Sockets; use GNAT.Sockets;

procedure App is
   Mode : constant String := Argument (1);
   Host : constant String := Argument (2);
   Port : constant Port_Type := Port_Type'Value (Argument (3));
   Sock : Socket_Type;
   Addr : Sock_Addr_Type;
begin
   if Mode = "connect" then
      Addr := Get_Address_Info (Host, Argument (3), Mode => Socket_Stream) (1).Addr;
      Create_Socket (Sock, Addr.Family);
      Connect_Socket (Sock, Addr);
      declare
         Channel : constant Stream_Access := Stream (Sock);
         C : Character;
      begin
         String'Write (Channel, "GET / HTTP/1.0" & ASCII.CR & ASCII.LF & "Host: lab" & ASCII.CR & ASCII.LF & ASCII.CR & ASCII.LF);
         loop
            Character'Read (Channel, C);
            Ada.Text_IO.Put (C);
         end loop;
      end;
   else
      Addr := Network_Socket_Address (Inet_Addr (Host), Port);
      Create_Socket (Sock, Addr.Family);
      Bind_Socket (Sock, Addr);
      Listen_Socket (Sock);
      Ada.Text_IO.Put_Line ("listening");
   end if;
end App;
`

/** An Octave single-quoted string (the values are URLs: ASCII, no quotes). */
const oq = s => `'${String(s).replace(/'/g, "''")}'`

await family(async () => {
  // Racket: raco make compiles the three scripts to compiled/*.zo first, so a run times the program, not the compiler.
  const racketV = debianPackage('racket')
  const rkt = buildDir('cz-racket-', { 'tcp.rkt': RACKET_TCP, 'url.rkt': RACKET_URL, 'server.rkt': RACKET_SERVER })
  build(rkt, 'raco', ['make', 'tcp.rkt', 'url.rkt', 'server.rkt'])
  chmodSync(join(rkt, 'compiled'), 0o755)
  await captureClient({ program: 'racket-tcp-connect', ecosystem: 'racket', version: racketV, skip: ['hang-up'],
    how: 'racket tcp.rkt HOST PORT: (tcp-connect HOST PORT), write the request, (display (port->string in)), uncaught',
    cmd: t => ['racket', [join(rkt, 'tcp.rkt'), t.host, String(t.port)]] }, RAW)
  // get-pure-port took the SSH banner's line for a status line and waited for headers past the capture's limit, silent
  // in every locale (round 12's first run): no ssh-banner scenario.
  await captureClient({ program: 'racket-get-pure-port', ecosystem: 'racket', version: racketV, skip: ['ssh-banner'],
    how: 'racket url.rkt URL: (require net/url), (get-pure-port (string->url URL)), (display (port->string in)), uncaught',
    cmd: t => ['racket', [join(rkt, 'url.rkt'), t.url]] }, HTTP_UNTIMED)
  await captureServer({ program: 'racket-tcp-listen', ecosystem: 'racket', version: racketV,
    how: 'racket server.rkt HOST PORT: (tcp-listen PORT 4 #f HOST), uncaught',
    cmd: t => ['racket', [join(rkt, 'server.rkt'), t.host, String(t.port)]] })

  // Haskell: network's exceptions are IOErrors that GHC prints as `app: <location>: <type> (<strerror>)`.
  const hsV = `${debianPackage('ghc')}, ${debianPackage('libghc-network-dev')}`
  const hs = buildDir('cz-hs-', { 'Main.hs': HASKELL })
  build(hs, 'ghc', ['-O0', '-outputdir', join(hs, 'o'), '-o', 'app', 'Main.hs'])
  await captureClient({ program: 'haskell-network-connect', ecosystem: 'haskell', version: hsV, skip: ['hang-up'],
    how: 'app connect HOST PORT (ghc): Network.Socket getAddrInfo, socket, connect, sendAll the request, recv 4096 (uncaught)',
    cmd: t => [join(hs, 'app'), ['connect', t.host, String(t.port)]] }, RAW)
  await captureClient({ program: 'haskell-http-client', ecosystem: 'haskell', version: `${debianPackage('ghc')}, ${debianPackage('libghc-http-client-dev')}, ${debianPackage('libghc-http-client-tls-dev')}`,
    how: 'app http URL (ghc): Network.HTTP.Client newManager tlsManagerSettings { managerResponseTimeout = responseTimeoutMicro 3000000 }, parseRequest URL, httpLbs (uncaught)',
    cmd: t => [join(hs, 'app'), ['http', t.url], { timeout: 12000 }] }, HTTP_ALL)
  await captureServer({ program: 'haskell-network-bind', ecosystem: 'haskell', version: hsV,
    how: 'app bind HOST PORT (ghc): Network.Socket getAddrInfo (AI_PASSIVE), socket, bind, listen 5 (uncaught)',
    cmd: t => [join(hs, 'app'), ['bind', t.host, String(t.port)]] })

  // Mono: mcs compiles one app.exe; an unhandled exception is printed twice (`Unhandled Exception:` and `[ERROR]
  // FATAL UNHANDLED EXCEPTION:`), both kept as the terminal shows them.
  const monoV = `${debianPackage('mono-runtime')}, ${debianPackage('mono-mcs')}`
  const cs = buildDir('cz-mono-', { 'App.cs': CSHARP })
  build(cs, 'mcs', ['-r:System.Net.Http.dll', '-out:app.exe', 'App.cs'])
  const mono = (args, opts = {}) => ['mono', [join(cs, 'app.exe'), ...args], { env: { HOME: tempDir('cz-home-') }, timeout: 12000, ...opts }]
  // new TcpClient() is an IPv4 socket: Connect("::1", PORT) throws "The socket is not connected" whether or not
  // anything listens on [::1]:PORT (checked against a listener the check opened), so that text says nothing about the
  // port: no refused-ipv6 scenario (its text was dropped after round 12's blind run, as ncftp's and rclone's in round 10).
  await captureClient({ program: 'mono-tcpclient', ecosystem: 'dotnet', version: monoV, skip: ['refused-ipv6', 'hang-up'],
    how: 'mono app.exe (C#, mcs): new TcpClient().Connect(HOST, PORT), write the request, new StreamReader(stream).ReadToEnd() (unhandled)',
    cmd: t => mono(['tcpclient', t.host, String(t.port)]) }, RAW)
  // On a full accept queue HttpClient's 3 s Timeout did not end the connect: killed at the capture's 12 s limit with
  // nothing printed (round 12's first run), so no timeout scenario.
  await captureClient({ program: 'mono-httpclient', ecosystem: 'dotnet', version: `${monoV}, ${debianPackage('libmono-system-net-http4.0-cil')}`, skip: ['timeout'],
    how: 'mono app.exe (C#, mcs): new HttpClient { Timeout = TimeSpan.FromSeconds(3) }.GetAsync(URL).Result (unhandled)',
    cmd: t => mono(['httpclient', t.url]) }, HTTP_ALL)
  await captureClient({ program: 'mono-webclient', ecosystem: 'dotnet', version: monoV,
    how: 'mono app.exe (C#, mcs): new WebClient().DownloadString(URL) (unhandled)',
    cmd: t => mono(['webclient', t.url]) }, HTTP_UNTIMED)
  await captureServer({ program: 'mono-tcplistener', ecosystem: 'dotnet', version: monoV,
    how: 'mono app.exe (C#, mcs): new TcpListener(IPAddress.Parse(HOST), PORT).Start() (unhandled)',
    cmd: t => mono(['tcplistener', t.host, String(t.port)], { env: { HOME: t.dir } }) })

  // Nim: nim c (with -d:ssl for https); an unhandled exception prints the traceback and `Error: unhandled exception`.
  const nimV = debianPackage('nim')
  const nim = buildDir('cz-nim-', { 'app.nim': NIM })
  build(nim, 'nim', ['c', '-d:ssl', '--hints:off', `--nimcache:${join(nim, 'cache')}`, '-o:app', 'app.nim'])
  // std/net's default SafeDisconn flag turns ECONNRESET into an empty read (isDisconnectionError), so recvLine returns ""
  // after a RST as after a FIN: nothing printed (round 12's first run), no reset and no hang-up scenario.
  await captureClient({ program: 'nim-net-connect', ecosystem: 'nim', version: nimV, skip: ['reset', 'hang-up'],
    how: 'app connect HOST PORT (nim c): newSocket(), connect(HOST, Port(PORT), timeout = 3000), send the request, recvLine(timeout = 3000) (unhandled)',
    cmd: t => [join(nim, 'app'), ['connect', t.host, String(t.port)]] }, RAW_TIMED)
  // newHttpClient's timeout bounds reads, not dial's connect: on a full accept queue it was killed at the capture's
  // limit with nothing printed (round 12's first run), so no timeout scenario.
  await captureClient({ program: 'nim-httpclient', ecosystem: 'nim', version: nimV, skip: ['timeout'],
    how: 'app httpclient URL (nim c -d:ssl): newHttpClient(timeout = 3000).getContent(URL) (unhandled)',
    cmd: t => [join(nim, 'app'), ['httpclient', t.url]] }, HTTP_ALL)
  await captureServer({ program: 'nim-net-bindaddr', ecosystem: 'nim', version: nimV,
    how: 'app bind HOST PORT (nim c): newSocket(), bindAddr(Port(PORT), HOST), listen() (unhandled)',
    cmd: t => [join(nim, 'app'), ['bind', t.host, String(t.port)]] })

  // Octave: --eval with the error uncaught (`error: ...`, then Octave's own line as it exits).
  const octV = debianPackage('octave')
  const octave = (code, dir) => ['octave', ['--no-gui', '--quiet', '--no-init-file', '--eval', code], { env: { HOME: dir }, timeout: 15000 }]
  await captureClient({ program: 'octave-urlread', ecosystem: 'octave', version: octV,
    how: "octave --no-gui --quiet --no-init-file --eval \"urlread('URL')\"",
    cmd: t => octave(`urlread(${oq(t.url)})`, tempDir('cz-home-')) }, HTTP_UNTIMED)
  // On a full accept queue webread printed nothing before the capture's 15 s limit despite weboptions('Timeout', 3)
  // (round 12's first run): no timeout scenario.
  await captureClient({ program: 'octave-webread', ecosystem: 'octave', version: octV, skip: ['timeout'],
    how: "octave --no-gui --quiet --no-init-file --eval \"webread('URL', weboptions('Timeout', 3))\"",
    cmd: t => octave(`webread(${oq(t.url)}, weboptions('Timeout', 3))`, tempDir('cz-home-')) }, HTTP_ALL)

  // Crystal: crystal build (its cache in the temp dir); an unhandled exception prints `Unhandled exception:` and
  // the stack.
  const crV = debianPackage('crystal')
  const cr = buildDir('cz-crystal-', { 'app.cr': CRYSTAL })
  build(cr, 'crystal', ['build', '-o', 'app', 'app.cr'], { CRYSTAL_CACHE_DIR: join(cr, 'cache') })
  await captureClient({ program: 'crystal-tcpsocket', ecosystem: 'crystal', version: crV, skip: ['hang-up'],
    how: 'app tcpsocket HOST PORT (crystal build): TCPSocket.new(HOST, PORT, connect_timeout: 3), write the request, puts sock.gets_to_end (unhandled)',
    cmd: t => [join(cr, 'app'), ['tcpsocket', t.host, String(t.port)]] }, RAW_TIMED)
  await captureClient({ program: 'crystal-http-client', ecosystem: 'crystal', version: crV,
    how: 'app http-client URL (crystal build): HTTP::Client.new(uri, tls: insecure context for https), connect_timeout = read_timeout = 3.seconds, client.get(path) (unhandled)',
    cmd: t => [join(cr, 'app'), ['http-client', t.url]] }, HTTP_ALL)
  await captureServer({ program: 'crystal-tcpserver', ecosystem: 'crystal', version: crV,
    how: 'app tcpserver HOST PORT (crystal build): TCPServer.new(HOST, PORT) (unhandled)',
    cmd: t => [join(cr, 'app'), ['tcpserver', t.host, String(t.port)]] })

  // GNAT: gnatmake; an unhandled exception prints `raised <NAME> : <message>`. Its socket messages are GNAT's
  // own table (`[errno] text`), not strerror, so the probe will find it English-only.
  const adaV = `${debianPackage('gnat-12')}`
  const ada = buildDir('cz-ada-', { 'app.adb': ADA })
  build(ada, 'gnatmake', ['-q', '-o', 'app', 'app.adb'])
  await captureClient({ program: 'gnat-sockets-connect', ecosystem: 'ada', version: adaV,
    how: 'app connect HOST PORT (gnatmake): GNAT.Sockets Get_Address_Info, Create_Socket, Connect_Socket, String\'Write the request, Character\'Read until it fails (unhandled)',
    cmd: t => [join(ada, 'app'), ['connect', t.host, String(t.port)]] }, RAW)
  await captureServer({ program: 'gnat-sockets-bind', ecosystem: 'ada', version: adaV,
    how: 'app bind HOST PORT (gnatmake): GNAT.Sockets Network_Socket_Address (Inet_Addr (HOST), PORT), Create_Socket, Bind_Socket, Listen_Socket (unhandled)',
    cmd: t => [join(ada, 'app'), ['bind', t.host, String(t.port)]] })
})
