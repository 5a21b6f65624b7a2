// Round 10: runtimes whose socket errors are in their own words, no round had run: Tcl's http package, R (url(),
// socketConnection(), download.file()), Guile (its socket procedures and (web client)), OCaml's Unix library and Free
// Pascal's ssockets and fphttpclient units, as clients and (where they bind) servers. The OCaml and Pascal programs
// are compiled once per run into a temp dir. A client with no connect timeout of its own (Guile, OCaml) has no
// timeout scenario: the kernel's SYN retries outlast the capture (as for bash and Tcl's socket in round 8).
import { execFileSync } from 'node:child_process'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, captureServer, debianPackage, tempFiles, scenariosNamed } from './lib.mjs'

const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
const RAW = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up'])
const RAW_TIMED = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up'])
const HTTP_PLAIN = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'ssh-banner'])
const HTTP_PLAIN_UNTIMED = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'ssh-banner'])
const REQUEST = 'GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n'

/** Files in a dir nobody can read and enter (mkdtemp makes 0700 dirs): the privileged scenario's bind must fail, not its open. */
function readableDir (prefix, files) {
  const dir = tempFiles(prefix, files)
  chmodSync(dir, 0o755)
  return dir
}

const TCL_HTTP = `package require http
set t [http::geturl [lindex $argv 0] -timeout 3000]
puts [http::status $t]
puts [http::code $t]
puts [http::error $t]`

// Rscript shows what an interactive R session shows: the error, then the warnings that came with it.
const R_URL = `a <- commandArgs(trailingOnly = TRUE)
options(timeout = 3)
print(readLines(url(a[1])))`
const R_SOCKET = `a <- commandArgs(trailingOnly = TRUE)
con <- socketConnection(a[1], as.integer(a[2]), open = "r+", blocking = TRUE, timeout = 3)
writeLines("GET / HTTP/1.0\\r\\nHost: lab\\r\\n", con)
print(readLines(con))`
const R_DOWNLOAD = `a <- commandArgs(trailingOnly = TRUE)
options(timeout = 3)
download.file(a[1], tempfile(), method = "libcurl")`

const GUILE_CLIENT = `(use-modules (ice-9 rdelim) (ice-9 textual-ports))
(define args (cdr (command-line)))
(define ai (car (getaddrinfo (car args) (cadr args) 0 AF_UNSPEC SOCK_STREAM)))
(define s (socket (addrinfo:fam ai) SOCK_STREAM 0))
(connect s (addrinfo:addr ai))
(display "${REQUEST}" s)
(force-output s)
(display (get-string-all s))`
const GUILE_WEB = `(use-modules (web client))
(call-with-values (lambda () (http-get (cadr (command-line)))) (lambda (res body) (display body)))`
const GUILE_SERVER = `(define args (cdr (command-line)))
(define fam (if (string-index (car args) #\\:) AF_INET6 AF_INET))
(define s (socket fam SOCK_STREAM 0))
(bind s fam (inet-pton fam (car args)) (string->number (cadr args)))
(listen s 5)
(display "listening")
(newline)`

// Uncaught, as a script's author first writes it: the runtime prints the exception ("Fatal error: exception ...").
const OCAML_CLIENT = `let () =
  let ai = List.hd (Unix.getaddrinfo Sys.argv.(1) Sys.argv.(2) [Unix.AI_SOCKTYPE Unix.SOCK_STREAM]) in
  let ic, oc = Unix.open_connection ai.Unix.ai_addr in
  output_string oc "${REQUEST}"; flush oc;
  print_string (really_input_string ic 1)
`
const OCAML_SERVER = `let () =
  let a = Unix.inet_addr_of_string Sys.argv.(1) in
  let s = Unix.socket (Unix.domain_of_sockaddr (Unix.ADDR_INET (a, 0))) Unix.SOCK_STREAM 0 in
  Unix.bind s (Unix.ADDR_INET (a, int_of_string Sys.argv.(2)));
  Unix.listen s 5;
  print_endline "listening"
`

