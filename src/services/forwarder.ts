/**
 * A forwarder that behaves like Docker's userland proxy (docker-proxy) for a published port: accept the client first,
 * then dial the backend. When the backend refuses, the client's connection is simply closed, unread. The kernel then
 * decides what the client sees: a reset (RST, `ECONNRESET`, `curl: (56)`) if the client's request had already arrived,
 * or a clean close with no reply (FIN, `EOF`, `curl: (52)`) if it had not.
 */
import net from 'node:net'
import type { Socket } from 'node:net'
import type { InnerError } from '../events.js'
import { familyOf, hostPort, unwrapError } from '../util/net.js'
import type { ListenOptions, Service } from './types.js'

export interface ForwarderOptions extends ListenOptions {
  /** Where each accepted connection is forwarded. */
  target: { host: string, port: number }
}

export interface ForwarderService extends Service {
  server: net.Server
  /** Every failed dial to the target, as the proxy saw it (it logs them; the client never sees this). */
  failures: InnerError[]
}

export function startForwarder (opts: ForwarderOptions): Promise<ForwarderService> {
  const sockets = new Set<Socket>()
  const failures: InnerError[] = []
  const track = (s: Socket): void => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  }
  // pauseOnConnect: like docker-proxy, read nothing from the client until the backend is connected.
  const server = net.createServer({ pauseOnConnect: true }, function forwarderOnConnection (client) {
    track(client)
    const backend = net.connect({ host: opts.target.host, port: opts.target.port })
    track(backend)
    backend.once('connect', function backendOnConnect () {
      client.pipe(backend)
      backend.pipe(client)
      client.resume()
    })
    backend.once('error', function backendOnError (err) {
      const e = unwrapError(err)
      failures.push({ message: e.message, ...(e.code !== undefined && { code: e.code }), ...(e.syscall !== undefined && { syscall: e.syscall }) })
      client.destroy()
    })
    client.once('close', () => backend.destroy())
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 }, () => {
      server.removeListener('error', reject)
      const a = server.address() as net.AddressInfo
      resolve({
        kind: 'tcp',
        name: opts.name ?? 'forwarder',
        address: a.address,
        port: a.port,
        family: familyOf(a.address) ?? 'IPv4',
        url: `tcp://${hostPort(a.address, a.port)}`,
        server,
        failures,
        close: () => new Promise<void>((done) => {
          for (const s of sockets) s.destroy()
          server.close(() => done())
        }),
      })
    })
  })
}
