/**
 * A port that was free a moment ago: listen on port 0, read the number the OS gave, close. Nothing listens there now,
 * so a connect to it is refused, until some program on the machine happens to be given the same number.
 *
 * Beware: like get-port, this only says "free a moment ago". Between our close and your listen any program may take
 * the number (the OS hands out port-0 numbers from the same range), and a port free on 127.0.0.1 may be taken on ::1.
 * To serve, listen on port 0 yourself and read the port: no gap. Use this only for a port that must stay empty (to
 * show a refusal) or that must be known before something listens on it (a slow starter), and handle EADDRINUSE.
 */
import net from 'node:net'
import { LabError } from '../core/errors.js'
import type { Lab } from '../core/lab.js'

export interface FreePortOptions {
  /** The address, or addresses, it must be free on; the first one picks the number. Default `127.0.0.1`. */
  host?: string | readonly string[]
  /**
   * Borrow it through this lab, so the story shows it: a `port finder` service listens and closes on each address
   * (`listening` and `closed` events). Default: quietly, no events.
   */
  lab?: Lab
  /** How many numbers to try when one is taken on another of the addresses. Default 10. */
  tries?: number
}

interface Held {
  port: number
  release (): Promise<void>
}

/** Listen on `host`:`port` with nothing attached; rejects with the Node error (EADDRINUSE, EADDRNOTAVAIL ...). */
function holdQuietly (host: string, port: number): Promise<Held> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen({ host, port }, function portFinderOnListening () {
      server.removeListener('error', reject)
      resolve({
        port: (server.address() as net.AddressInfo).port,
        release: () => new Promise((done) => server.close(() => done())),
      })
    })
  })
}

async function holdInLab (lab: Lab, host: string, port: number): Promise<Held> {
  const service = await lab.tcp({ host, port, name: 'port finder' })
  return { port: service.port, release: () => lab.close(service) }
}

/**
 * A port that was free a moment ago on every one of `host`: the OS picks it (port 0) on the first address, we bind
 * the same number on the others, then release them all. A number taken on another address (EADDRINUSE) is skipped
 * for a fresh one; any other failure (no ::1 here: EADDRNOTAVAIL) rejects with the Node error, `err.code` set.
 */
export async function freePort (opts: FreePortOptions = {}): Promise<number> {
  const hosts = typeof opts.host === 'string' ? [opts.host] : opts.host ?? ['127.0.0.1']
  if (hosts.length === 0) throw new LabError('LAB_ERR_BAD_ARGUMENT', { needsAnAddress: 'freePort' })
  const tries = opts.tries ?? 10
  const hold = (host: string, port: number): Promise<Held> => opts.lab ? holdInLab(opts.lab, host, port) : holdQuietly(host, port)
  for (let i = 0; i < tries; i++) {
    const first = await hold(hosts[0]!, 0)
    const held = [first]
    let taken = false
    try {
      for (const host of hosts.slice(1)) {
        try {
          held.push(await hold(host, first.port))
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
          taken = true
          break
        }
      }
    } finally {
      for (const h of held.reverse()) await h.release()
    }
    if (!taken) return first.port
  }
  throw new LabError('LAB_ERR_BUSY', { hosts, tries })
}
