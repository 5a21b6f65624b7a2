import net from 'node:net'

function bind (host: string, port: number): Promise<net.Server | undefined> {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.once('error', () => resolve(undefined))
    server.listen({ host, port }, () => resolve(server))
  })
}

function close (server: net.Server): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()))
}

/**
 * A port that was free a moment ago on every one of these loopback addresses: the OS picks it (port 0) on the first,
 * we bind it on the others too, then release them all. Tries again when another program holds it on one of them.
 * Like get-port, it only says "free a moment ago": bind it right after.
 */
export async function portFreeOnAll (hosts: string[], tries = 10): Promise<number> {
  for (let i = 0; i < tries; i++) {
    const first = await bind(hosts[0]!, 0)
    if (!first) break
    const port = (first.address() as net.AddressInfo).port
    const others = await Promise.all(hosts.slice(1).map((h) => bind(h, port)))
    await Promise.all([first, ...others].map((s) => s ? close(s) : undefined))
    if (others.every(Boolean)) return port
  }
  throw new Error(`no port was free on all of ${hosts.join(', ')} after ${tries} tries`)
}
