/**
 * Real programs a test starts inside a network namespace of its own (check-cli, the dashboard's end-to-end test):
 * each resolves once a line of its output says it is ready, and all of them are SIGKILLed when the test ends.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { enterCommand, type Netns } from '../src/netns/namespace.js'

export interface NamespacePrograms {
  /** `ip netns exec <name> env -u NODE_OPTIONS`: tap's process-info loader stays out of the programs under test. */
  prefix: string[]
  env: NodeJS.ProcessEnv
  /** Start a program in the namespace; resolve with the first match of `ready` in its stdout or stderr. */
  start (argv: string[], ready: RegExp): Promise<{ child: ChildProcess, match: RegExpExecArray }>
}

/** `defer` is told how to kill them all (tap's `t.teardown`, or the test's own list of cleanups). */
export async function programsIn (ns: Netns, defer: (fn: () => unknown) => void, opts: { cwd?: string } = {}): Promise<NamespacePrograms> {
  const prefix = [...await enterCommand(ns), 'env', '-u', 'NODE_OPTIONS']
  const env = { ...process.env, NO_COLOR: '1' }
  const children: ChildProcess[] = []
  defer(() => { for (const c of children) c.kill('SIGKILL') })
  const start = (argv: string[], ready: RegExp): Promise<{ child: ChildProcess, match: RegExpExecArray }> => new Promise((resolve, reject) => {
    const child = spawn(prefix[0]!, [...prefix.slice(1), ...argv], { env, stdio: ['pipe', 'pipe', 'pipe'], ...(opts.cwd !== undefined && { cwd: opts.cwd }) })
    children.push(child)
    let said = ''
    const onLine = (line: string): void => {
      said += `${line}\n`
      const m = ready.exec(line)
      if (m) resolve({ child, match: m })
    }
    createInterface({ input: child.stdout! }).on('line', onLine)
    createInterface({ input: child.stderr! }).on('line', onLine)
    child.once('error', reject)
    child.once('exit', (code) => reject(new Error(`${argv[0]} exited (${code}) before it was ready: ${said}`)))
  })
  return { prefix, env, start }
}
