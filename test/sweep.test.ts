/**
 * The start-up sweep (src/process/sweep.ts) on its own: whose processes it kills (marker present, owning lab dead or
 * its pid recycled) and whose it never touches (a live lab's, a process without our marker); what it costs; and that
 * without `ip` (not installed: ENOENT) it leaves namespaces alone without a word. Real processes, real /proc.
 */
import t from 'tap'
import { spawn, type ChildProcess } from 'node:child_process'
import { once } from 'node:events'
import { readFileSync } from 'node:fs'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseStat } from '../src/process/proc.js'
import { processState } from '../src/process/child.js'
import { OWNER_MARKER, ownerAlive, ownerMark, sweepAtStart, sweepOrphans } from '../src/process/sweep.js'
import { which } from '../src/process/tool.js'
import { CLI, isLinux } from './helpers.js'

const skip = isLinux ? false : 'reads /proc'

/** A pid that ran a moment ago and has exited. */
async function deadPid (): Promise<number> {
  const gone = spawn(process.execPath, ['-e', '0'], { stdio: 'ignore' })
  await once(gone, 'exit')
  return gone.pid!
}

function idle (env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore', env })
}

t.test('ownerMark is this process: its pid and its start time from /proc/self/stat', { skip }, async (t) => {
  const starttime = parseStat(readFileSync('/proc/self/stat', 'utf8'))!.starttime
  t.equal(ownerMark(), `${process.pid}:${starttime}`)
  t.ok(ownerAlive(ownerMark()), 'this lab is alive')
  t.notOk(ownerAlive(`${process.pid}:${Number(starttime) + 1}`), 'the same pid with another start time is another process: the owner is dead')
  t.notOk(ownerAlive(`${await deadPid()}:1`), 'a pid that exited is dead')
  t.ok(ownerAlive(`${process.pid}:`), 'a pid without a start time (not Linux) counts by the pid alone')
  t.ok(ownerAlive('not-a-mark'), 'a value we cannot read is never taken for dead')
})

t.test('the sweep kills what a dead (or recycled) owner left, never a live owner\'s, never an unmarked process', { skip }, async (t) => {
  const starttime = parseStat(readFileSync('/proc/self/stat', 'utf8'))!.starttime
  const base = { ...process.env, NODE_OPTIONS: undefined }
  const orphan = idle({ ...base, [OWNER_MARKER]: `${await deadPid()}:1` })
  const recycled = idle({ ...base, [OWNER_MARKER]: `${process.pid}:${starttime + 1}` })
  const owned = idle({ ...base, [OWNER_MARKER]: ownerMark() })
  const unmarked = idle({ ...base, [OWNER_MARKER]: undefined })
  const all = [orphan, recycled, owned, unmarked]
  t.teardown(() => { for (const c of all) c.kill('SIGKILL') })
  await Promise.all(all.map((c) => once(c, 'spawn')))
  // Stopped, as the frozen child of `demo hung` is: SIGKILL must still end it.
  orphan.kill('SIGSTOP')

  const t0 = performance.now()
  const killed = sweepOrphans()
  const elapsedMs = performance.now() - t0
  t.ok(killed.includes(orphan.pid!), 'the stopped orphan of a dead lab')
  t.ok(killed.includes(recycled.pid!), 'the child of a lab whose pid now names another process')
  t.notOk(killed.includes(owned.pid!), 'not the child of a live lab')
  t.notOk(killed.includes(unmarked.pid!), 'not a process without our marker')
  const [orphanExit] = await once(orphan, 'exit') as [number | null, NodeJS.Signals | null]
  t.equal(orphanExit, null, 'the orphan was killed, not exited')
  t.ok(['S', 'R'].includes((await processState(owned.pid!))?.letter ?? ''), 'the live lab\'s child still runs')
  const processes = readFileSync('/proc/loadavg', 'utf8').split(' ')[3]
  t.ok(elapsedMs < 1000, `one sweep of /proc took ${elapsedMs.toFixed(1)} ms (running/total tasks: ${processes})`)
  t.equal((await sweepAtStart()).killed.includes(owned.pid!), false, 'sweepAtStart spares it too')
})

const canHide = isLinux && process.getuid?.() === 0 && await which('unshare') !== undefined && await which('mount') !== undefined

t.test('without `ip`, demo starts as usual and leaves llab-* namespaces alone: no error, no line', {
  skip: !canHide && 'needs root, unshare and mount (a mount namespace of the test\'s own)',
}, async (t) => {
  // Everything happens in a mount namespace of the test's own, so no other lab (tests run in parallel) sees or sweeps
  // this leftover: /run/netns is a fresh tmpfs holding one `llab-<dead pid>-*` entry, and /usr/sbin and /usr/bin are
  // empty tmpfs, as on a machine without iproute2 (`ip` not found: ENOENT). Node runs from a bind mount made first;
  // what is left in /run/netns afterwards is written to a file (only shell builtins remain by then).
  const name = `llab-${await deadPid()}-1-noip`
  const dir = await mkdtemp(join(tmpdir(), 'llab-noip-'))
  t.teardown(() => rm(dir, { recursive: true, force: true }))
  const node = join(dir, 'node')
  await writeFile(node, '')
  const hide = [
    `mount --bind "${process.execPath}" "${node}"`,
    'mkdir -p /run/netns', 'mount -t tmpfs none /run/netns', `: > /run/netns/${name}`,
    'mount -t tmpfs none /usr/sbin', 'mount -t tmpfs none /usr/bin',
  ].join(' && ') + ` && "${node}" "$@"; code=$?; echo /run/netns/* > "${dir}/left"; exit $code`
  const ran = spawn(await which('unshare') as string, ['-m', '--propagation', 'private', 'sh', '-c', hide, 'sh', CLI, 'demo', 'ephemeral', '--json'], {
    env: { ...process.env, NODE_OPTIONS: undefined },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let stderr = ''
  ran.stderr.on('data', (d) => { stderr += d })
  ran.stdout.resume()
  const [code] = await once(ran, 'exit') as [number | null]
  t.equal(code, 0, 'demo ephemeral exits 0')
  t.equal(stderr, '', 'and says nothing about ip')
  t.equal((await readFile(join(dir, 'left'), 'utf8')).trim(), `/run/netns/${name}`, 'the leftover is still there: without ip, the sweep does not try')
})
