/**
 * What a namespace scenario leaves behind when the lab is interrupted or killed: Ctrl-C cleans up at once; SIGKILL
 * cannot, so the agents exit by themselves and the next run sweeps the namespaces of the dead pid, and only those.
 */
import t from 'tap'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { once } from 'node:events'
import { namespacesUnavailable } from '../src/netns/detect.js'
import { ip, labNamespaces, ownerPid, sweepLeftovers } from '../src/netns/namespace.js'
import { run } from '../src/process/tool.js'
import { CLI, isLinux } from './helpers.js'

const unavailable = isLinux ? await namespacesUnavailable() : 'not Linux'
const skip = unavailable === undefined ? false : `network namespaces unavailable: ${unavailable}`

/** Start `demo container-localhost --json` and resolve once the app listens inside the container namespace. */
async function startDemo (): Promise<ChildProcessWithoutNullStreams> {
  const child = spawn(process.execPath, [CLI, 'demo', 'container-localhost', '--engine', 'netns', '--json'], { stdio: ['pipe', 'pipe', 'pipe'] })
  let out = ''
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', function onData (d) {
      out += d
      if (/"kind":"listening"/.test(out)) {
        child.stdout.removeListener('data', onData)
        resolve()
      }
    })
    child.once('exit', (code) => reject(new Error(`the demo exited (${code}) before listening: ${out}`)))
  })
  return child
}

function isAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

const namespacesOf = async (pid: number): Promise<string[]> => (await labNamespaces()).filter((n) => ownerPid(n) === pid)

/** Processes still inside a namespace (`ip netns pids`). */
async function pidsIn (name: string): Promise<string[]> {
  const r = await run(await ip(), ['netns', 'pids', name], { allowFail: true })
  return r.stdout.split('\n').filter(Boolean)
}

t.test('Ctrl-C in the middle: exit 130, every namespace and agent gone before the CLI exits', { skip }, async (t) => {
  const child = await startDemo()
  const pid = child.pid!
  const during = await namespacesOf(pid)
  t.equal(during.length, 2, 'host and container exist while it runs')
  const agents = (await Promise.all(during.map(pidsIn))).flat().map(Number)
  t.ok(agents.length >= 2, 'agents run inside them')
  child.kill('SIGINT')
  const [code] = await once(child, 'exit') as [number | null]
  t.equal(code, 130)
  t.same(await namespacesOf(pid), [], 'no namespace of that run is left')
  t.same(agents.filter(isAlive), [], 'no agent of that run is left')
})

t.test('SIGKILL in the middle: the agents leave on their own, the next sweep removes the namespaces', { skip }, async (t) => {
  const child = await startDemo()
  const pid = child.pid!
  const left = await namespacesOf(pid)
  t.equal(left.length, 2)
  const agents = (await Promise.all(left.map(pidsIn))).flat().map(Number)
  t.ok(agents.length >= 2, 'agents run inside the namespaces')
  t.teardown(async () => { for (const n of await namespacesOf(pid)) await run(await ip(), ['netns', 'del', n], { allowFail: true }) })
  child.kill('SIGKILL')
  await once(child, 'exit')
  // A killed lab cannot clean up: its namespaces stay until a sweep. Any lab running now may be the one that sweeps
  // them (that is the design), so what is asserted below is the end state, not who removed them.
  // The agents notice that their IPC channel closed and exit; wait for that (bounded), never a fixed sleep.
  const deadline = Date.now() + 5000
  let running: number[] = []
  do {
    running = agents.filter(isAlive)
  } while (running.length > 0 && Date.now() < deadline && await new Promise((resolve) => setTimeout(resolve, 20, true)))
  t.same(running, [], 'every agent of the dead run has exited')

  // A namespace of a lab that is still running must survive the sweep.
  const alive = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' })
  t.teardown(() => { alive.kill('SIGKILL') })
  const livePid = alive.pid!
  const liveName = `llab-${livePid}-1-live`
  await run(await ip(), ['netns', 'add', liveName])
  t.teardown(async () => { await run(await ip(), ['netns', 'del', liveName], { allowFail: true }) })

  const removed = await sweepLeftovers()
  t.same(await namespacesOf(pid), [], 'after a sweep, none of the dead run\'s namespaces remain')
  t.notOk(removed.includes(liveName), 'the sweep left the live one alone')
  t.same(await namespacesOf(livePid), [liveName])
})
