import { createRequire } from 'node:module'
import type { FastifyInstance, FastifyServerOptions } from 'fastify'
import { hostPort } from '../net/address.js'
import { listeningAt, type ListenOptions, type Service } from './types.js'

export interface HttpServiceOptions extends ListenOptions {
  /** Add routes of your own. Default routes: `GET /` (who am I, who are you) and `GET /health`. */
  routes?: (app: FastifyInstance) => void
  /** Is the service ready? Until this returns true, `GET /health` answers 503. Default: always ready. */
  ready?: () => boolean
  /**
   * Also accept WebSocket upgrades on the same port (an echo, with ws), as most dev servers do: `true` on every path,
   * or a `WebSocketRoute` on one path with an Origin check. Default false: no upgrade handler at all, so Node hands an
   * upgrade request to the routes like any GET (`/` answers 200, an unknown path 404).
   */
  websocket?: boolean | WebSocketRoute
  /** Serve HTTPS on this key and certificate (PEM) instead of plain HTTP (see ./certificate.ts). Default: plain. */
  tls?: { key: string, cert: string }
}

/** A WebSocket endpoint on one path of an HTTP service. */
export interface WebSocketRoute {
  /** The one path that upgrades, e.g. `/ws`. Upgrades on any other path go to the routes, as @fastify/websocket does: fastify's 404 for a path it does not know. */
  path: string
  /**
   * The Origins allowed to open it (`http://localhost:5173`); any other gets 403 Forbidden from ws (`verifyClient`).
   * A handshake with no Origin passes: browsers always send one, other clients (ws, curl) only when told. Default: any.
   */
  origins?: string[]
}

export interface HttpService extends Service {
  app: FastifyInstance
  /** `ws://127.0.0.1:P` when the service was started with `websocket: true`. */
  wsUrl?: string
}

/**
 * fastify loads ajv and fast-json-stringify at every start (about 30 ms here, a tenth of a whole demo) even when no
 * route has a schema. These factories load them the first time a route with a schema needs one: same compilers, later.
 * Beware: fastify then treats the validator as a custom one and leaves header-schema keys as written (write them in
 * lower case).
 */
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>
let compilers: Required<CompilersFactory> | undefined
function realCompilers (): Required<CompilersFactory> {
  // One selector each for the whole process, as fastify keeps them: they cache compiled schemas.
  compilers ??= {
    buildValidator: fromFastify<() => Required<CompilersFactory>['buildValidator']>('@fastify/ajv-compiler')(),
    buildSerializer: fromFastify<() => Required<CompilersFactory>['buildSerializer']>('@fastify/fast-json-stringify-compiler')(),
  }
  return compilers
}
const lazySchemaCompilers: CompilersFactory = {
  buildValidator: (...args) => realCompilers().buildValidator(...args),
  buildSerializer: (...args) => realCompilers().buildSerializer(...args),
}

/** A dependency of fastify's, resolved from fastify's own folder (it is not ours to depend on directly). */
function fromFastify<T> (name: string): T {
  const require = createRequire(import.meta.url)
  return createRequire(require.resolve('fastify'))(name) as T
}

/** An HTTP service on fastify. fastify is imported here, lazily, so commands that never serve HTTP start fast. */
export async function startHttp (opts: HttpServiceOptions = {}): Promise<HttpService> {
  const { default: Fastify } = await import('fastify')
  // forceCloseConnections: close() must not wait for idle keep-alive sockets of clients.
  const app = Fastify({
    logger: false, forceCloseConnections: true, schemaController: { compilersFactory: lazySchemaCompilers },
    ...(opts.tls && { https: { key: opts.tls.key, cert: opts.tls.cert } }),
  }) as FastifyInstance
  app.get('/', async function rootHandler (req) {
    const local = req.socket.address() as { address: string, port: number }
    return {
      service: 'http',
      server: { address: local.address, port: local.port },
      client: { address: req.socket.remoteAddress, port: req.socket.remotePort },
    }
  })
  app.get('/health', async function healthHandler (req, reply) {
    if (opts.ready && !opts.ready()) return reply.code(503).send({ ok: false, ready: false })
    return { ok: true }
  })
  opts.routes?.(app)
  const wss = opts.websocket === true ? await attachEcho(app.server) : opts.websocket ? await attachRoute(app, opts.websocket) : undefined
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 })
  const a = app.server.address() as import('node:net').AddressInfo
  const at = listeningAt('http', opts.name ?? 'http', a)
  const service: HttpService = {
    ...at,
    url: opts.tls ? at.url.replace(/^http:/, 'https:') : at.url,
    app,
    close: async () => {
      if (wss) {
        // Upgraded sockets no longer belong to the HTTP server: end them ourselves.
        for (const client of wss.clients) client.terminate()
        await new Promise<void>((resolve) => wss.close(() => resolve()))
      }
      await app.close()
    },
  }
  if (wss) service.wsUrl = `${opts.tls ? 'wss' : 'ws'}://${hostPort(a.address, a.port)}`
  return service
}

async function attachEcho (server: import('node:http').Server): Promise<import('ws').WebSocketServer> {
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ server })
  // ws re-emits the HTTP server's errors (EADDRINUSE ...); fastify's listen() already reports those.
  wss.on('error', () => {})
  wss.on('connection', echo)
  return wss
}

function echo (ws: import('ws').WebSocket): void {
  ws.on('error', () => {})
  ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
}

async function attachRoute (app: FastifyInstance, route: WebSocketRoute): Promise<import('ws').WebSocketServer> {
  const { WebSocketServer } = await import('ws')
  const { ServerResponse } = await import('node:http')
  const origins = route.origins
  const wss = new WebSocketServer({
    noServer: true,
    ...(origins !== undefined && {
      verifyClient: function verifyOrigin (info: { origin: string | undefined }, done: (ok: boolean, status?: number, reason?: string) => void) {
        if (info.origin === undefined || origins.includes(info.origin)) done(true)
        else done(false, 403, 'Forbidden')
      },
    }),
  })
  wss.on('connection', echo)
  app.server.on('upgrade', function routeOnUpgrade (req: import('node:http').IncomingMessage, socket: import('node:net').Socket, head: Buffer) {
    if ((req.url ?? '/').split('?')[0] === route.path) {
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req))
      return
    }
    // Not the WebSocket path: to the routes, on a response of our own (the socket left the HTTP server's hands).
    const res = new ServerResponse(req)
    res.assignSocket(socket)
    res.once('finish', () => socket.end())
    app.routing(req, res)
  })
  return wss
}
