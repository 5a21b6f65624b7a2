// Round 11: more runtimes whose socket errors are in their own words, no round had run: Emacs in batch mode
// (url-retrieve-synchronously, open-network-stream, make-network-process :server t), SWI-Prolog 9.0 (library(socket)'s
// tcp_connect/3 and tcp_bind/2, library(http/http_open)), GNU CLISP (socket:socket-connect, socket:socket-server) and
// SBCL (sb-bsd-sockets), as clients and servers. Every error is left uncaught, as a script's author first writes it:
// each runtime prints it its own way (Emacs 28's batch backtrace, SWI-Prolog's `ERROR: ... Socket error: ...`, CLISP's
// `*** - OS-ERROR(...)`, SBCL's `Unhandled ...` with its backtrace). GNU Smalltalk was asked for too: Debian 12 has no
// gnu-smalltalk package (`apt-cache search smalltalk` finds only squeak-vm), so it is not here.
// A client with no connect timeout of its own has no timeout scenario (the kernel's SYN retries outlast the capture,
// as for Guile and OCaml in round 10): open-network-stream, SWI-Prolog (tcp_connect/3 has none; http_open's timeout(T)
// is set "*after* connecting", library/http/http_open.pl) and sb-bsd-sockets' socket-connect.
import { family, captureClient, captureServer, debianPackage, tempFiles, scenariosNamed } from './lib.mjs'
import { chmodSync } from 'node:fs'
import { join } from 'node:path'

