/**
 * Another program that takes a port of a lesson's at the moment that hurts: a second Node process listening on
 * `address`:`port`, answering every connection by closing it. Tests start it in a step gate (the step waits for it),
 * so the lesson meets it exactly where a busy machine would hand someone else the number.
 */
import { spawn } from 'node:child_process'
import { once } from 'node:events'

export interface PortHolder {
  pid: number
  /** SIGKILL, and wait until the process is gone (its listener with it). */
  release (): Promise<void>
}

/** Resolves once the second process listens; rejects with its error (EADDRINUSE ...) printed if it could not. */
export async function holdPort (port: number, address: string): Promise<PortHolder> {
  const script = `require('node:net').createServer((s) => s.destroy()).listen(${port}, ${JSON.stringify(address)}, () => console.log('held'))`
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  const exited = once(child, 'exit')
  const held = once(child.stdout!, 'data')
  const first = await Promise.race([held.then(() => 'held'), exited.then(() => 'exited')])
  if (first !== 'held') throw new Error(`the holder could not listen on ${address}:${port}`)
  return {
    pid: child.pid!,
    async release () {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
      await exited
    },
  }
}
