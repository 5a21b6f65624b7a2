/**
 * Helper programs: the one way a lesson runs a real second process (a service that can crash or freeze, an echo in
 * another process, an agent inside a network namespace, a listener run as another user).
 *
 * How to add a child program
 * 1. Write `src/process/children/<name>.ts`: a Node program that reads its spec with `programSpec()`, does its job,
 *    and says hello once over IPC with `sayHello()` (its pid, its listeners, anything else it has to report), or
 *    `sayListenFailed()` when its listen failed. It calls `leaveWithParent()` first, so it never outlives the lab
 *    (and startProgram runs it under `setpriv --pdeathsig KILL`, for a child that is stopped
 *    when the lab dies: it cannot see the channel close).
 *    (Helpers and types: ./children/protocol.ts.)
 * 2. Add its name, spec and hello to `Programs` in ./children/protocol.ts.
 * 3. Start it with `startProgram(lab, '<name>', { spec, netns, user, caps })`. The lab owns it (SIGKILL at the end if
 *    it still runs); `program.hello` is typed; `kill`, `stop` and `resume` signal it; announce what it listens on with
 *    `lab.announce({ ..., pid: program.pid })`.
 * From the TypeScript sources (tests run through tsx) the program runs under tsx; from dist/ it is plain
 * `node …/children/<name>.js [label]` (`.cjs` from the bin's bundle), which is also what `ps` and `localhost-lab ports` show: the spec travels in the
 * environment (`LOCALHOST_LAB_SPEC`), so the command line stays short and readable.
 *
 * Below that, `startChild()` is the bare spawn with an IPC channel that `lab.spawn()` uses for any command.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process'
import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { LabError } from '../core/errors.js'
import { enterCommand, overlayCommand, type FileOverlay, type NamespaceChoice } from '../netns/namespace.js'
import { SPEC_VARIABLE, type ProgramName, type Programs } from './children/protocol.js'
import { parseStat } from './proc.js'
import { OWNER_MARKER, ownerMark } from './sweep.js'
import { dieWithLab, which } from './tool.js'

export type Exit = { code: number | null, signal: NodeJS.Signals | null }

export interface LabChild {
  process: ChildProcess
  pid: number
  /** Resolves with the next IPC message (children started with `ipc: true`), or rejects if the child exits first. */
  message<T = unknown> (): Promise<T>
  /** Resolves when the child has exited. */
  exited: Promise<Exit>
  /** Everything the child wrote to stdout / stderr so far. */
  output (): { stdout: string, stderr: string }
  kill (signal?: NodeJS.Signals): Promise<Exit>
}

export interface ChildOptions extends Omit<SpawnOptions, 'stdio'> {
  /** Open an IPC channel (for `process.send` in a Node child). Default false. */
  ipc?: boolean
  /** The command already dies with the lab (startProgram puts `setpriv --pdeathsig KILL` after its own wrappers): `lab.spawn()` adds none. */
  diesWithLab?: boolean
}

/** The last line a child wrote to stderr: usually why it could not start. */
function lastLine (text: string): string {
  return text.trim().split('\n').filter(Boolean).at(-1) ?? ''
}

