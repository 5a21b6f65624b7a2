/**
 * The programs the lesson runs inside its containers, as `node -e` text: the base image has Node and nothing of the
 * lab (its modules are not in the image, and need not be). Kept to Node's own modules on purpose.
 */

/**
 * An HTTP app on $HOST:$PORT. `GET /` answers with the address it listens on and the peer's; prints `listening` once
 * bound. It exits on SIGTERM itself: as PID 1 in a container it gets no default signal handling.
 */
export const APP = [
  "const http = require('node:http')",
  'const s = http.createServer((req, res) => {',
  "  res.setHeader('content-type', 'application/json')",
  '  res.end(JSON.stringify({ server: s.address(), client: { address: req.socket.remoteAddress, port: req.socket.remotePort } }))',
  '})',
  "s.listen(Number(process.env.PORT), process.env.HOST, () => console.log('listening on ' + process.env.HOST + ':' + s.address().port))",
  "process.on('SIGTERM', () => process.exit(0))",
].join('\n')

/** Node's fetch of argv[1], one JSON line: the status, or the error's code as Node gives it (fetch's cause unwrapped). */
export const FETCH = [
  'const t0 = performance.now()',
  'fetch(process.argv[1], { signal: AbortSignal.timeout(3000) }).then(',
  '  async (r) => console.log(JSON.stringify({ ok: r.ok, status: r.status, body: await r.text(), elapsedMs: Math.round((performance.now() - t0) * 100) / 100 })),',
  '  (e) => console.log(JSON.stringify({ ok: false, code: (e.cause && e.cause.code) || e.name, message: e.message, cause: e.cause && e.cause.message, elapsedMs: Math.round((performance.now() - t0) * 100) / 100 })),',
  ')',
].join('\n')

/** What FETCH printed. */
export interface FetchLine { ok: boolean, status?: number, body?: string, code?: string, message?: string, cause?: string, elapsedMs: number }
