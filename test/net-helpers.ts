/** Listeners for probe and ports tests: real sockets on loopback, on ports the OS picks, closed in t.teardown. */
import net from 'node:net'
import { freePort } from '../src/net/free-port.js'

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
 * Hold a port on `hosts` (those we listen on) that was free a moment ago on `freeOn` too (those the test will find
 * refused), so that a probe only ever connects to ports this test opened or found free.
 */
export async function hold (hosts: string[], freeOn: string[] = []): Promise<Held> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort({ host: [...hosts, ...freeOn] })
    const servers: net.Server[] = []
    try {
      for (const h of hosts) servers.push(await listen(h, port))
      return { port, servers, close: async () => { await Promise.all(servers.map(close)) } }
    } catch (err) {
      await Promise.all(servers.map(close))
      // Taken by another program since it was found free: find another.
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
    }
  }
  throw new Error('could not find a port free on every address asked for')
}
