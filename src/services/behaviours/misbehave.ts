/**
 * Misbehaviours: every way a service of ours goes wrong on purpose, one name each, used by the zoo (`serve`), the
 * child service (process/children/service.ts), the lessons and the tests. Each says what it does and which real
 * failure it reproduces, as a client sees it (curl's exit code, fetch's cause code, node:http's wording, a WebSocket
 * close code).
 *
 * FIN and RST are the two ways a TCP connection ends. `socket.end()` sends a FIN: "I am done sending", a clean end
 * the client reads as EOF. `socket.resetAndDestroy()` sends an RST: "this connection is gone", which the client
 * reads as ECONNRESET. The kernel picks between them by itself when a process dies: a socket with bytes still unread
 * is reset, one whose input was all read gets a FIN.
 *
 * Connection handlers (`Misbehaviour`, for `lab.tcp({ onConnection })`, `startTcp()`, the zoo, a child service by
 * name in `misbehaviours`) take an optional `tell` to narrate what they did. HTTP and WebSocket handlers come from
 * factories (`holdResponse()`, `flakyHandler()`, `helloHandler()`, `rejectHandshake()`, `dropWebSocket()`).
 */
import type http from 'node:http'
import type net from 'node:net'
import type { Socket } from 'node:net'
import { hostPort } from '../../net/address.js'
import { requestLine, silent, whenRequested, type Tell, type TellFor } from './request.js'

export type { Tell, TellFor } from './request.js'

/** A connection handler for a raw TCP service; `tell` narrates what it did (default: nobody listens). */
export type Misbehaviour = (socket: Socket, tell?: Tell) => void

function nobody (): void {}

// ---- connection handlers ----------------------------------------------------------------------------------------

/**
 * Accept, read and discard everything, never write: a handler stuck on a slow database. The connect succeeds at once
 * (the kernel did the handshake); the reply never comes, so only the client's own timeout ends the wait (curl
 * --max-time (28) with 0 bytes, fetch TimeoutError, a read ETIMEDOUT of ours).
 */
export function acceptNeverAnswer (socket: Socket, tell: Tell = nobody): void {
  whenRequested(socket, (request) => tell('no answer, ever: your client waits until its own timeout', request))
  socket.resume()
}

/**
 * Accept and stop reading, like a program stuck in a loop. On a server started with `pauseOnConnect` nothing is read
 * at all: the client's bytes wait in the kernel's receive queue, and when the socket is closed (or its process dies)
 * with those bytes unread, the kernel resets it (RST, ECONNRESET). Without `pauseOnConnect`, Node has already read up
 * to its buffer size before the pause.
 */
export function hang (socket: Socket): void {
  socket.pause()
}

/** Accept, then end the connection cleanly before reading anything (FIN): the client reads EOF, 0 bytes, no error. */
export function closeOnConnect (socket: Socket): void {
  socket.end()
}

/** Accept, then reset the connection at once (RST): the client's next read or write fails with ECONNRESET. */
export function resetOnConnect (socket: Socket): void {
  socket.resetAndDestroy()
}

/**
 * Read the request, then end cleanly without a byte of reply (FIN): the client gets EOF mid-request. curl (52) Empty
 * reply from server; fetch `other side closed` (UND_ERR_SOCKET); node:http `socket hang up` (code ECONNRESET).
 */
export function closeBeforeReply (socket: Socket, tell: Tell = nobody): void {
  whenRequested(socket, (request) => {
    tell('closed the connection (FIN) without replying', request)
    socket.end()
  })
}

/**
 * Read the request, then reset (RST): the client gets ECONNRESET mid-request (`read ECONNRESET`, syscall `read`).
 * curl (56) Connection reset by peer; fetch `fetch failed` with that cause; node:http `read ECONNRESET` too.
 */
export function resetBeforeReply (socket: Socket, tell: Tell = nobody): void {
  whenRequested(socket, (request) => {
    tell('aborted the connection with a reset (RST)', request)
    socket.resetAndDestroy()
  })
}