export function startChild (command: string, args: string[], opts: ChildOptions = {}): Promise<LabChild> {
  const { ipc, diesWithLab: _, ...spawnOpts } = opts
  // Marked as ours, so the next run's sweep (./sweep.ts) can find it if this lab dies without cleaning up.
  const env = { ...(spawnOpts.env ?? process.env), [OWNER_MARKER]: ownerMark() }
  const child = spawn(command, args, { ...spawnOpts, env, stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe'] })
  let stdout = ''
  let stderr = ''
  child.stdout?.on('data', (d) => { stdout += d })
  child.stderr?.on('data', (d) => { stderr += d })
  const exited = new Promise<Exit>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }))
  })
  const queue: unknown[] = []
  const waiters: Array<{ resolve: (m: unknown) => void, reject: (e: Error) => void }> = []
  child.on('message', function childOnMessage (m) {
    const w = waiters.shift()
    if (w) w.resolve(m)
    else queue.push(m)
  })
  void exited.then(({ code, signal }) => {
    for (const w of waiters.splice(0)) w.reject(new Error(`child ${child.pid} exited (${signal ?? code}) before sending a message: ${lastLine(stderr)}`))
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

// ---- typed child programs --------------------------------------------------------------------------------------------

const fromSource = import.meta.url.endsWith('.ts')

/**
 * How to run the program `children/<name>`: `node --import tsx …/children/<name>.ts` from the TypeScript sources;
 * from dist/, `node dist/cli/children/<name>.cjs` (CommonJS with V8's code cache: ./children/launch.cts), found
 * beside the bin's chunk that asks or, from tsc's dist/src/process/ (the library, bench/), in the bundle the package
 * ships beside it; `node …/children/<name>.js` (tsc's) where there is no bundle.
 */
export function programCommand (name: ProgramName): string[] {
  if (fromSource) {
    const file = fileURLToPath(new URL(`./children/${name}.ts`, import.meta.url))
    if (!existsSync(file)) throw new LabError('LAB_ERR_SCENARIO_THREW', { program: name, file })
    return [process.execPath, '--import', import.meta.resolve('tsx'), file]
  }
  for (const bundle of [`./children/${name}.cjs`, `../../cli/children/${name}.cjs`]) {
    const file = fileURLToPath(new URL(bundle, import.meta.url))
    if (existsSync(file)) return [process.execPath, file]
  }
  const file = fileURLToPath(new URL(`./children/${name}.js`, import.meta.url))
  if (!existsSync(file)) throw new LabError('LAB_ERR_SCENARIO_THREW', { program: name, file })
  return [process.execPath, file]
}

export interface ProgramOptions<N extends ProgramName> {
  /** What the program is to do; passed as JSON in its environment (`LOCALHOST_LAB_SPEC`). */
  spec?: Programs[N]['spec']
  /** For people: the one argument after the program file, so `ps` shows `…/children/service.js old-server`. */
  label?: string
  /** Run it inside one of our namespaces (`ip netns exec`), or `'private'`: a new one for it alone (`unshare`). */
  netns?: NamespaceChoice
  /**
   * Files it reads in place of system files (`/etc/hosts`), bind-mounted in a mount namespace of its own (root only).
   * Default none.
   */
  files?: FileOverlay[]
  /** Run as this uid and gid (`setpriv`), e.g. 65534 (nobody). Default: as the lab runs. */
  user?: number
  /** Capabilities to keep after switching user, e.g. `['net_bind_service']` (setpriv ambient caps). Default none. */
  caps?: string[]
}

/** Who starts and owns a program: a Lab (`lab.spawn`), or, outside a scenario (bench), `{ spawn: startChild }`. */
export interface ProgramOwner {
  spawn (command: string, args: string[], opts?: ChildOptions): Promise<LabChild>
}

export interface Program<N extends ProgramName> {
  name: N
  /** The program's own pid (`ip netns exec`, `unshare` and `setpriv` exec it in place: the one process). */
  pid: number
  child: LabChild
  /**
   * Its hello: pid, listeners and what else it reports, or a failed listen. Rejects (LAB_ERR_SCENARIO_THREW, with the
   * program's last stderr line) if it exits first.
   */
  hello: Promise<Programs[N]['hello']>
  /** The last line it wrote to stderr: why it could not start, when it could not. */
  lastWords (): string
  /** SIGKILL (default) or SIGTERM: send it and wait for the exit. */
  kill (signal?: 'SIGKILL' | 'SIGTERM'): Promise<Exit>
  /** SIGSTOP (what Ctrl-Z does, without the chance to refuse); on Linux, resolves once the kernel shows it stopped. */
  stop (): Promise<ProcessState | undefined>
  /** SIGCONT; on Linux, resolves once the kernel shows it no longer stopped. */
  resume (): Promise<ProcessState | undefined>
}

/** Start a child program (see the top of this file). Rejects with LAB_ERR_TOOL_MISSING when `ip`/`unshare`/`setpriv` is not installed. */
export async function startProgram<N extends ProgramName> (owner: ProgramOwner, name: N, opts: ProgramOptions<N> = {}): Promise<Program<N>> {
  const command = [
    ...(opts.netns !== undefined ? await enterCommand(opts.netns) : []),
    ...(opts.files !== undefined && opts.files.length > 0 ? await overlayCommand(opts.files) : []),
    ...(opts.user !== undefined ? await asUser(opts.user, opts.caps ?? []) : []),
    // Last before node, after every wrapper that changes credentials (which would clear it).
    ...await dieWithLab(),
    ...programCommand(name),
    ...(opts.label !== undefined ? [opts.label] : []),
  ]
  const env = programEnv(opts.spec)
  let child: LabChild
  try {
    child = await owner.spawn(command[0]!, command.slice(1), { ipc: true, env, diesWithLab: true })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new LabError('LAB_ERR_TOOL_MISSING', { tool: command[0]!, neededTo: `start the ${name} program` })
    throw err
  }
  const lastWords = (): string => lastLine(child.output().stderr)
  const hello = child.message<Programs[N]['hello']>().catch(async () => {
    const exit = await child.exited
    throw new LabError('LAB_ERR_SCENARIO_THREW', { program: name, pid: child.pid, exit: exit.signal ?? `exit code ${exit.code}`, said: lastWords() })
  })
  // A caller that gives up before the hello (an aborted run) must not leave an unhandled rejection behind.
  hello.catch(() => {})
  return {
    name,
    pid: child.pid,
    child,
    hello,
    lastWords,
    kill: (signal = 'SIGKILL') => child.kill(signal),
    async stop () {
      child.process.kill('SIGSTOP')
      return settled(child.pid, (s) => s === 'T' || s === undefined)
    },
    async resume () {
      child.process.kill('SIGCONT')
      return settled(child.pid, (s) => s !== 'T')
    },
  }
}

/**
 * The lab's environment, less NODE_EXTRA_CA_CERTS, plus the spec. No child program opens a TLS connection, and Node 20
 * reads every certificate that variable names as it starts (Node 22 only when TLS first needs them): a bare `node`
 * that says hello took 82.9 ms of CPU with the Debian bundle named there, 33.0 ms without (medians of 9, side by side).
 */
function programEnv (spec: unknown): NodeJS.ProcessEnv {
  const { NODE_EXTRA_CA_CERTS: _unused, ...env } = process.env
  return spec !== undefined ? { ...env, [SPEC_VARIABLE]: JSON.stringify(spec) } : env
}

/** `setpriv` switching to `uid` (and the same gid, no other groups), keeping `caps` as ambient capabilities. */
async function asUser (uid: number, caps: string[]): Promise<string[]> {
  const setpriv = await which('setpriv') ?? 'setpriv'
  const out = [setpriv, `--reuid=${uid}`, `--regid=${uid}`, '--clear-groups']
  if (caps.length > 0) {
    const list = caps.map((c) => `+${c}`).join(',')
    out.push(`--inh-caps=${list}`, `--ambient-caps=${list}`)
  }
  return out
}

// ---- process state ---------------------------------------------------------------------------------------------------

/** A process's state letter from /proc/<pid>/stat (`S` sleeping, `R` running, `T` stopped ...) and its meaning. */
export interface ProcessState {
  letter: string
  meaning: string
}

const STATES: Record<string, string> = { R: 'running', S: 'sleeping', D: 'waiting on disk', T: 'stopped', t: 'stopped by a tracer', Z: 'zombie' }

/** The state of a process from /proc/<pid>/stat, or undefined (not Linux, or the process is gone). */
export async function processState (pid: number): Promise<ProcessState | undefined> {
  try {
    const letter = parseStat(await readFile(`/proc/${pid}/stat`, 'utf8'))?.state
    return letter === undefined ? undefined : { letter, meaning: STATES[letter] ?? 'unknown' }
  } catch {
    return undefined
  }
}

/**
 * After SIGSTOP / SIGCONT the kernel changes the state soon, but not within the kill() call: look (one event-loop turn
 * apart, never a timer) until it has. Undefined off Linux, where there is no /proc to look at.
 */
async function settled (pid: number, want: (letter: string | undefined) => boolean): Promise<ProcessState | undefined> {
  if (process.platform !== 'linux') return undefined
  let state = await processState(pid)
  for (let i = 0; i < 200 && !want(state?.letter); i++) {
    await new Promise((resolve) => setImmediate(resolve))
    state = await processState(pid)
  }
  return state
}
