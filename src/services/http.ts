import type { FastifyInstance } from 'fastify'
import { familyOf, hostPort } from '../util/net.js'
import type { ListenOptions, Service } from './types.js'

export interface HttpServiceOptions extends ListenOptions {
  /** Add routes of your own. Default routes: `GET /` (who am I, who are you) and `GET /health`. */
  routes?: (app: FastifyInstance) => void
  /** Is the service ready? Until this returns true, `GET /health` answers 503. Default: always ready. */
  ready?: () => boolean
  /** Also accept WebSocket upgrades on the same port (an echo, like `lab.ws()`), as many apps do. Default false. */
  websocket?: boolean
}

export interface HttpService extends Service {
  app: FastifyInstance
}

/** An HTTP service on fastify. fastify is imported here, lazily, so commands that never serve HTTP start fast. */
export async function startHttp (opts: HttpServiceOptions = {}): Promise<HttpService> {
  const { default: Fastify } = await import('fastify')
  // forceCloseConnections: close() must not wait for idle keep-alive sockets of clients.
  const app = Fastify({ logger: false, forceCloseConnections: true })
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
  if (opts.websocket) await acceptWebSockets(app)
  opts.routes?.(app)
  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 })
  const a = app.server.address() as import('node:net').AddressInfo
  return {
    kind: 'http',
    name: opts.name ?? 'http',
    address: a.address,
    port: a.port,
    family: familyOf(a.address) ?? 'IPv4',
    url: `http://${hostPort(a.address, a.port)}`,
    app,
    close: () => app.close(),
  }
}

/** WebSocket echo on the HTTP server's own port: upgrades go to ws, everything else to fastify. */
async function acceptWebSockets (app: FastifyInstance): Promise<void> {
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ noServer: true })
  app.server.on('upgrade', function serverOnUpgrade (req, socket, head) {
    socket.on('error', () => {})
    wss.handleUpgrade(req, socket, head, (ws) => {
      ws.on('error', () => {})
      ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
    })
  })
  // Upgraded sockets are no longer HTTP connections: fastify's forceCloseConnections does not end them, we must.
  app.addHook('preClose', function closeWebSockets (done) {
    for (const client of wss.clients) client.terminate()
    wss.close()
    done()
  })
}