const CONNECT_FAILURES = ['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'dns', 'dns-no-resolver']
const RAW = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up'])
const RAW_TIMED = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up'])
const RAW_TLS = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'tls-to-plain'])
const HTTP_ALL = scenariosNamed([...CONNECT_FAILURES, 'timeout', 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner'])
const HTTP_UNTIMED = scenariosNamed([...CONNECT_FAILURES, 'reset', 'hang-up', 'tls-to-plain', 'plain-to-tls', 'ssh-banner'])

/** Files in a dir nobody can read and enter (mkdtemp makes 0700 dirs): the privileged scenario's bind must fail, not its open. */
function readableDir (prefix, files) {
  const dir = tempFiles(prefix, files)
  chmodSync(dir, 0o755)
  return dir
}

/** An Emacs Lisp string literal (the values put in are URLs, host names and addresses: ASCII, no quotes). */
const el = s => JSON.stringify(String(s))

// Emacs: the form goes to `emacs --batch --eval`; Emacs 28 prints an uncaught error in batch mode as
// `Debugger entered--Lisp error: ...` with its backtrace. Debian's site-start lines come first, as a terminal shows.
const emacsUrl = url => `(progn (require 'url) (with-current-buffer (url-retrieve-synchronously ${el(url)} t t 3) (princ (buffer-string))))`
const emacsStream = (host, port, tls) => `(let ((p (open-network-stream "lab" "*lab*" ${el(host)} ${port}${tls ? ' :type (quote tls)' : ''})))
  (set-process-sentinel p (lambda (proc event) (message "%s: %s" (process-name proc) event)))
  (process-send-string p "GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n")
  (while (process-live-p p) (accept-process-output p 1))
  (princ (with-current-buffer "*lab*" (buffer-string))))`
const emacsServer = (host, port) => `(progn (make-network-process :name "lab" :server t :host ${el(host)} :service ${port}) (princ "listening\\n"))`

// SWI-Prolog: `swipl script.pl ARGS` with initialization(main, main): an uncaught error is printed and the exit is 2.
const SWIPL_TCP = `:- use_module(library(socket)).
:- initialization(main, main).
main :-
    current_prolog_flag(argv, [Host, PortA|_]),
    atom_number(PortA, Port),
    tcp_connect(Host:Port, Stream, []),
    format(Stream, "GET / HTTP/1.0\\r\\nHost: lab\\r\\n\\r\\n", []),
    flush_output(Stream),
    read_string(Stream, _, S),
    write(S).
`
const SWIPL_HTTP = `:- use_module(library(http/http_open)).
:- initialization(main, main).
main :-
    current_prolog_flag(argv, [URL|_]),
    http_open(URL, In, [timeout(3), cert_verify_hook(cert_accept_any)]),
    copy_stream_data(In, user_output),
    close(In).
`
const SWIPL_SERVER = `:- use_module(library(socket)).
:- initialization(main, main).
main :-
    current_prolog_flag(argv, [Host, PortA|_]),
    atom_number(PortA, Port),
    tcp_socket(S),
    tcp_bind(S, Host:Port),
    tcp_listen(S, 5),
    writeln(listening).
`

// CLISP: `clisp script.lisp ARGS`; an unhandled error prints `*** - ...` and exits 1. read-line's default (eof-error-p
// t) is what a first script uses: the end of the stream is an error too.
const CLISP_CLIENT = `(let ((s (socket:socket-connect (parse-integer (second ext:*args*)) (first ext:*args*) :timeout 3)))
  (format s "GET / HTTP/1.0~C~CHost: lab~C~C~C~C" #\\Return #\\Newline #\\Return #\\Newline #\\Return #\\Newline)
  (finish-output s)
  (loop (write-line (read-line s))))
`
const CLISP_SERVER = `(let ((s (socket:socket-server (parse-integer (second ext:*args*)) :interface (first ext:*args*))))
  (format t "listening on ~A~%" (socket:socket-server-port s)))
`

// SBCL: `sbcl --script`; an unhandled condition prints `Unhandled <condition> in thread ...` and a backtrace.
// sb-bsd-sockets resolves with get-host-by-name (IPv4 addresses); an IPv6 literal takes an inet6-socket.
const SBCL_CLIENT = `(require :sb-bsd-sockets)
(defun main (host port)
  (let* ((v6 (find #\\: host))
         (s (make-instance (if v6 'sb-bsd-sockets:inet6-socket 'sb-bsd-sockets:inet-socket) :type :stream :protocol :tcp))
         (addr (if v6 (sb-bsd-sockets:make-inet6-address host)
                   (sb-bsd-sockets:host-ent-address (sb-bsd-sockets:get-host-by-name host)))))
    (sb-bsd-sockets:socket-connect s addr port)
    (let ((st (sb-bsd-sockets:socket-make-stream s :input t :output t :external-format :utf-8)))
      (format st "GET / HTTP/1.0~C~CHost: lab~C~C~C~C" #\\Return #\\Newline #\\Return #\\Newline #\\Return #\\Newline)
      (finish-output st)
      (loop (write-line (read-line st))))))
(main (second sb-ext:*posix-argv*) (parse-integer (third sb-ext:*posix-argv*)))
`
const SBCL_SERVER = `(require :sb-bsd-sockets)
(defun main (host port)
  (let* ((v6 (find #\\: host))
         (s (make-instance (if v6 'sb-bsd-sockets:inet6-socket 'sb-bsd-sockets:inet-socket) :type :stream :protocol :tcp)))
    (sb-bsd-sockets:socket-bind s (if v6 (sb-bsd-sockets:make-inet6-address host) (sb-bsd-sockets:make-inet-address host)) port)
    (sb-bsd-sockets:socket-listen s 5)
    (format t "listening~%")))
(main (second sb-ext:*posix-argv*) (parse-integer (third sb-ext:*posix-argv*)))
`

await family(async () => {
  const emacsV = debianPackage('emacs-nox')
  const emacs = form => ['emacs', ['--batch', '--eval', form], { timeout: 15000 }]
  // url.el (Emacs 28) hands the host of http://[::1]:PORT/ to make-network-process with its brackets, so getaddrinfo
  // fails ("[::1]/PORT Name or service not known") and it never connects: refused-ipv6 is left out. Its connect is
  // synchronous and url-retrieve-synchronously's TIMEOUT does not bound it (killed at the capture's limit, nothing
  // printed): no timeout. For a reset, a FIN and a TLS server's answer to plain text it returns an empty buffer (and
  // url-retrieve's callback gets a nil status): nothing printed but Debian's site-start lines, so those are left out.
  await captureClient({ program: 'emacs-url', ecosystem: 'emacs-lisp', version: emacsV,
    skip: ['refused-ipv6', 'timeout', 'reset', 'hang-up', 'plain-to-tls'],
    how: "emacs --batch --eval: (require 'url), (with-current-buffer (url-retrieve-synchronously URL t t 3) (princ (buffer-string))), uncaught",
    cmd: t => emacs(emacsUrl(t.url)) }, HTTP_ALL)
  await captureClient({ program: 'emacs-network-stream', ecosystem: 'emacs-lisp', version: emacsV,
    how: 'emacs --batch --eval: (open-network-stream "lab" "*lab*" HOST PORT) (:type tls for TLS), a sentinel that messages each event, send the request, accept-process-output until the process ends, print the buffer',
    cmd: t => emacs(emacsStream(t.host, t.port, t.scheme === 'https')) }, RAW_TLS)
  await captureServer({ program: 'emacs-server', ecosystem: 'emacs-lisp', version: emacsV,
    how: 'emacs --batch --eval: (make-network-process :name "lab" :server t :host HOST :service PORT), uncaught',
    cmd: t => emacs(emacsServer(t.host, t.port)) })

  const swiplV = debianPackage('swi-prolog-core')
  const plDir = readableDir('cz-swipl-', { 'tcp.pl': SWIPL_TCP, 'http.pl': SWIPL_HTTP, 'server.pl': SWIPL_SERVER })
  // SWI-Prolog 9.0's socket library resolves IPv4 only: tcp_connect('::1':PORT) fails in getaddrinfo ("Address family
  // for hostname not supported", http_open on [::1]: "Name or service not known") and never connects, so refused-ipv6
  // and in-use-ipv6 say nothing about that port and are left out, as for Free Pascal in round 10.
  // After a FIN, read_string/3 returns "" and write/1 prints nothing: swipl-tcp has no hang-up text.
  await captureClient({ program: 'swipl-tcp', ecosystem: 'prolog', version: swiplV, skip: ['refused-ipv6', 'hang-up'],
    how: 'swipl script.pl HOST PORT: library(socket) tcp_connect(HOST:PORT, Stream, []), write the request, read_string (uncaught)',
    cmd: t => ['swipl', [join(plDir, 'tcp.pl'), t.host, String(t.port)]] }, RAW)
  await captureClient({ program: 'swipl-http-open', ecosystem: 'prolog', version: swiplV, skip: ['refused-ipv6'],
    how: 'swipl script.pl URL: library(http/http_open) http_open(URL, In, [timeout(3), cert_verify_hook(cert_accept_any)]), copy_stream_data (uncaught)',
    cmd: t => ['swipl', [join(plDir, 'http.pl'), t.url]] }, HTTP_UNTIMED)
  await captureServer({ program: 'swipl-server', ecosystem: 'prolog', version: swiplV, skip: ['in-use-ipv6'],
    how: 'swipl script.pl HOST PORT: tcp_socket(S), tcp_bind(S, HOST:PORT), tcp_listen(S, 5) (uncaught)',
    cmd: t => ['swipl', [join(plDir, 'server.pl'), t.host, String(t.port)]] })

  const clispV = debianPackage('clisp')
  const clDir = readableDir('cz-clisp-', { 'client.lisp': CLISP_CLIENT, 'server.lisp': CLISP_SERVER })
  await captureClient({ program: 'clisp-socket', ecosystem: 'common-lisp', version: clispV,
    how: 'clisp client.lisp HOST PORT: (socket:socket-connect PORT HOST :timeout 3), write the request, (read-line s) until it fails (uncaught)',
    cmd: t => ['clisp', [join(clDir, 'client.lisp'), t.host, String(t.port)]] }, RAW_TIMED)
  await captureServer({ program: 'clisp-socket-server', ecosystem: 'common-lisp', version: clispV,
    how: 'clisp server.lisp HOST PORT: (socket:socket-server PORT :interface HOST) (uncaught)',
    cmd: t => ['clisp', [join(clDir, 'server.lisp'), t.host, String(t.port)]] })

  const sbclV = debianPackage('sbcl')
  const sbDir = readableDir('cz-sbcl-', { 'client.lisp': SBCL_CLIENT, 'server.lisp': SBCL_SERVER })
  await captureClient({ program: 'sbcl-bsd-sockets', ecosystem: 'common-lisp', version: sbclV,
    how: 'sbcl --script client.lisp HOST PORT: sb-bsd-sockets get-host-by-name (inet6-socket for an IPv6 literal), socket-connect, socket-make-stream, write the request, read-line until it fails (unhandled)',
    cmd: t => ['sbcl', ['--script', join(sbDir, 'client.lisp'), t.host, String(t.port)]] }, RAW)
  await captureServer({ program: 'sbcl-bsd-sockets-server', ecosystem: 'common-lisp', version: sbclV,
    how: 'sbcl --script server.lisp HOST PORT: sb-bsd-sockets inet-socket (inet6-socket for ::1), socket-bind, socket-listen (unhandled)',
    cmd: t => ['sbcl', ['--script', join(sbDir, 'server.lisp'), t.host, String(t.port)]] })
})
