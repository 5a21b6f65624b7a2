/**
 * Misbehaviours: the small ways a service goes wrong, each a connection handler for a raw TCP service
 * (`lab.tcp({ onConnection: resetBeforeReply })`, `startTcp(...)`). The comment on each says what a client sees.
 *
 * FIN and RST are the two ways a TCP connection ends. `socket.end()` sends a FIN: "I am done sending", a clean end
 * the client reads as EOF. `socket.resetAndDestroy()` sends an RST: "this connection is gone", which the client
 * reads as ECONNRESET. The kernel picks between them by itself when a process dies: a socket with bytes still unread
 * is reset, one whose input was all read gets a FIN.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'

export type Misbehaviour = (socket: Socket) => void

/**
 * Accept, read and discard everything, never write. The client's connect succeeds at once (the kernel did the
 * handshake); the reply never comes, so only a client-side timeout ends the wait.
 */
export function acceptNeverAnswer (socket: Socket): void {
  socket.resume()
}

/**
 * Accept and stop reading, like a program stuck in a loop. On a server started with `pauseOnConnect` nothing is read
 * at all: the client's bytes wait in the kernel's receive queue, and when the socket is closed (or its process dies)
 * with those bytes unread, the kernel resets it (RST). Without `pauseOnConnect`, Node has already read up to its
 * buffer size before the pause.
 */
export function hang (socket: Socket): void {
  socket.pause()
}

/** Accept, then end the connection cleanly before reading anything (FIN). The client reads EOF: 0 bytes, no error. */
export function closeOnConnect (socket: Socket): void {
  socket.end()
}

/** Accept, then reset the connection at once (RST). The client's next read or write fails with ECONNRESET. */
export function resetOnConnect (socket: Socket): void {
  socket.resetAndDestroy()
}

/**
 * Read the first bytes of the request, then end cleanly without a reply (FIN): the client gets EOF mid-request.
 * fetch says `other side closed` (UND_ERR_SOCKET); node:http says `socket hang up` (code ECONNRESET).
 */
export function closeBeforeReply (socket: Socket): void {
  socket.once('data', () => socket.end())
}

/**
 * Read the first bytes of the request, then reset (RST): the client gets ECONNRESET mid-request (`read ECONNRESET`,
 * syscall `read`; fetch wraps it as `fetch failed` with that cause; node:http says `read ECONNRESET` too).
 */
export function resetBeforeReply (socket: Socket): void {
  socket.once('data', () => socket.resetAndDestroy())
}

/** Every misbehaviour by name, for configuration (a child service, a command line). */
export const misbehaviours = {
  'accept-never-answer': acceptNeverAnswer,
  hang,
  'close-on-connect': closeOnConnect,
  'reset-on-connect': resetOnConnect,
  'close-before-reply': closeBeforeReply,
  'reset-before-reply': resetBeforeReply,
} as const satisfies Record<string, Misbehaviour>

export type MisbehaviourName = keyof typeof misbehaviours

/**
 * An HTTP handler (node:http) that takes the request and never responds: no status line, no headers. `onHold` runs
 * once the request has arrived, e.g. to tell a test it is in flight. fetch waits until its signal gives up.
 */
export function holdResponse (onHold?: (req: IncomingMessage) => void): (req: IncomingMessage, res: ServerResponse) => void {
  return function holdResponseHandler (req) {
    req.resume()
    onHold?.(req)
  }
}
