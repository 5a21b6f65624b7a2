/**
 * A forwarder that behaves like Docker's userland proxy (docker-proxy) for a published port: accept the client first,
 * then dial the backend. When the backend refuses, the client's connection is simply closed, unread. The kernel then
 * decides what the client sees: a reset (RST, `ECONNRESET`, `curl: (56)`) if the client's request had already arrived,
 * or a clean close with no reply (FIN, `EOF`, `curl: (52)`) if it had not.
 */
import net from 'node:net'
import type { Socket } from 'node:net'
import type { InnerError } from '../core/events.js'
import { unwrapError } from '../net/unwrap-error.js'
import { startTcp, type TcpService } from './tcp.js'
import type { ListenOptions } from './types.js'

export interface ForwarderOptions extends ListenOptions {
  /** Where each accepted connection is forwarded. */
  target: { host: string, port: number }
}

export interface ForwarderService extends TcpService {
  /** Every failed dial to the target, as the proxy saw it (it logs them; the client never sees this). */
  failures: InnerError[]
}

function forward (client: Socket, target: { host: string, port: number }, failures: InnerError[]): void {
  const backend = net.connect({ host: target.host, port: target.port })
  backend.once('connect', function backendOnConnect () {
    client.pipe(backend)
    backend.pipe(client)
    client.resume()
  })
  backend.on('error', function backendOnError (err) {
    const e = unwrapError(err)
    failures.push({ message: e.message, ...(e.code !== undefined && { code: e.code }), ...(e.syscall !== undefined && { syscall: e.syscall }) })
    client.destroy()
  })
  client.once('close', () => backend.destroy())
}

export async function startForwarder (opts: ForwarderOptions): Promise<ForwarderService> {
  const failures: InnerError[] = []
  // pauseOnConnect: like docker-proxy, read nothing from the client until the backend is connected (socket.pause()
  // would not do: Node keeps reading into its own buffer, and a close would then be a clean FIN, never a reset).
  const service = await startTcp({
    ...opts, name: opts.name ?? 'forwarder', pauseOnConnect: true,
    onConnection: (client) => forward(client, opts.target, failures),
  })
  return Object.assign(service, { failures })
}
