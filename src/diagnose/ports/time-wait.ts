/**
 * TIME_WAIT: the side of a TCP connection that closes first keeps it in the kernel's table for a while after the close
 * (so that stray late packets of the old connection cannot be mistaken for a new one). When a server hangs up first,
 * that entry carries the server's own port.
 */
import type { Socket } from 'node:net'
import { readProcNetTcp, type ProcSocket } from './proc-net.js'

/** Client side: wait until the server has hung up (its FIN arrives as 'end'), then close our end too. */
export function closeAfterServerHangsUp (socket: Socket): Promise<void> {
  return new Promise((resolve) => {
    if (socket.destroyed) {
      resolve()
      return
    }
    socket.on('error', () => {})
    socket.once('close', () => resolve())
    socket.once('end', () => socket.destroy())
    socket.resume()
  })
}

/**
 * The TIME_WAIT entries whose local port is `port`, read from /proc/net/tcp{,6} (Linux). The kernel moves the socket
 * there while it handles our FIN, so it is normally there on the first read; a few event-loop turns cover the rest.
 */
export async function timeWaitOn (port: number, tries = 10): Promise<ProcSocket[]> {
  for (let i = 0; i < tries; i++) {
    const found = (await readProcNetTcp()).filter((s) => s.state === 'TIME_WAIT' && s.localPort === port)
    if (found.length > 0) return found
    await new Promise((resolve) => setImmediate(resolve))
  }
  return []
}
