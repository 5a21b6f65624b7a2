/** Listeners for probe and ports tests: real sockets on loopback, on ports the OS picks, closed in t.teardown. */
import net from 'node:net'

export interface Held {
  port: number
  servers: net.Server[]
  close (): Promise<void>
}

function listen (host: string, port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const s = net.createServer((socket) => socket.destroy())
    s.once('error', reject)
    s.listen({ host, port }, () => {
      s.removeListener('error', reject)
      resolve(s)
    })
  })
}

function close (s: net.Server): Promise<void> {
  return new Promise((resolve) => s.close(() => resolve()))
}

/**
 * Hold a port on `hosts` (those we listen on), making sure it is free a moment ago on `freeOn` (those the test will
 * find refused), so that a probe only ever connects to ports this test opened or found free.
 */
export async function hold (hosts: string[], freeOn: string[] = []): Promise<Held> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const all = [...hosts, ...freeOn]
    const first = await listen(all[0]!, 0)
    const port = (first.address() as net.AddressInfo).port
    const servers = hosts.length > 0 ? [first] : []
    let ok = true
    for (const h of all.slice(1)) {
      try {
        const s = await listen(h, port)
        if (hosts.includes(h)) servers.push(s)
        else await close(s)
      } catch {
        ok = false
        break
      }
    }
    if (hosts.length === 0) await close(first)
    if (ok) return { port, servers, close: async () => { await Promise.all(servers.map(close)) } }
    await Promise.all(servers.map(close))
  }
  throw new Error('could not find a port free on every address asked for')
}
