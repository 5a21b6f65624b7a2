/** Helpers for the output-path tests: the built CLI on a real pipe whose reader leaves early, and a namespace of ours. */
import { spawn, spawnSync } from 'node:child_process'
import { deleteNamespace, ip, loopbackUp, namespaceName, type Netns } from '../src/netns/namespace.js'
import { CLI } from './helpers.js'

export interface PipeResult {
  code: number | null
  signal: NodeJS.Signals | null
  stderr: string
  /** What the reader got before it left. */
  received: string
  /** From spawn to exit. */
  elapsedMs: number
  pid: number
}

export interface PipeOptions {
  /**
   * When the reader leaves: `before-output` closes our end right after spawn, before the CLI can have written a byte
   * (a `| true`, deterministic for commands that print everything in one burst); otherwise after the first chunk for
   * which this returns true (`() => true`: after the first bytes, as `| head -c 1`).
   */
  leave: 'before-output' | ((receivedSoFar: string) => boolean)
  /** Run the CLI under this prefix (`ip netns exec <name>`). */
  prefix?: string[]
  env?: NodeJS.ProcessEnv
}

/** Run the built CLI with stdout on a real pipe (a socket pair, as every spawn with 'pipe' has) whose reader leaves. */
export function cliWithLeavingReader (args: string[], opts: PipeOptions): Promise<PipeResult> {
  const [cmd, ...pre] = [...(opts.prefix ?? []), process.execPath]
  const started = performance.now()
  const child = spawn(cmd!, [...pre, CLI, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    // tap's loader in NODE_OPTIONS writes to the child's stdio of its own; NO_COLOR keeps our colors out of the bytes.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, NODE_OPTIONS: '', ...opts.env },
  })
  let stderr = ''
  let received = ''
  child.stderr.on('data', (d) => { stderr += d })
  const leave = opts.leave
  if (leave === 'before-output') child.stdout.destroy()
  else {
    child.stdout.on('data', function readerOnData (d) {
      received += d
      if (leave(received)) child.stdout.destroy()
    })
  }
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code, signal) => resolve({ code, signal, stderr, received, elapsedMs: performance.now() - started, pid: child.pid! }))
  })
}

const hasIp = spawnSync('sh', ['-c', 'command -v ip']).status === 0
/** Why this machine cannot give a test a network namespace of its own, or false when it can. */
export const noNamespaces: string | false = process.platform !== 'linux'
  ? 'network namespaces are Linux only'
  : process.getuid?.() !== 0 ? 'creating a network namespace needs root' : hasIp ? false : 'needs `ip` (iproute2)'

/**
 * A network namespace of the test's own (`llab-<pid>-<n>-<role>`, so a leftover of a killed test is swept like the
 * lab's), loopback up, deleted in teardown. `prefix` runs a program inside it.
 */
export async function testNamespace (t: { teardown (fn: () => unknown): void }, role: string): Promise<Netns & { prefix: string[] }> {
  const name = namespaceName(role)
  const r = spawnSync(await ip(), ['netns', 'add', name], { encoding: 'utf8' })
  if (r.status !== 0) throw new Error(`ip netns add ${name}: ${r.stderr.trim()}`)
  t.teardown(() => deleteNamespace(name))
  const ns = { name, role }
  await loopbackUp(ns)
  return { ...ns, prefix: [await ip(), 'netns', 'exec', name] }
}
