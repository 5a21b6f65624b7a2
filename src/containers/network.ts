/**
 * A network of one run's own, on a /28 of 198.18.64.0/18 (the containers' share of 198.18.0.0/15, the benchmarking
 * range that is never routed; the namespace lessons use 198.18.0.0/30 inside their own namespaces). Never the engine's
 * default 10.88/172.17 subnet, so a run's traffic goes only to loopback and to its own containers.
 *
 * Parallel runs (tap's jobs, the soak's 4 catalogues): each run takes a /28 starting from one derived from its pid;
 * when the engine says the subnet is taken (another run got there first), the next one is tried. The engine's own
 * lock makes `network create` atomic, so two runs never share a /28.
 */
import type { Lab } from '../core/lab.js'
import { LabError } from '../core/errors.js'
import type { Engine } from './engine.js'
import { firstLine } from './engine.js'
import { ownerMark } from '../process/sweep.js'
import { labelArgs, markEngineUse } from './owned.js'

/** 198.18.64.0/18 holds 1024 subnets of 16 addresses. */
const BLOCKS = 1024
const BASE = (198 << 24 | 18 << 16 | 64 << 8) >>> 0

export interface LabNetwork {
  name: string
  subnet: string
  /** The host's address on the network's bridge: what host.containers.internal / host-gateway resolves to. */
  gateway: string
  /** The bridge the engine created on the host (podman1, br-…), when it says. */
  bridge: string | undefined
  createMs: number
}

function dotted (n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** The /28 number `i` of 198.18.64.0/18. */
export function block (i: number): { subnet: string, gateway: string } {
  const start = BASE + (i % BLOCKS) * 16
  return { subnet: `${dotted(start)}/28`, gateway: dotted(start + 1) }
}

let seq = 0

/** Create the run's network (removed by the lab's cleanup, last, after its containers). */
export async function createLabNetwork (lab: Lab, engine: Engine): Promise<LabNetwork> {
  seq += 1
  const name = `llab-${process.pid}-${seq}-net`
  const unmark = markEngineUse(engine.name, ownerMark())
  lab.defer(unmark)
  const first = (process.pid * 7 + seq) % BLOCKS
  let said = ''
  const t0 = performance.now()
  for (let k = 0; k < BLOCKS; k++) {
    const { subnet, gateway } = block(first + k)
    const args = ['network', 'create', '--subnet', subnet, '--gateway', gateway, ...labelArgs(ownerMark()), name]
    if (engine.name === 'podman') args.splice(2, 0, '--disable-dns')
    const made = await engine.run(args, { allowFail: true })
    if (made.exitCode === 0) {
      const createMs = performance.now() - t0
      lab.defer(() => engine.run(['network', 'rm', '-f', name], { allowFail: true }))
      const inspect = await engine.run(['network', 'inspect', name, '--format', engine.name === 'podman' ? '{{.NetworkInterface}}' : '{{index .Options "com.docker.network.bridge.name"}}'], { allowFail: true })
      const bridge = inspect.exitCode === 0 && inspect.stdout.trim() !== '' && !inspect.stdout.includes('no value') ? inspect.stdout.trim() : undefined
      return { name, subnet, gateway, bridge, createMs }
    }
    said = firstLine(made.stderr)
    // Only a taken subnet is worth another try; anything else is the engine's real answer.
    if (!/already used|overlap|in use/i.test(said)) break
  }
  throw new LabError('LAB_ERR_TOOL_FAILED', { command: `${engine.name} network create`, said, exitCode: 1 })
}
