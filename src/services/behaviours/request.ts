/**
 * Reading what a client asked before misbehaving: the behaviours in misbehave.ts wait for the request (so the client
 * has really sent it), and tell whoever watches (the zoo, `serve`) its first line and what they did about it.
 */
import type http from 'node:http'
import type { Socket } from 'node:net'

/** Tell the watcher what a behaviour did with a request: the action taken, and the request's first line. */
export type Tell = (action: string, request?: string) => void
/** For HTTP-level behaviours: the Tell of the connection a request came on. */
export type TellFor = (socket: Socket) => Tell

/** Nobody watches. */
export const silent: TellFor = () => () => {}

/** `GET /path HTTP/1.1`, as the request line was sent. */
export function requestLine (req: http.IncomingMessage): string {
  return `${req.method} ${req.url} HTTP/${req.httpVersion}`
}

/** Printable first line of what a client sent, at most 200 characters. */
export function firstLine (data: Buffer): string {
  const text = data.subarray(0, 512).toString('latin1')
  const line = text.split(/\r?\n/)[0] ?? ''
  // eslint-disable-next-line no-control-regex
  return line.replace(/[^\x20-\x7e]/g, '.').slice(0, 200)
}

/** The start of an HTTP request head (a method in capitals, then a space, or not yet): wait for its blank line. */
const HTTP_START = /^[A-Z]{1,20}(?: |$)/

/**
 * Call `fn` once the client's request is in: an HTTP request head once its blank line came (or 8 KB of it), anything
 * else (`hello` over raw TCP) with its first bytes. A client that sends nothing within `silenceMs` waits for the
 * server to speak first (database and mail protocols do): `fn` then runs with no request. Read bytes keep flowing in.
 */
export function whenRequested (socket: Socket, fn: (request: string | undefined) => void, silenceMs = 1000): void {
  let buffered = Buffer.alloc(0)
  let done = false
  const timer = setTimeout(function requestOnSilence () { fire(undefined) }, silenceMs)
  function fire (request: string | undefined): void {
    if (done) return
    done = true
    clearTimeout(timer)
    socket.removeListener('data', requestOnData)
    fn(request)
  }
  function requestOnData (chunk: Buffer): void {
    buffered = buffered.length < 8192 ? Buffer.concat([buffered, chunk]) : buffered
    const complete = buffered.includes('\r\n\r\n') || buffered.includes('\n\n') || buffered.length >= 8192
    if (complete || !HTTP_START.test(buffered.subarray(0, 32).toString('latin1'))) fire(firstLine(buffered))
  }
  socket.on('data', requestOnData)
  socket.once('close', function requestOnClose () { done = true; clearTimeout(timer) })
}
