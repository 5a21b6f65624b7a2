/**
 * The same loopback transfer as `ephemeral`'s counters step, inside a network namespace of ours: a child process
 * (./loopback-transfer-child.ts) entered into it echoes data through 127.0.0.1 and reads that namespace's interface
 * counters around it. In a namespace whose only interface is `lo`, nothing but the transfer moves them.
 */
import { LabError } from '../core/errors.js'
import { enterCommand, type Netns } from '../netns/namespace.js'
import { measureChildCommand } from './child-command.js'
import type { Spawner } from './http-pipelined.js'
import type { CounterReading } from './interface-counters.js'
import type { ThroughputResult } from './tcp.js'

export interface TransferAnswer {
  /** The child, inside the namespace. */
  pid: number
  /** Its echo server's port on 127.0.0.1 there. */
  port: number
  echoed: ThroughputResult
  before: CounterReading
  after: CounterReading
}

/** Echo `bytes` over 127.0.0.1 inside `ns`, with that namespace's interface counters before and after. */
export async function transferInNamespace (owner: Spawner, ns: Netns, bytes: number): Promise<TransferAnswer> {
  const command = [...await enterCommand(ns), ...measureChildCommand('loopback-transfer'), JSON.stringify({ bytes })]
  const child = await owner.spawn(command[0]!, command.slice(1), { ipc: true })
  try {
    const answer = await child.message<TransferAnswer | { error: string }>()
    if ('error' in answer) throw new LabError('LAB_ERR_CHECK_FAILED', { measuring: `a loopback transfer in ${ns.name}`, got: answer.error })
    return answer
  } catch (err) {
    if (err instanceof LabError) throw err
    const said = child.output().stderr.trim().split('\n').at(-1) ?? ''
    throw new LabError('LAB_ERR_CHECK_FAILED', { measuring: `a loopback transfer in ${ns.name}`, got: `the child ended first${said ? `: ${said}` : ''}` })
  } finally {
    await child.exited
  }
}
