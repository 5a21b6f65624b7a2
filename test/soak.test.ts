/**
 * The short soak inside `npm test`: a few `demo --all` runs in fresh processes, one after another and two at once,
 * each checked for leftovers from outside (/proc, `ip netns list`). `npm run soak` is the long one. And a proof that
 * the leftover check can fail: a program that leaves a process, a listener and a namespace behind is caught.
 */
import t from 'tap'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { soak, soakTable } from '../bench/soak.js'
import { runWatched } from '../bench/watched.js'
import { netnsList } from '../src/diagnose/leftovers.js'
import { CLI, isLinux } from './helpers.js'

// Five whole catalogues, each with real containers when podman is here (~1.5 s more a run) and an engine leftover check:
// on a loaded 2-core machine that passes the 120 s .taprc gives a file (the root's setTimeout tells tap's runner).
t.setTimeout(300_000)

t.test('short soak: 3 consecutive and 2 parallel catalogues, 0 failures, 0 leftovers', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const results = await soak({ cli: CLI, runs: 3, parallel: 2, parallelRuns: 1, interrupts: 0 })
  t.comment(`\n${soakTable(results)}`)
  t.same(results.map((r) => [r.phase, r.runs]), [['consecutive', 3], ['parallel', 2]])
  for (const r of results) {
    t.same(r.problems, [], `${r.phase}: no problems`)
    t.equal(r.failures, 0, `${r.phase}: 0 failures`)
    t.equal(r.leftovers, 0, `${r.phase}: 0 leftovers`)
  }
})

t.test('the leftover check catches an orphaned listener and a namespace', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const canNetns = process.getuid?.() === 0 && (await netnsList()) !== undefined
  const fixture = fileURLToPath(new URL('./fixtures/leave-behind.mjs', import.meta.url))
  const run = await runWatched(fixture, canNetns ? ['--netns'] : [])
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { orphan?: number, port?: number, netns?: string })
  const { orphan, port } = lines[0]!
  const netns = lines[1]?.netns
  t.teardown(() => {
    try { process.kill(orphan!, 'SIGKILL') } catch {}
    if (netns) execFileSync('ip', ['netns', 'del', netns])
  })
  t.equal(run.code, 0)
  t.ok(run.leftovers.processes.some((p) => p.startsWith(`${orphan} `)), `the orphan ${orphan} is reported`)
  t.ok(run.leftovers.listeners.some((l) => l.includes(`127.0.0.1:${port} (${orphan})`)), `its listener on ${port} is reported`)
  t.ok(run.leftovers.sockets >= 1)
  if (netns) t.same(run.leftovers.namespaces, [netns], `the namespace ${netns} is reported`)
  else t.comment('namespace check not exercised: needs root and iproute2')
  t.ok(run.leftovers.total >= 2)
})
