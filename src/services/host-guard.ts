/**
 * The DNS-rebinding defence for a service on loopback. Binding 127.0.0.1 keeps other machines out, but not the
 * browser on this one: a page from attacker.example can make its own name resolve to 127.0.0.1 and then send
 * requests to 127.0.0.1:P that the browser believes are same-origin. Those requests still say who they think they are
 * talking to, in `Host` (attacker.example:P) and `Origin` (http://attacker.example:P). A local service that answers
 * only to its own names (127.0.0.1:P, localhost:P, [::1]:P) turns them away.
 *
 * Used by the dashboard and by the dns-rebinding scenario: one check, so the lesson shows the very code that protects.
 */
import type { IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { FastifyInstance, FastifyRequest } from 'fastify'

/** The `Host` values a loopback service on `port` answers to. Port 80 may also be written without it. */
export function ownHosts (port: number): string[] {
  const hosts = ['127.0.0.1', 'localhost', '[::1]']
  return [...hosts.map((h) => `${h}:${port}`), ...(port === 80 ? hosts : [])]
}

/** The `Origin` values of pages this service itself served. */
export function ownOrigins (port: number): string[] {
  return ownHosts(port).map((h) => `http://${h}`)
}

export type GuardVerdict =
  | { ok: true }
  | { ok: false, status: 403, code: 'LAB_ERR_FOREIGN_HOST' | 'LAB_ERR_FOREIGN_ORIGIN', message: string }

export interface GuardOptions {
  /** Refuse a request that has no `Origin` at all (a browser always sends one on WebSocket upgrades and POSTs). Default false. */
  requireOrigin?: boolean
}

function single (v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v
}

/**
 * Does this request come to us by one of our own names, from one of our own pages? `Host` must be ours; `Origin`, when
 * present (or always, with `requireOrigin`), must be ours too. `port` is the port the service listens on.
 */
export function checkHostAndOrigin (headers: IncomingHttpHeaders, port: number, opts: GuardOptions = {}): GuardVerdict {
  const host = single(headers.host)?.toLowerCase()
  if (host === undefined || !ownHosts(port).includes(host)) {
    return {
      ok: false, status: 403, code: 'LAB_ERR_FOREIGN_HOST',
      message: `refused: Host '${host ?? '(none)'}' is not this service (${ownHosts(port).slice(0, 3).join(', ')}). A page that rebinds its own name to 127.0.0.1 sends exactly that.`,
    }
  }
  const origin = single(headers.origin)?.toLowerCase()
  if (origin === undefined ? opts.requireOrigin === true : !ownOrigins(port).includes(origin)) {
    return {
      ok: false, status: 403, code: 'LAB_ERR_FOREIGN_ORIGIN',
      message: `refused: Origin '${origin ?? '(none)'}' is not a page of this service (${ownOrigins(port).slice(0, 3).join(', ')}).`,
    }
  }
  return { ok: true }
}

export interface FastifyGuardOptions {
  /** Which requests must carry an `Origin`. Default: none (an `Origin` that is present is always checked). */
  requireOrigin?: (req: FastifyRequest) => boolean
}

/**
 * Add the check to every route of a fastify app (those registered before too): a foreign `Host` or `Origin` gets 403
 * with `{ error, message }`. The port is the one the request arrived on, so it can be added before `listen()`.
 */
export function guardHosts (app: FastifyInstance, opts: FastifyGuardOptions = {}): void {
  app.addHook('onRequest', async function hostGuardOnRequest (req, reply) {
    const port = req.socket.localPort ?? (app.server.address() as AddressInfo | null)?.port ?? 0
    const verdict = checkHostAndOrigin(req.headers, port, { requireOrigin: opts.requireOrigin?.(req) ?? false })
    if (!verdict.ok) {
      reply.code(verdict.status).header('connection', 'close').send({ error: verdict.code, message: verdict.message })
      return reply
    }
  })
}