// Unhandled exceptions, as Free Pascal's runtime prints them ("An unhandled exception occurred at $...").
const PAS_HTTP = `program labhttp;
{$mode objfpc}{$H+}
uses SysUtils, fphttpclient;
begin
  with TFPHTTPClient.Create(nil) do
  try
    ConnectTimeout := 3000;
    IOTimeout := 3000;
    WriteLn(Get(ParamStr(1)));
  finally
    Free;
  end;
end.
`
const PAS_SOCKET = `program labsock;
{$mode objfpc}{$H+}
uses SysUtils, ssockets;
var s: TInetSocket; buf: array[0..4095] of char; n: LongInt;
begin
  s := TInetSocket.Create(ParamStr(1), StrToInt(ParamStr(2)), 3000);
  s.Write(PChar('GET / HTTP/1.0'#13#10'Host: lab'#13#10#13#10)^, 29);
  n := s.Read(buf, SizeOf(buf));
  while n > 0 do begin Write(Copy(buf, 0, n)); n := s.Read(buf, SizeOf(buf)) end;
  s.Free;
end.
`
const PAS_SERVER = `program labsrv;
{$mode objfpc}{$H+}
uses SysUtils, ssockets;
var s: TInetServer;
begin
  s := TInetServer.Create(ParamStr(1), StrToInt(ParamStr(2)));
  s.Bind;
  s.Listen;
  WriteLn('listening');
  s.Free;
end.
`

