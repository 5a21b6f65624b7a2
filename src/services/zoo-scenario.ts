/**
 * `serve` as a long-running scenario (not in the catalogue): the zoo's services, then every connection that arrives, as
 * events on the one stream, so the console, --json and tests all read the same thing. It ends on Ctrl-C (or after
 * `forMs`), and closes everything it opened.
 */
import type { Family } from '../core/events.js'
import { defineScenario, type Scenario } from '../core/lab.js'
import { startZoo, type ZooEntry } from './zoo.js'

export interface ServeOptions {
  /** The IPv4 loopback address to bind. Default `127.0.0.1`. */
  host?: string
  /** Stop after this many ms. Default: run until interrupted. */
  forMs?: number
  /** The drip service's interval. Default 1000 ms. */
  dripIntervalMs?: number
}

/** The zoo table as it goes out in the `zoo` fact: every entry without its live service object. */
export type ZooRow = Omit<ZooEntry, 'service'>

export function serveScenario (opts: ServeOptions = {}): Scenario {
  return defineScenario({
    id: 'serve',
    title: 'A zoo of broken services on loopback',
    symptom: 'point your own client at these and compare what it prints',
    codes: [],

    async run (lab) {
      lab.step('Start one misbehaving service per failure, each on a port the OS picks')
      const zooOpts: Parameters<typeof startZoo>[0] = {
        onConnection: (c) => lab.observe({ kind: 'connection', ...c }),
      }
      if (opts.host !== undefined) zooOpts.host = opts.host
      if (opts.dripIntervalMs !== undefined) zooOpts.dripIntervalMs = opts.dripIntervalMs
      const zoo = await startZoo(zooOpts)
      for (const e of zoo.entries) {
        const s = e.service
        if (!s) continue
        lab.announce({ state: 'listening', service: s.kind, name: e.behaviour, at: { address: s.address, port: s.port, family: s.family as Family }, elapsedMs: e.elapsedMs })
        lab.defer(() => lab.close(s))
      }
      // Registered last, so it runs first: stop narrating, then close every service and connection.
      lab.defer(() => zoo.close())
      lab.fact('zoo', 'zoo', zoo.entries.map(({ service: _service, ...row }) => row))
      for (const u of zoo.unavailable) lab.say(`${u.behaviour} is not running: ${u.reason}.`)

      lab.step('Point curl, a browser or your own app at them; every connection is narrated here')
      if (opts.forMs !== undefined) {
        const forMs = opts.forMs
        await new Promise<void>((resolve) => lab.after(forMs, resolve))
      } else {
        // Until Ctrl-C: the runner races the story against the abort and then closes everything.
        await new Promise<void>(() => {})
      }
    },
  })
}
