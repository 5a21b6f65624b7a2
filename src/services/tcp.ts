import net from 'node:net'
import type { Socket } from 'node:net'
import { listeningAt, type ListenOptions, type Service } from './types.js'

export interface TcpServiceOptions extends ListenOptions {
  /** What to do with each connection. Default: echo every byte back. */
  onConnection?: (socket: Socket) => void
  /** The kernel's accept queue length (listen backlog). Default: Node's (511). Node turns 0 into 511: use 1 for "tiny". */
  backlog?: number
  /**
   * Accept connections but do not start reading them (net's `pauseOnConnect`): bytes a client sends stay in the
   * kernel's receive queue until `socket.resume()`. Default false.
   */
  pauseOnConnect?: boolean
}

export interface TcpService extends Service {
  server: net.Server
  /** The sockets currently open on the server side. */
  connections: Set<Socket>
}

function echo (socket: Socket): void {
  socket.pipe(socket)
}

/** A raw TCP service on node:net. Resolves once the kernel has it listening (no sleeps). */
export function startTcp (opts: TcpServiceOptions = {}): Promise<TcpService> {
  const host = opts.host ?? '127.0.0.1'
  const onConnection = opts.onConnection ?? echo
  const connections = new Set<Socket>()
  const server = net.createServer({ pauseOnConnect: opts.pauseOnConnect ?? false }, function serverOnConnection (socket) {
    connections.add(socket)
    socket.on('close', () => connections.delete(socket))
    // A client that vanishes must not crash the service.
    socket.on('error', () => {})
    onConnection(socket)
  })
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host, port: opts.port ?? 0, backlog: opts.backlog }, () => {
      server.removeListener('error', reject)
      const a = server.address() as net.AddressInfo
      resolve({
        ...listeningAt('tcp', opts.name ?? 'tcp', a),
        server,
        connections,
        close: () => new Promise<void>((done) => {
          for (const s of connections) s.destroy()
          server.close(() => done())
        }),
      })
    })
  })
}
