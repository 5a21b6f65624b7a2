/**
 * A dev server's proxy (`server.proxy: { '/api': 'http://127.0.0.1:8080' }`), built the way Vite builds it
 * (vitejs/vite packages/vite/src/node/server/middlewares/proxy.ts @ a98c8d95d552c6fa98ab66fb810f5b39ad5abf49):
 * http-proxy-3 forwards every request under the prefix; when it fails, the proxy logs `http proxy error: <url>` and
 * the error's stack, and answers 502 with an empty body if it had not sent a header yet. WebSocket upgrades are
 * forwarded only with `ws: true`.
 *
 * Beware, all measured with http-proxy-3 1.23: a timeout of the proxy's own (`proxyTimeout`) is logged as
 * `socket hang up` (ECONNRESET), not as a timeout; an upstream that dies after its headers leaves the client's
 * response open and unfinished (nothing is logged for a clean close, `read ECONNRESET` for a reset); without
 * `ws: true` an upgrade is forwarded as a plain request, the upstream's 101 goes nowhere and the client waits until
 * its handshake timeout. With `ws: true` the proxy owns the server's upgrades: one such proxy per server, and an upgrade
 * outside its prefix is closed.
 */
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Socket } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { unwrapError } from '../net/unwrap-error.js'

export interface DevProxyOptions {
  /** Requests whose path starts with this go to the target, e.g. `/api`, path unchanged (Vite without `rewrite`). */
  prefix: string
  /** Where they go, e.g. `http://127.0.0.1:8080`. */
  target: string
  /** The proxy's own deadline for the upstream's answer (http-proxy-3 `proxyTimeout`). Default: none, wait for ever. */
  timeoutMs?: number
  /** Forward WebSocket upgrades too (Vite's `ws: true`). Default false. */
  ws?: boolean
}

/** One error the proxy logged: what a developer finds in the dev server's terminal. */
export interface ProxyErrorLine {
  url: string
  code?: string
  syscall?: string
  message: string
  /** The logged text, as Vite prints it: `http proxy error: /api/x` and the stack's first line. */
  logged: string
}

export interface DevProxy {
  /** Every error the proxy logged, in order. */
  errors: ProxyErrorLine[]
  /** Resolves with the status of the next upstream response, once its headers reach the proxy. */
  nextResponse (): Promise<number>
  /** Put the proxy in front of an HTTP service's routes (call it from `lab.http({ routes })`). */
  mount (app: FastifyInstance): void
}

/** http-proxy-3 is loaded here, on first use: commands that never proxy do not pay for it. */
export async function createDevProxy (opts: DevProxyOptions): Promise<DevProxy> {
  const { createProxyServer } = await import('http-proxy-3')
  const { Agent } = await import('node:http')
  // Node 20's global agent keeps upstream connections alive; a lesson's proxy must leave none behind when it closes.
  const agent = new Agent({ keepAlive: false })
  const proxy = createProxyServer({ target: opts.target, changeOrigin: true, agent, ws: opts.ws ?? false, ...(opts.timeoutMs !== undefined && { proxyTimeout: opts.timeoutMs }) })
  const errors: ProxyErrorLine[] = []
  const waiting: Array<(status: number) => void> = []
  const upgraded = new Set<Socket>()

  proxy.on('error', function proxyOnError (err: Error, req: IncomingMessage, res: ServerResponse | Socket) {
    const e = unwrapError(err)
    const url = req.url ?? '?'
    const first = (err.stack ?? `${err.name}: ${err.message}`).split('\n')[0]!
    const heading = 'req' in res ? `http proxy error: ${url}` : 'ws proxy error:'
    errors.push({ url, message: e.message, logged: `${heading}\n${first}`, ...(e.code !== undefined && { code: e.code }), ...(e.syscall !== undefined && { syscall: e.syscall }) })
    if (!('req' in res)) {
      res.end()
      return
    }
    if (!res.headersSent && !res.writableEnded) res.writeHead(502, { 'Content-Type': 'text/plain' }).end()
  })
  proxy.on('proxyRes', function proxyOnResponse (res: IncomingMessage) {
    for (const resolve of waiting.splice(0)) resolve(res.statusCode ?? 0)
  })

  return {
    errors,
    nextResponse: () => new Promise<number>((resolve) => { waiting.push(resolve) }),
    mount (app) {
      // Before routing and body parsing, as Vite's proxy middleware comes before its own: the body is forwarded unread.
      app.addHook('onRequest', function devProxyOnRequest (req, reply, done) {
        if (!req.url.startsWith(opts.prefix)) return done()
        reply.hijack()
        proxy.web(req.raw, reply.raw)
      })
      if (opts.ws) {
        app.server.on('upgrade', function devProxyOnUpgrade (req: IncomingMessage, socket: Socket, head: Buffer) {
          if (!(req.url ?? '').startsWith(opts.prefix)) return socket.destroy()
          upgraded.add(socket)
          socket.once('close', () => upgraded.delete(socket))
          proxy.ws(req, socket, head)
        })
      }
      app.addHook('onClose', function devProxyOnClose (_app, done) {
        // Upgraded sockets no longer belong to the HTTP server, so its close does not end them.
        for (const socket of upgraded) socket.destroy()
        agent.destroy()
        proxy.close()
        done()
      })
    },
  }
}
