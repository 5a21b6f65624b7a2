/**
 * An HTTP service in a process of its own (a real second pid): what a dev server left running in another terminal
 * looks like to the system. It is the service child program (./children/service.ts) with one HTTP listener that
 * answers every request with its pid, announced as one `process` service; its listen may fail (a port already taken),
 * and that is announced as a `listen-error` with the child's pid.
 */
import type { Lab } from '../core/lab.js'
import type { Family } from '../core/events.js'
import { LabError } from '../core/errors.js'
import { startProgram, type Exit, type LabChild } from './child.js'
import { serviceListeners } from './child-service.js'
import { hostPort } from '../net/address.js'
import { now, since } from '../core/clock.js'

export interface HttpProcessOptions {
  /** A label for the narration, also in the child's command line. Default `http-process`. */
  name?: string
  /** Default `127.0.0.1`. */
  host?: string
  /** Default 0. */
  port?: number
}

export interface HttpProcess {
  name: string
  child: LabChild
  pid: number
  address: string
  port: number
  family: Family
  url: string
  /** Send a signal (default SIGTERM), wait for the exit, emit `closed`. Returns how it ended. */
  stop (signal?: 'SIGTERM' | 'SIGKILL'): Promise<Exit>
}

/** Start it; rejects with the child's listen error (its `code`, `syscall`) when it could not listen. */
export async function spawnHttpProcess (lab: Lab, opts: HttpProcessOptions = {}): Promise<HttpProcess> {
  const name = opts.name ?? 'http-process'
  const host = opts.host ?? '127.0.0.1'
  const port = opts.port ?? 0
  const t0 = now()
  const program = await startProgram(lab, 'service', { spec: { host, port, http: { respond: 'ok' } }, label: name })
  const label = `${name} (pid ${program.pid})`
  const who = { service: 'process', name: label } as const
  const [at] = await serviceListeners(lab, program, t0, () => who)
  if (at === undefined) throw new LabError('LAB_ERR_SCENARIO_THREW', { service: label, without: 'HTTP' })
  return {
    name: label,
    child: program.child,
    pid: program.pid,
    address: at.address,
    port: at.port,
    family: at.family,
    url: `http://${hostPort(at.address, at.port)}`,
    async stop (signal = 'SIGTERM') {
      const t1 = now()
      const exit = await program.kill(signal)
      lab.announce({ ...who, state: 'closed', at, elapsedMs: since(t1), pid: program.pid })
      return exit
    },
  }
}
