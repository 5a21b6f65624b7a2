/**
 * A lab killed with SIGKILL cleans up nothing itself. What it started must still go: its programs at once (the kernel
 * sends them SIGKILL: `setpriv --pdeathsig`, a SIGSTOPped one included), anything else and its `llab-*` namespaces at
 * the start of the next `demo` (the sweep: only what carries our marker and belongs to a dead lab). A live lab's
 * children and namespaces are never touched. Real processes, real kernel: /proc, `ip netns`, a real connect.
 */
import t from 'tap'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { readdirSync } from 'node:fs'
import { connect } from 'node:net'
import { fileURLToPath } from 'node:url'
import type { LabEvent } from '../src/core/events.js'
import { netnsList } from '../src/diagnose/leftovers.js'
import { listListeners } from '../src/diagnose/ports/listeners.js'
import { namespacesUnavailable } from '../src/netns/detect.js'
import { ip } from '../src/netns/namespace.js'
import { processState } from '../src/process/child.js'
import { run } from '../src/process/tool.js'
import { CLI, cli, isLinux } from './helpers.js'

const skip = isLinux ? false : 'reads /proc and signals stopped processes'
const unavailable = isLinux ? await namespacesUnavailable() : 'not Linux'
const skipNetns = unavailable === undefined ? false : `network namespaces unavailable: ${unavailable}`
const orphanLab = fileURLToPath(new URL('./fixtures/orphan-lab.ts', import.meta.url))

interface Started {
  child: ChildProcessWithoutNullStreams
  /** Every JSON line it printed so far. */
  lines: Array<Record<string, unknown>>
}

/** Start a node program and resolve once one of its stdout JSON lines satisfies `ready`. */
async function startUntil (args: string[], ready: (line: Record<string, unknown>) => boolean, env: NodeJS.ProcessEnv = {}): Promise<Started> {
  const child = spawn(process.execPath, args, { env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['pipe', 'pipe', 'pipe'] })
  const lines: Array<Record<string, unknown>> = []
  let buffered = ''
  let stderr = ''
  child.stderr.on('data', (d) => { stderr += d })
  await new Promise<void>((resolve, reject) => {
    function onExit (code: number | null): void { reject(new Error(`${args.join(' ')} exited (${code}) before it was ready: ${stderr}`)) }
    child.once('exit', onExit)
    child.stdout.on('data', function startedOnData (d) {
      buffered += d
      const parts = buffered.split('\n')
      buffered = parts.pop()!
      for (const part of parts) {
        try {
          lines.push(JSON.parse(part) as Record<string, unknown>)
        } catch {
          continue
        }
        if (ready(lines.at(-1)!)) {
          child.removeListener('exit', onExit)
          resolve()
        }
      }
    })
  })
  return { child, lines }
}

async function sigkill (child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return
  const exited = once(child, 'exit')
  child.kill('SIGKILL')
  await exited
}

/** True once the process is gone (or a zombie: exited, its sockets closed); false if it still runs after `withinMs`. */
/** Is the process down to its one (leader) thread? True when /proc no longer lists it at all. */
function onlyThread (pid: number): boolean {
  try {
    return readdirSync(`/proc/${pid}/task`).every((tid) => Number(tid) === pid)
  } catch {
    return true
  }
}

