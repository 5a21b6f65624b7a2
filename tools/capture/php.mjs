// PHP 8.2 CLI (Debian): fsockopen, file_get_contents (http stream), the curl extension, stream_socket_server
// and the built-in server (php -S). Warnings go to stderr (display_errors=stderr), as a CLI user sees them.
import { family, captureClient, captureServer, version, SCENARIOS } from './lib.mjs'

const v = version('php', ['-v'], s => s.split('\n')[0].split(' (')[0])
const PHP = ['-d', 'display_errors=stderr', '-d', 'error_reporting=-1', '-d', 'default_socket_timeout=3']
const J = JSON.stringify
const tcp = SCENARIOS.filter(s => !['tls-to-plain', 'plain-to-tls', 'ssh-banner'].includes(s.name))
await family(async () => {
  await captureClient({ program: 'php-fsockopen', ecosystem: 'php', version: v, how: 'fsockopen(host, port, $errno, $errstr, 3) (the warning PHP prints)',
    cmd: t => ['php', [...PHP, '-r', `$f = fsockopen(${J(t.host.includes(':') ? '[' + t.host + ']' : t.host)}, ${t.port}, $errno, $errstr, 3); if ($f) { fwrite($f, "GET / HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n"); $r = fread($f, 1024); if ($r === '' || $r === false) { fwrite(STDERR, "no reply: connection closed\\n"); exit(1); } }`]] }, tcp)
  await captureClient({ program: 'php-file-get-contents', ecosystem: 'php', version: v, how: 'file_get_contents(URL) (http stream wrapper, default_socket_timeout=3)',
    cmd: t => ['php', [...PHP, '-r', `file_get_contents(${J(t.url)}, false, stream_context_create(["ssl" => ["verify_peer" => false, "verify_peer_name" => false]]));`]] })
  await captureClient({ program: 'php-curl', ecosystem: 'php', version: v, how: 'curl_exec with CURLOPT_CONNECTTIMEOUT 3; prints curl_errno and curl_error',
    cmd: t => ['php', [...PHP, '-r', `$c = curl_init(${J(t.url)}); curl_setopt_array($c, [CURLOPT_RETURNTRANSFER => true, CURLOPT_CONNECTTIMEOUT => 3, CURLOPT_TIMEOUT => 6, CURLOPT_SSL_VERIFYPEER => false]); if (curl_exec($c) === false) { fwrite(STDERR, "cURL error " . curl_errno($c) . ": " . curl_error($c) . "\\n"); exit(1); }`]] })
  await captureServer({ program: 'php-builtin-server', ecosystem: 'php', version: v, how: 'php -S HOST:PORT',
    cmd: t => ['php', ['-S', t.hostPort], { cwd: t.dir }] })
  await captureServer({ program: 'php-stream-socket-server', ecosystem: 'php', version: v, how: 'stream_socket_server("tcp://HOST:PORT")',
    cmd: t => ['php', [...PHP, '-r', `$s = stream_socket_server(${J('tcp://' + t.hostPort)}, $errno, $errstr); if (!$s) { fwrite(STDERR, "$errstr ($errno)\\n"); exit(1); } sleep(30);`]] })
})
