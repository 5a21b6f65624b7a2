/**
 * The WebSocket a web page gets: the WHATWG `WebSocket` API, as Node 22 and later build it in (undici's, the same
 * interface browsers give pages). A page never sees the HTTP status of a refused handshake: only an `error` event with
 * no detail, then a close with code 1006. Node 20 has no such global: then this says so and opens nothing.
 */
import { now, since } from '../core/clock.js'

/** The few members of the WHATWG WebSocket this uses (the DOM library is not in the project's types). */
interface PageWebSocket {
  addEventListener (type: 'open' | 'error' | 'close', listener: (e: { type: string, code?: number, reason?: string, wasClean?: boolean, message?: string }) => void): void
  close (): void
}
type PageWebSocketClass = new (url: string) => PageWebSocket

/** How long to wait for the close that should follow an error. */
const CLOSE_GRACE_MS = 300

export type PageSocketSeen =
  | { available: false, runtime: string }
  | { available: true, runtime: string, events: string[], opened: boolean, closeCode: number | null, wasClean: boolean | null, errorDetail: string | null, elapsedMs: number }

/** Open `url` the way a page's script does, and report the events the page would get (bounded by `timeoutMs`). */
export function pageWebSocket (url: string, timeoutMs = 2000): Promise<PageSocketSeen> {
  const runtime = `Node ${process.version}`
  const Ctor = (globalThis as { WebSocket?: PageWebSocketClass }).WebSocket
  if (Ctor === undefined) return Promise.resolve({ available: false, runtime })
  const t0 = now()
  return new Promise((resolve) => {
    const events: string[] = []
    let opened = false
    let errorDetail: string | null = null
    const socket = new Ctor(url)
    const done = (closeCode: number | null, wasClean: boolean | null): void => {
      clearTimeout(timer)
      resolve({ available: true, runtime, events, opened, closeCode, wasClean, errorDetail, elapsedMs: since(t0) })
    }
    let timer = setTimeout(() => { socket.close(); done(null, null) }, timeoutMs)
    socket.addEventListener('open', () => { events.push('open'); opened = true; socket.close() })
    socket.addEventListener('error', (e) => {
      events.push('error')
      errorDetail = e.message ?? null
      // Browsers follow the error with a close (1006); Node 22's undici may not: wait a little, then report what came.
      clearTimeout(timer)
      timer = setTimeout(() => { socket.close(); done(null, null) }, CLOSE_GRACE_MS)
    })
    socket.addEventListener('close', (e) => { events.push('close'); done(e.code ?? null, e.wasClean ?? null) })
  })
}