async function goneWithin (pid: number, withinMs = 5000): Promise<boolean> {
  const deadline = Date.now() + withinMs
  for (;;) {
    const state = await processState(pid)
    // A zombie leader is gone only once its other threads are too: until the last one exits, they share (and keep
    // open) the files of the process, its listening socket among them.
    if (state === undefined || (state.letter === 'Z' && onlyThread(pid))) return true
    if (Date.now() > deadline) return false
    // A bounded poll for the kernel to finish a kill, not a sleep that stands in for an event.
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

/** The error code of a real connect to 127.0.0.1:port, or 'connected'. */
async function connectTo (port: number): Promise<string> {
  const socket = connect(port, '127.0.0.1')
  try {
    await once(socket, 'connect')
    return 'connected'
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? 'error'
  } finally {
    socket.destroy()
  }
}

/**
 * Whether `pid`'s listener on 127.0.0.1:port is gone: 'gone' when a connect is refused, or when it connects but the
 * kernel lists the listener under other processes only (tests run in parallel, and a freed port may be handed out
 * again at once); otherwise what the connect said, or who still holds the port.
 */
async function portAfter (port: number, pid: number): Promise<string> {
  const said = await connectTo(port)
  if (said === 'ECONNREFUSED') return 'gone'
  if (said !== 'connected') return said
  const owners = (await listListeners({ port })).listeners.flatMap((l) => l.owners.map((o) => o.pid))
  return owners.length > 0 && !owners.includes(pid) ? 'gone' : `still held by ${owners.join(', ') || 'no visible process'}`
}

function killQuietly (pid: number): void {
  try {
    process.kill(pid, 'SIGKILL')
  } catch {}
}

t.test('demo hung killed with SIGKILL: its SIGSTOPped child dies with it, and its port refuses', { skip }, async (t) => {
  const isStopFact = (e: Record<string, unknown>): boolean => e.kind === 'fact' && e.key === 'process-stopped'
  const { child, lines } = await startUntil([CLI, 'demo', 'hung', '--json'], isStopFact)
  const events = lines as unknown as LabEvent[]
  const stopped = lines.find(isStopFact) as { value: { pid: number, state: string } }
  const pid = stopped.value.pid
  t.teardown(() => killQuietly(pid))
  const listening = events.find((e) => e.type === 'observe' && e.kind === 'listening' && e.pid === pid) as { port: number } | undefined
  t.ok(listening, 'the frozen child announced its listener')
  t.equal((await processState(pid))?.letter, 'T', `child ${pid} is stopped while the lab runs`)

  await sigkill(child)
  t.ok(await goneWithin(pid), `child ${pid} did not outlive the SIGKILLed lab`)
  t.equal(await portAfter(listening!.port, pid), 'gone', `the child's listener on 127.0.0.1:${listening!.port} is gone (refused, or the port was given to another program)`)
})

t.test('a frozen child the kernel did not catch is swept by the next demo; a live lab\'s is left alone', { skip }, async (t) => {
  const env = { NODE_OPTIONS: '--import=tsx' }
  const hasPid = (l: Record<string, unknown>): boolean => typeof l.pid === 'number'
  const [dead, live] = await Promise.all([startUntil([orphanLab], hasPid, env), startUntil([orphanLab], hasPid, env)])
  const deadChild = dead.lines.find(hasPid) as { pid: number, port: number }
  const liveChild = live.lines.find(hasPid) as { pid: number, port: number }
  t.teardown(async () => {
    await sigkill(live.child)
    killQuietly(liveChild.pid)
    killQuietly(deadChild.pid)
  })

  await sigkill(dead.child)
  // The bug this sweep is for: nothing resumes or kills a stopped orphan, so it holds its listener for good.
  t.equal((await processState(deadChild.pid))?.letter, 'T', `the dead lab's child ${deadChild.pid} is still there, stopped`)

  const ran = await cli(['demo', 'ephemeral', '--json'])
  t.equal(ran.code, 0, 'demo ephemeral ran as usual')
  t.ok(await goneWithin(deadChild.pid), `the dead lab's child ${deadChild.pid} was swept`)
  t.equal(await portAfter(deadChild.port, deadChild.pid), 'gone', `its listener on port ${deadChild.port} is gone (refused, or the port was given to another program)`)
  t.equal((await processState(liveChild.pid))?.letter, 'T', `the live lab's child ${liveChild.pid} is untouched (still stopped)`)
})

t.test('namespaces of a SIGKILLed namespace scenario are swept by the next demo ephemeral; a live lab\'s stay', { skip: skipNetns }, async (t) => {
  const isNamespaces = (e: Record<string, unknown>): boolean => e.kind === 'fact' && e.key === 'network-namespaces'
  const { child, lines } = await startUntil([CLI, 'demo', 'container-localhost', '--engine', 'netns', '--json'], isNamespaces)
  const fact = lines.find(isNamespaces) as { value: Record<string, { name: string }> }
  const names = Object.values(fact.value).map((v) => v.name)
  t.ok(names.length >= 2 && names.every((n) => n.startsWith(`llab-${child.pid!}-`)), `named after the lab: ${names.join(', ')}`)

  // A lab that is alive right now, with a namespace of its own.
  const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' })
  const liveName = `llab-${alive.pid!}-1-live`
  await run(await ip(), ['netns', 'add', liveName])
  t.teardown(async () => {
    alive.kill('SIGKILL')
    for (const n of [...names, liveName]) await run(await ip(), ['netns', 'del', n], { allowFail: true })
  })

  await sigkill(child)
  const left = await netnsList() ?? []
  t.same(names.filter((n) => left.includes(n)), names, 'after SIGKILL, its namespaces are still there')

  const ran = await cli(['demo', 'ephemeral', '--json'])
  t.equal(ran.code, 0, 'demo ephemeral ran as usual')
  const after = await netnsList() ?? []
  t.same(names.filter((n) => after.includes(n)), [], 'the dead lab\'s namespaces are gone')
  t.ok(after.includes(liveName), 'the live lab\'s namespace stays')
})
