/**
 * Two texts that differ only in what changes from run to run are one text: random ports (5 digits), pids (5+
 * digits, or in a program's pid slot: nginx `N#N:`, `[N]`, haproxy `(N) :`, redis `N:M`, `pid=N`), times and dates,
 * durations in ms, decimals, hex object addresses, OpenSSL thread ids, DNS ids, aria2 GIDs and temp-dir names. Short numbers
 * (errno values, exit codes, HTTP statuses) are kept, so "(111)" and "(115)" stay two texts. In the objects Node's
 * util.inspect prints under an uncaught error (got's `timings.phases`, axios' request and socket), a property that
 * holds a bare number is a counter or a duration (`wait: 7,`, `_idleStart: 412,`): run-to-run noise, except the few
 * that name the failure (errno, status, code, port); the same in a JSON log line (kafkajs' `"retryTime":282`). A UUID is
 * a per-run name too (etcdctl's gRPC target `endpoint://client-<uuid>/…`). SBCL prints object and function addresses
 * in braces without 0x (`#<SB-THREAD:THREAD "main thread" RUNNING {1001348003}>`, `{7F9754906FAB}`, moved by ASLR).
 */
export function dedupeKey (text) {
  return text
    .replace(/\/tmp\/cz-[A-Za-z0-9._-]+/g, '/tmp/cz-X')
    .replace(/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi, '#uuid')
    .replace(/0x[0-9a-f]+/gi, '0x#')
    .replace(/\{[0-9A-F]{8,16}\}/g, '{#hex}')
    .replace(/\b[0-9A-F]{16}\b/g, '#hex')
    .replace(/\bid: \d+/g, 'id: #')
    .replace(/\b\d+#\d+:/g, '#pid:')
    .replace(/\[\d+\]/g, '[#]')
    .replace(/\(\d+\) :/g, '(#) :')
    .replace(/^\d+:([CMSX]) /gm, '#:$1 ')
    .replace(/\b(pid|tid)([= ])\d+/g, '$1$2#')
    .replace(/^[0-9a-f]{6}\|/gm, '#gid|')
    .replace(/\b\d{1,2} (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]* \d{4}\b/g, '#date')
    .replace(/\b(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2}\b/g, '#date')
    .replace(/T\d{2}_\d{2}_\d{2}_\d+Z/g, 'T#time')
    .replace(/\d{4}[-/]\d{2}[-/]\d{2}/g, '#date')
    .replace(/\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?/g, '#time')
    .replace(/\d+ ?ms\b/g, '# ms')
    .replace(/\d+\.\d+/g, '#.#')
    .replace(/^([ \t]+(?![ \t]|errno\b|status\b|statusCode\b|code\b|port\b)[\w$.[\]()' -]{1,60}: )-?\d{1,4}(,?)$/gm, '$1#$2')
    .replace(/"(?!errno"|status"|statusCode"|code"|port")(\w{1,40})":-?\d{1,4}\b/g, '"$1":#')
    .replace(/\d{5,}/g, '#')
}
