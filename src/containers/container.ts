/**
 * One container of a run: started detached with the run's labels on the run's network, removed by the lab's cleanup
 * (`rm -f -t 0`: the app needs no grace period, and a lesson must not wait 10 s for one).
 */
import type { Lab } from '../core/lab.js'
import { LabError } from '../core/errors.js'
import type { RunResult } from '../process/tool.js'
import { firstLine, type Engine } from './engine.js'
import type { LabNetwork } from './network.js'
import { ownerMark } from '../process/sweep.js'
import { labelArgs } from './owned.js'

export interface ContainerOptions {
  /** Short word for its name: `app`, `fixed`. */
  role: string
  network: LabNetwork
  /** Published as `-p host:port:containerPort`; host must be a loopback address. */
  publish?: { host: '127.0.0.1', port: number, containerPort: number }
  env?: Record<string, string>
  command: string[]
  /** The image to run (the base image, findBaseImage()). */
  image: string
}

export interface Container {
  name: string
  /** Its address on the run's network. */
  address: string
  /** Wall time of `run -d` (the engine creating and starting it). */
  startMs: number
  exec (args: string[], opts?: { timeoutMs?: number }): Promise<RunResult>
  logs (): Promise<string>
  /** Remove it now (its cleanup then has nothing left to do). */
  remove (): Promise<void>
  /** Resolves once its output holds `text`, or rejects after `timeoutMs` with its logs. */
  waitForOutput (text: string, timeoutMs?: number): Promise<number>
}

let seq = 0

export async function runContainer (lab: Lab, engine: Engine, opts: ContainerOptions): Promise<Container> {
  seq += 1
  const name = `llab-${process.pid}-${seq}-${opts.role}`
  const args = ['run', '-d', '--name', name, ...labelArgs(ownerMark()), '--network', opts.network.name, ...engine.containerFlags]
  if (engine.name === 'docker') args.push('--add-host', 'host.docker.internal:host-gateway')
  if (opts.publish) args.push('-p', `${opts.publish.host}:${opts.publish.port}:${opts.publish.containerPort}`)
  for (const [k, v] of Object.entries(opts.env ?? {})) args.push('-e', `${k}=${v}`)
  args.push(opts.image, ...opts.command)
  const t0 = performance.now()
  const started = await engine.run(args, { allowFail: true })
  const startMs = performance.now() - t0
  // Registered once `run` is over, failed or not: a failed run can leave the container created, and a removal sent
  // while it is still being made would come too early. A lab already disposed (Ctrl-C meanwhile) removes it at once.
  lab.defer(() => engine.run(['rm', '-f', '-t', '0', name], { allowFail: true }))
  if (started.exitCode !== 0) throw new LabError('LAB_ERR_TOOL_FAILED', { command: `${engine.name} run ${opts.role}`, said: firstLine(started.stderr), exitCode: started.exitCode })
  const inspect = await engine.run(['inspect', name, '--format', `{{(index .NetworkSettings.Networks "${opts.network.name}").IPAddress}}`])
  const address = inspect.stdout.trim()
  const logs = async (): Promise<string> => {
    const r = await engine.run(['logs', name], { allowFail: true })
    return r.stdout + r.stderr
  }
  return {
    name,
    address,
    startMs,
    exec: (cmd, o = {}) => engine.run(['exec', name, ...cmd], { allowFail: true, timeoutMs: o.timeoutMs ?? 10_000 }),
    logs,
    async remove () {
      await engine.run(['rm', '-f', '-t', '0', name], { allowFail: true })
    },
    async waitForOutput (text, timeoutMs = 10_000) {
      const w0 = performance.now()
      for (;;) {
        const out = await logs()
        if (out.includes(text)) return performance.now() - w0
        if (performance.now() - w0 > timeoutMs || lab.signal.aborted) {
          throw new LabError('LAB_ERR_TOOL_FAILED', { command: `${engine.name} logs ${name}`, said: `no "${text}" after ${timeoutMs} ms: ${firstLine(out)}`, exitCode: 1 })
        }
        await new Promise((resolve) => setTimeout(resolve, 25))
      }
    },
  }
}