await family(async () => {
  const tclV = debianPackage('tcl8.6')
  const tclDir = tempFiles('cz-tcl-', { 'http.tcl': TCL_HTTP })
  await captureClient({ program: 'tcl-http', ecosystem: 'tcl', version: tclV,
    how: 'tclsh script.tcl URL: package require http; set t [http::geturl URL -timeout 3000]; puts status, code, error',
    cmd: t => ['tclsh', [join(tclDir, 'http.tcl'), t.url]] }, HTTP_PLAIN)

  const rV = debianPackage('r-base-core')
  const rDir = tempFiles('cz-r-', { 'url.R': R_URL, 'socket.R': R_SOCKET, 'download.R': R_DOWNLOAD })
  const rEnv = { R_LIBS_USER: '/nonexistent', R_PROFILE_USER: '/dev/null', R_ENVIRON_USER: '/dev/null' }
  await captureClient({ program: 'r-url', ecosystem: 'r', version: rV,
    how: 'Rscript script.R URL: options(timeout = 3); readLines(url(URL)) (libcurl; https without a certificate check is not R\'s default, so TLS is left out)',
    cmd: t => ['Rscript', [join(rDir, 'url.R'), t.url], { env: rEnv, timeout: 15000 }] }, HTTP_PLAIN)
  await captureClient({ program: 'r-socketconnection', ecosystem: 'r', version: rV,
    how: 'Rscript script.R HOST PORT: con <- socketConnection(HOST, PORT, open = "r+", blocking = TRUE, timeout = 3); writeLines(request, con); readLines(con)',
    cmd: t => ['Rscript', [join(rDir, 'socket.R'), t.host, String(t.port)], { env: rEnv, timeout: 15000 }] }, RAW_TIMED)
  await captureClient({ program: 'r-download-file', ecosystem: 'r', version: rV,
    how: 'Rscript script.R URL: options(timeout = 3); download.file(URL, tempfile(), method = "libcurl")',
    cmd: t => ['Rscript', [join(rDir, 'download.R'), t.url], { env: rEnv, timeout: 15000 }] }, HTTP_PLAIN)

  const guileV = debianPackage('guile-3.0')
  const guileDir = readableDir('cz-guile-', { 'client.scm': GUILE_CLIENT, 'web.scm': GUILE_WEB, 'server.scm': GUILE_SERVER })
  const guile = (file, ...args) => ['guile', ['--no-auto-compile', '-s', join(guileDir, file), ...args]]
  await captureClient({ program: 'guile-socket', ecosystem: 'guile', version: guileV,
    how: 'guile -s client.scm HOST PORT: (getaddrinfo HOST PORT), (socket ...), (connect s (addrinfo:addr ai)), display the request, read all',
    cmd: t => guile('client.scm', t.host, String(t.port)) }, RAW)
  await captureClient({ program: 'guile-web-client', ecosystem: 'guile', version: guileV,
    how: 'guile -s web.scm URL: (use-modules (web client)) (http-get URL)',
    cmd: t => guile('web.scm', t.url) }, HTTP_PLAIN_UNTIMED)
  await captureServer({ program: 'guile-socket-server', ecosystem: 'guile', version: guileV,
    how: 'guile -s server.scm HOST PORT: (bind s fam (inet-pton fam HOST) PORT) (listen s 5)',
    cmd: t => guile('server.scm', t.host, String(t.port)) })

  const ocamlV = debianPackage('ocaml-nox')
  const mlDir = readableDir('cz-ocaml-', { 'client.ml': OCAML_CLIENT, 'server.ml': OCAML_SERVER })
  for (const f of ['client', 'server']) {
    execFileSync('ocamlc', ['-I', '+unix', 'unix.cma', join(mlDir, `${f}.ml`), '-o', join(mlDir, f)], { cwd: mlDir, stdio: ['ignore', 2, 2] })
  }
  await captureClient({ program: 'ocaml-unix', ecosystem: 'ocaml', version: ocamlV,
    how: 'ocamlc unix.cma client.ml; ./client HOST PORT: Unix.getaddrinfo, Unix.open_connection, write the request, really_input_string (exceptions left uncaught)',
    cmd: t => [join(mlDir, 'client'), [t.host, String(t.port)]] }, RAW)
  await captureServer({ program: 'ocaml-unix-server', ecosystem: 'ocaml', version: ocamlV,
    how: 'ocamlc unix.cma server.ml; ./server HOST PORT: Unix.socket, Unix.bind (ADDR_INET (inet_addr_of_string HOST, PORT)), Unix.listen (uncaught)',
    cmd: t => [join(mlDir, 'server'), [t.host, String(t.port)]] })

  const fpcV = `${debianPackage('fp-compiler-3.2.2')}, ${debianPackage('fp-units-fcl-3.2.2')}`
  const pasDir = readableDir('cz-fpc-', { 'labhttp.pas': PAS_HTTP, 'labsock.pas': PAS_SOCKET, 'labsrv.pas': PAS_SERVER })
  for (const f of ['labhttp', 'labsock', 'labsrv']) execFileSync('fpc', ['-v0', join(pasDir, `${f}.pas`)], { cwd: pasDir, stdio: ['ignore', 'ignore', 2] })
  // TInetSocket resolves with its own IPv4-only resolver ("Host name resolution for "::1" failed"): it never connects
  // to [::1], so refused-ipv6 says nothing about that port and is left out, as for zsh's ztcp.
  await captureClient({ program: 'fpc-fphttpclient', ecosystem: 'pascal', version: fpcV, skip: ['refused-ipv6'],
    how: 'fpc labhttp.pas; ./labhttp URL: TFPHTTPClient.Create(nil) with ConnectTimeout/IOTimeout 3000, Get(URL) (exception left unhandled)',
    cmd: t => [join(pasDir, 'labhttp'), [t.url]] }, HTTP_PLAIN)
  await captureClient({ program: 'fpc-ssockets', ecosystem: 'pascal', version: fpcV, skip: ['refused-ipv6'],
    how: 'fpc labsock.pas; ./labsock HOST PORT: TInetSocket.Create(HOST, PORT, 3000), Write the request, Read (exception left unhandled)',
    cmd: t => [join(pasDir, 'labsock'), [t.host, String(t.port)]] }, RAW_TIMED)
  await captureServer({ program: 'fpc-ssockets-server', ecosystem: 'pascal', version: fpcV, skip: ['in-use-ipv6'],
    how: 'fpc labsrv.pas; ./labsrv HOST PORT: TInetServer.Create(HOST, PORT); Bind; Listen (exception left unhandled)',
    cmd: t => [join(pasDir, 'labsrv'), [t.host, String(t.port)]] })
})