/**
 * Headers at once, then the body one byte every `intervalMs`: bytes keep coming, so only a total deadline ends it.
 * curl --max-time (28) with some bytes received; fetch resolves, then `res.text()` waits for your timeout.
 */
export function dripResponse (socket: Socket, tell: Tell = nobody, intervalMs = 1000, body = 'drip, drip, drip... one byte a second\n'): void {
  whenRequested(socket, (request) => {
    tell(`answered 200 with Content-Length ${body.length}, then one byte every ${intervalMs} ms`, request)
    socket.write(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${body.length}\r\nConnection: close\r\n\r\n`)
    let i = 0
    const next = (): void => {
      if (socket.destroyed) return
      socket.write(body[i]!)
      i += 1
      if (i >= body.length) {
        clearInterval(timer)
        socket.end()
      }
    }
    const timer = setInterval(next, intervalMs)
    socket.once('close', () => clearInterval(timer))
    next()
  })
}

/** An HTTP response with a header line that has no colon: curl (8) Header without colon, fetch HPE_INVALID_HEADER_TOKEN. */
export function malformedHttp (socket: Socket, tell: Tell = nobody): void {
  whenRequested(socket, (request) => {
    tell('answered with a header line that has no colon', request)
    socket.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nThis line is not a header\r\nContent-Length: 3\r\n\r\nhi\n')
  })
}

/** Valid headers promising `promised` bytes, then only `sent` of them, then close: curl (18), fetch "terminated". */
export function truncatedBody (socket: Socket, tell: Tell = nobody, promised = 100, sent = 10): void {
  whenRequested(socket, (request) => {
    tell(`promised Content-Length ${promised}, sent ${sent} bytes, closed`, request)
    socket.end(`HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ${promised}\r\nConnection: close\r\n\r\n${'x'.repeat(sent - 1)}\n`)
  })
}

/** Every connection handler by name, for configuration (a child service, a command line). */
export const misbehaviours = {
  'accept-never-answer': acceptNeverAnswer,
  hang,
  'close-on-connect': closeOnConnect,
  'reset-on-connect': resetOnConnect,
  'close-before-reply': closeBeforeReply,
  'reset-before-reply': resetBeforeReply,
  'drip-response': dripResponse,
  'malformed-http': malformedHttp,
  'truncated-body': truncatedBody,
} as const satisfies Record<string, Misbehaviour>

export type MisbehaviourName = keyof typeof misbehaviours

// ---- HTTP handlers ----------------------------------------------------------------------------------------------

/**
 * An HTTP handler (node:http) that takes the request and never responds: no status line, no headers. `onHold` runs
 * once the request has arrived, e.g. to tell a test it is in flight. fetch waits until its signal gives up
 * (TimeoutError, no cause); a SIGKILL of its process then shows every client's own "connection died".
 */
export function holdResponse (onHold?: (req: http.IncomingMessage) => void): (req: http.IncomingMessage, res: http.ServerResponse) => void {
  return function holdResponseHandler (req) {
    req.resume()
    onHold?.(req)
  }
}

/**
 * An HTTP handler that answers 503 (with Retry-After) `failures` times per client address, then 200, then starts over:
 * what a service that is still starting looks like to a client with (or without) retry logic: curl -f (22) twice, then
 * 200; fetch `res.status` 503, 503, 200.
 */
export function flakyHandler (failures = 2, tellFor: TellFor = silent): http.RequestListener {
  const seen = new Map<string, number>()
  return function flakyOnRequest (req, res) {
    const who = req.socket.remoteAddress ?? '?'
    const n = (seen.get(who) ?? 0) + 1
    const tell = tellFor(req.socket)
    if (n <= failures) {
      seen.set(who, n)
      tell(`answered 503 (${n} of ${failures} for ${who}, Retry-After: 1)`, requestLine(req))
      res.writeHead(503, { 'Content-Type': 'text/plain', 'Retry-After': '1' })
      res.end(`not ready yet (${n} of ${failures}); retry after 1 s\n`)
      return
    }
    seen.delete(who)
    tell(`answered 200 after ${failures} failures; the next request from ${who} starts over`, requestLine(req))
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.end(`ok, after ${failures} failures\n`)
  }
}

/** A healthy HTTP handler that says where it listens and who asked. */
export function helloHandler (tellFor: TellFor = silent): http.RequestListener {
  return function helloOnRequest (req, res) {
    const local = req.socket.address() as net.AddressInfo
    tellFor(req.socket)('answered 200', requestLine(req))
    res.writeHead(200, { 'Content-Type': 'text/plain' })
    res.end(`hello from ${hostPort(local.address, local.port)}; you came from ${hostPort(req.socket.remoteAddress ?? '?', req.socket.remotePort ?? 0)}\n`)
  }
}

// ---- WebSocket handlers -----------------------------------------------------------------------------------------

function rawHttp (socket: Socket, status: number, reason: string, body: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`)
}

/**
 * Reject every WebSocket handshake: 400 on `/ws` (the endpoint exists but refuses), 404 anywhere else. ws: Unexpected
 * server response: 404 / 400; a browser: WebSocket connection failed.
 */
export function rejectHandshake (tellFor: TellFor = silent): { request: http.RequestListener, upgrade: (req: http.IncomingMessage, socket: Socket) => void } {
  const answer = (url: string | undefined): [number, string, string] => (url ?? '/').split('?')[0] === '/ws'
    ? [400, 'Bad Request', 'handshake refused: this endpoint rejects every WebSocket\n']
    : [404, 'Not Found', 'no WebSocket endpoint at this path (this one answers 400 on /ws)\n']
  return {
    request: function rejectOnRequest (req, res) {
      const [status, , body] = answer(req.url)
      tellFor(req.socket)(`answered ${status} (not an upgrade request)`, requestLine(req))
      res.writeHead(status, { 'Content-Type': 'text/plain' })
      res.end(body)
    },
    upgrade: function rejectOnUpgrade (req, socket) {
      const [status, reason, body] = answer(req.url)
      tellFor(socket)(`refused the WebSocket handshake: ${status} ${reason}`, `${requestLine(req)} (Upgrade: ${req.headers.upgrade ?? '?'})`)
      rawHttp(socket, status, reason, body)
    },
  }
}

/**
 * Accept WebSocket handshakes (ws, loaded lazily), greet, then drop the TCP connection without a close frame when the
 * client's first message arrives or after `dropAfterMs`: the client sees close code 1006 (abnormal closure), as when a
 * server process dies. Plain HTTP gets 426.
 */
export async function dropWebSocket (tellFor: TellFor = silent, dropAfterMs = 1000): Promise<{ request: http.RequestListener, upgrade: (req: http.IncomingMessage, socket: Socket, head: Buffer) => void, close: () => void }> {
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ noServer: true })
  return {
    request: function dropOnRequest (req, res) {
      tellFor(req.socket)('answered 426: this is a WebSocket endpoint', requestLine(req))
      res.writeHead(426, { 'Content-Type': 'text/plain', Upgrade: 'websocket' })
      res.end('426 Upgrade Required: connect with a WebSocket client\n')
    },
    upgrade: function dropOnUpgrade (req, socket, head) {
      const line = `${requestLine(req)} (Upgrade: ${req.headers.upgrade ?? '?'})`
      const tell = tellFor(socket)
      wss.handleUpgrade(req, socket, head, (ws) => {
        ws.on('error', () => {})
        tell(`upgraded (101) and greeted; will drop without a close frame on the first message or after ${dropAfterMs} ms`, line)
        ws.send('hello; this connection will drop without a close frame')
        const drop = (): void => {
          clearTimeout(timer)
          if (ws.readyState !== ws.OPEN) return
          tell('dropped the TCP connection without a close frame (your client sees 1006)')
          ws.terminate()
        }
        const timer = setTimeout(drop, dropAfterMs)
        ws.once('message', drop)
        ws.once('close', () => clearTimeout(timer))
      })
    },
    close: function dropClose () {
      for (const c of wss.clients) c.terminate()
      wss.close()
    },
  }
}
