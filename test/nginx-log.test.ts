/**
 * nginx's error-log lines, parsed. The three lines were written by nginx 1.22.1 (Debian package nginx
 * 1.22.1-9+deb12u11, /usr/sbin/nginx) on this machine, copied as written, behind a config of three locations: a refused
 * upstream, its own 300 ms proxy_read_timeout, and an upstream that closed mid-answer.
 */
import t from 'tap'
import { parseNginxLog } from '../src/process/nginx.js'

const LOG = [
  '2026/12/01 14:19:42 [error] 19200#19200: *2 connect() failed (111: Connection refused) while connecting to upstream, client: 127.0.0.1, server: , request: "GET /refused/x HTTP/1.1", upstream: "http://127.0.0.1:45325/x", host: "127.0.0.1:43959"',
  '2026/12/01 14:19:42 [error] 19200#19200: *4 upstream timed out (110: Connection timed out) while reading response header from upstream, client: 127.0.0.1, server: , request: "GET /slow/x HTTP/1.1", upstream: "http://127.0.0.1:46633/x", host: "127.0.0.1:43959"',
  '2026/12/01 14:19:42 [error] 19200#19200: *2 upstream prematurely closed connection while reading upstream, client: 127.0.0.1, server: , request: "GET /dying/x HTTP/1.1", upstream: "http://127.0.0.1:43099/x", host: "127.0.0.1:43959"',
].join('\n') + '\n'

t.test('parseNginxLog: the message before the context, the request and the upstream of each line', async (t) => {
  const lines = parseNginxLog(LOG)
  t.equal(lines.length, 3, 'one entry per line, the trailing newline ignored')
  t.match(lines[0], { level: 'error', message: 'connect() failed (111: Connection refused) while connecting to upstream', request: 'GET /refused/x HTTP/1.1', upstream: 'http://127.0.0.1:45325/x' })
  t.match(lines[1], { message: 'upstream timed out (110: Connection timed out) while reading response header from upstream', request: 'GET /slow/x HTTP/1.1' })
  t.match(lines[2], { message: 'upstream prematurely closed connection while reading upstream', upstream: 'http://127.0.0.1:43099/x' })
  for (const [i, l] of lines.entries()) t.equal(l.line, LOG.split('\n')[i], 'the whole line is kept')
})

t.test('parseNginxLog: a line it does not know is kept whole, never dropped', async (t) => {
  // Not nginx's words: any text the pattern does not fit.
  const [l] = parseNginxLog('some other text\n')
  t.match(l, { level: '?', message: 'some other text', line: 'some other text' })
  t.notOk(l!.request)
  t.same(parseNginxLog(''), [], 'an empty log has no lines')
})
