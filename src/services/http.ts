import type { FastifyInstance } from 'fastify'
import { familyOf, hostPort } from '../util/net.js'
import type { ListenOptions, Service } from './types.js'

export interface HttpServiceOptions extends ListenOptions {
  /** Add routes of your own. Default routes: `GET /` (who am I, who are you) and `GET /health`. */
  routes?: (app: FastifyInstance) => void
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
  app.get('/health', async function healthHandler () {
    return { ok: true }
  })
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
