/**
 * Child processes owned by a Lab: a real second process (a service that can crash, a listener run as another user).
 * Registered for cleanup the moment it exists; killed with SIGKILL on dispose if still running.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'

export interface LabChild {
  process: ChildProcess
  pid: number
  /** Resolves with the next IPC message (children started with `ipc: true`), or rejects if the child exits first. */
  message<T = unknown> (): Promise<T>
  /** Resolves when the child has exited. */
  exited: Promise<{ code: number | null, signal: NodeJS.Signals | null }>
  /** Everything the child wrote to stdout / stderr so far. */
  output (): { stdout: string, stderr: string }
  kill (signal?: NodeJS.Signals): Promise<{ code: number | null, signal: NodeJS.Signals | null }>
}

export interface ChildOptions extends Omit<SpawnOptions, 'stdio'> {
  /** Open an IPC channel (for `process.send` in a Node child). Default false. */
  ipc?: boolean
}

export function startChild (command: string, args: string[], opts: ChildOptions = {}): Promise<LabChild> {
  const { ipc, ...spawnOpts } = opts
  const child = spawn(command, args, { ...spawnOpts, stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => { stdout += d })
  child.stderr?.on('data', (d) => { stderr += d })
  const exited = new Promise<{ code: number | null, signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const queue: unknown[] = []
  const waiters: Array<{ resolve: (m: unknown) => void, reject: (e: Error) => void }> = []
  child.on('message', (m) => {
    const w = waiters.shift()
    if (w) w.resolve(m)
    else queue.push(m)
  })
  void exited.then(({ code, signal }) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child ${child.pid} exited (${signal ?? code}) before sending a message: ${stderr.trim().split('\n').at(-1) ?? ''}`))
  })
  return new Promise((resolve, reject) => {
    child.once('error', reject)
    child.once('spawn', () => {
      child.removeListener('error', reject)
      child.on('error', () => {})
      resolve({
        process: child,
        pid: child.pid!,
        exited,
        output: () => ({ stdout, stderr }),
        message<T> () {
          if (queue.length > 0) return Promise.resolve(queue.shift() as T)
          if (child.exitCode !== null || child.signalCode !== null) return Promise.reject(new Error(`child ${child.pid} already exited`))
          return new Promise<T>((res, rej) => waiters.push({ resolve: res as (m: unknown) => void, reject: rej }))
        },
        async kill (signal: NodeJS.Signals = 'SIGKILL') {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal)
          return exited
        },
      })
    })
  })
}
