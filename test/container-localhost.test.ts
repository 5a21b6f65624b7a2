/**
 * container-localhost on a real engine (podman, rootful): the lesson's `done` is ok, its engine fact says podman, the
 * real clients saw what the DNAT mode predicts, and afterwards the engine holds nothing of the run's but the base
 * image. A SIGKILL mid-run leaves containers that the next start's sweep removes; parallel runs do not collide.
 */
import t from 'tap'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import containerLocalhost from '../demos/container-localhost.js'
import type { LabEvent, ObserveEvent } from '../src/core/events.js'
import { block, findEngine, listOwned } from '../src/containers/index.js'
import { MARKER_DIR } from '../src/containers/owned.js'
import { ownerMark, sweepAtStart } from '../src/process/sweep.js'
import { run } from '../src/process/tool.js'
import { CLI, cli, collect, type Run } from './helpers.js'
import { base, engine, missing, ownedBy, skip } from './container-helpers.js'

const fact = (r: { observations: ObserveEvent[] }, key: string): Record<string, unknown> | undefined => {
  const o = r.observations.find((x) => x.kind === 'fact' && x.key === key)
  return o?.kind === 'fact' ? o.value as Record<string, unknown> : undefined
}

t.test('the engine is there when it is required', { skip: missing === undefined ? 'LAB_REQUIRE_ENGINE is not podman, or podman is there' : false }, async (t) => {
  t.fail(`LAB_REQUIRE_ENGINE=podman, but: ${missing}`)
})

t.test('real podman: the symptom in its words, both fixes, nothing of the run left', { skip }, async (t) => {
  const e = engine!
  const r: Run = await collect(containerLocalhost, { options: { engine: 'podman' } })
  t.equal(r.done.ok, true, r.done.error?.message ?? `missing ${r.done.missing.join(', ')}`)
  t.equal(r.done.skipped, undefined)
  t.match(fact(r, 'container-engine'), { engine: 'podman', rootless: false, mode: 'dnat' }, 'the engine fact: podman, rootful, DNAT')

  const net = fact(r, 'container-network') as { subnet: string, gateway: string }
  t.match(net.subnet, /^198\.18\.(6[4-9]|[7-9]\d|1[01]\d|12[0-7])\.\d+\/28$/, 'a /28 of 198.18.64.0/18')

  const published = r.attempts.filter((a) => a.target.host === '127.0.0.1')
  t.equal(published[0]?.code, 'ECONNREFUSED', 'Node on the host: the published port refuses (DNAT, the container\'s kernel resets)')
  t.equal(published[0]?.syscall, 'connect')
  t.equal(published[1]?.status, 200, 'after the fix (0.0.0.0 inside), the same port answers')
  t.match(fact(r, 'curl-published-port'), { exitCode: 7 }, 'curl on the host: (7) Failed to connect')
  const direct = r.attempts.find((a) => a.target.host.startsWith('198.18.'))
  t.equal(direct?.code, 'ECONNREFUSED', 'the container\'s own address refuses too')

  const inContainer = r.observations.filter((o) => o.kind === 'fact' && o.key === 'container-client').map((o) => o.kind === 'fact' ? o.value : undefined) as Array<{ url: string, curl: { exitCode: number }, node: { ok: boolean, code?: string, status?: number } }>
  t.equal(inContainer.length, 2)
  t.match(inContainer[0], { curl: { exitCode: 7 }, node: { ok: false, code: 'ECONNREFUSED' } }, 'in the container: host.containers.internal refused for a host service on 127.0.0.1 (curl and Node)')
  t.match(inContainer[0]!.url, /^http:\/\/host\.containers\.internal:\d+\/$/)
  t.match(inContainer[1], { curl: { exitCode: 0 }, node: { ok: true, status: 200 } }, 'bound to the bridge address, it answers')
  t.match(r.narration, net.gateway, 'the narration names the bridge address')
  t.match(r.narration, /rootful engine changes the host/, 'and says what a rootful engine changes')

  t.same(await ownedBy(e, process.pid), [], 'no container, network or image of the run is left (podman ps -a, network ls, images)')
  t.equal((await e.run(['image', 'exists', base], { allowFail: true })).exitCode, 0, 'the base image is kept')
  const rules = await run('iptables', ['-t', 'nat', '-S'], { allowFail: true })
  t.notMatch(rules.stdout, net.subnet, 'the network\'s firewall rules are gone with it')
  t.notOk(existsSync(join(MARKER_DIR, ownerMark().replace(':', '-'))), 'the marker file is removed')
})

t.test('--engine netns runs the namespace version even with podman here, and its engine fact says so', { skip }, async (t) => {
  const r = await collect(containerLocalhost, { options: { engine: 'netns' } })
  t.equal(r.done.ok, true, r.done.error?.message ?? "ok")
  t.same(fact(r, 'container-engine'), { engine: 'netns' }, 'asked for: no reason to give')
})

t.test('podman that cannot start containers: one line saying what failed, then the namespace version; nothing left', { skip }, async (t) => {
  const e = engine!
  // A real failure of the real runtime: runc cannot set a sysctl that does not exist (containers.conf of our own).
  const dir = mkdtempSync(join(tmpdir(), 'llab-broken-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  writeFileSync(join(dir, 'containers.conf'), '[containers]\ndefault_sysctls = ["net.ipv4.no_such_lab_setting=1"]\n')
  const pids: number[] = []
  const r = await cli(['demo', 'container-localhost', '--engine', 'podman', '--json'], { env: { CONTAINERS_CONF: join(dir, 'containers.conf') }, onSpawn: (p) => pids.push(p) })
  t.equal(r.code, 0, r.stderr)
  t.equal(r.stderr, '', 'no stack trace, nothing on stderr')
  const says = r.events.filter((x) => x.type === 'say').map((x) => x.type === 'say' ? x.text : '')
  t.match(says[0], /^Podman could not run the lesson's containers \(.*no_such_lab_setting.*\): the network-namespace version follows\.$/, 'what failed, in the engine\'s words, one line')
  t.notMatch(says[0], /\n/)
  const engineFact = r.events.find((x) => x.type === 'observe' && x.kind === 'fact' && x.key === 'container-engine')
  t.match(engineFact, { value: { engine: 'netns' } }, 'the engine fact says netns: a CI that wants podman sees the fallback')
  t.equal(r.events.filter((x) => x.type === 'observe' && x.kind === 'fact' && x.key === 'container-engine').length, 1, 'one engine fact')
  t.same(await ownedBy(e, pids[0]!), [], 'the container that failed to start and the network are removed')
})

t.test('Ctrl-C in the middle: the containers and the network are removed before done', { skip }, async (t) => {
  const e = engine!
  const controller = new AbortController()
  let during: Awaited<ReturnType<typeof ownedBy>> = []
  const r = await collect(containerLocalhost, { options: { engine: 'podman' }, signal: controller.signal, beforeStep: async (n) => {
    if (n === 3) {
      during = await ownedBy(e, process.pid)
      controller.abort('Ctrl-C')
    }
  } })
  t.equal(r.done.interrupted, 'Ctrl-C')
  t.ok(during.some((o) => o.kind === 'container') && during.some((o) => o.kind === 'network'), `a container and a network existed when it was stopped: ${during.map((o) => o.id).join(', ')}`)
  t.same(await ownedBy(e, process.pid), [], 'nothing of the run is left')
})

t.test('the CLI: --engine podman, and a bad --engine is one line with exit 2', { skip }, async (t) => {
  const bad = await cli(['demo', 'container-localhost', '--engine', 'kubernetes'])
  t.equal(bad.code, 2)
  t.equal(bad.stderr.trim().split('\n').length, 1, bad.stderr)
  t.match(bad.stderr, /docker/)
  const help = await cli(['demo', '--help'])
  for (const c of containerLocalhost.options!.engine!.choices) t.match(help.stdout, c, `help names ${c}`)
})

/** Start `demo container-localhost --engine podman --json` and resolve once the app's container exists. */
function startUntilContainer (): Promise<{ pid: number, kill: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'demo', 'container-localhost', '--engine', 'podman', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`exited ${code} before the container started`)))
    child.stdout.on('data', (d) => {
      out += d
      const started = out.split('\n').some((l) => l.includes('"type":"step"') && l.includes('"n":2'))
      if (started) {
        child.removeAllListeners('exit')
        // The lesson may have finished on its own by the time a teardown kills it: waiting for an 'exit' that already
        // came would leave a promise nothing resolves, and the test process would end with the test unfinished.
        const exited = (): boolean => child.exitCode !== null || child.signalCode !== null
        resolve({ pid: child.pid!, kill: async () => { if (exited()) return; const gone = new Promise((r) => child.once('exit', r)); child.kill('SIGKILL'); await gone } })
      }
    })
  })
}

t.test('SIGKILL mid-run: the containers and the network stay, and the next start\'s sweep removes them', { skip }, async (t) => {
  const e = engine!
  const { pid, kill } = await startUntilContainer()
  await kill()
  const left = await ownedBy(e, pid)
  t.ok(left.some((o) => o.kind === 'container'), `a container of the killed lab is there: ${left.map((o) => o.id).join(', ')}`)
  t.ok(left.some((o) => o.kind === 'network'), 'and its network')
  const report = await sweepAtStart()
  t.ok(report.containers.some((c) => c.startsWith('container llab-')), `the sweep removed them: ${report.containers.join(', ')}`)
  t.same(await ownedBy(e, pid), [], 'nothing of the killed lab is left')
  t.same((await listOwned(e)).filter((o) => o.owner === ''), [], 'and nothing without an owner was there to touch')
})

t.test('the sweep spares a live lab\'s containers and a user\'s own labelled ones', { skip }, async (t) => {
  const e = engine!
  const { pid, kill } = await startUntilContainer()
  t.teardown(async () => { await kill(); await sweepAtStart() })
  const user = `llab-test-user-${process.pid}`
  await e.run(['create', '--name', user, '--label', 'localhost-lab=run', '--label', 'localhost-lab.owner=compose', ...e.containerFlags, base, 'true'])
  t.teardown(() => e.run(['rm', '-f', user], { allowFail: true }))
  // A marker of a dead lab makes the sweep ask the engine.
  const { markEngineUse } = await import('../src/containers/owned.js')
  const unmark = markEngineUse('podman', '1:1')
  t.teardown(unmark)
  await sweepAtStart()
  t.ok((await ownedBy(e, pid)).some((o) => o.kind === 'container'), 'the live lab keeps its container')
  t.equal((await e.run(['container', 'exists', user], { allowFail: true })).exitCode, 0, 'owner "compose" is not a lab\'s mark: kept')
})

t.test('two runs at once: separate networks and subnets, both ok, nothing left', { skip }, async (t) => {
  const e = engine!
  const pids: number[] = []
  const runs = await Promise.all([0, 1].map(() => cli(['demo', 'container-localhost', '--engine', 'podman', '--json'], { onSpawn: (p) => pids.push(p) })))
  const subnets = new Set<unknown>()
  for (const r of runs) {
    t.equal(r.code, 0, r.stderr)
    const events = r.events as LabEvent[]
    const net = events.find((x) => x.type === 'observe' && x.kind === 'fact' && x.key === 'container-network')
    subnets.add(net?.type === 'observe' && net.kind === 'fact' ? (net.value as { subnet: string }).subnet : undefined)
  }
  t.equal(subnets.size, 2, `two subnets: ${[...subnets].join(', ')}`)
  for (const p of pids) t.same(await ownedBy(e, p), [], `nothing of run ${p} left`)
})

t.test('the /28 blocks of 198.18.64.0/18 do not overlap and stay inside it', async (t) => {
  const seen = new Set<string>()
  for (let i = 0; i < 1024; i++) seen.add(block(i).subnet)
  t.equal(seen.size, 1024)
  t.same(block(0), { subnet: '198.18.64.0/28', gateway: '198.18.64.1' })
  t.same(block(1023), { subnet: '198.18.127.240/28', gateway: '198.18.127.241' })
  t.same(block(1024), block(0), 'wraps around')
})

t.test('findEngine: a missing engine is a reason, never a throw', async (t) => {
  const found = await findEngine('docker')
  if ('why' in found) t.match(found.why, /docker/)
  else t.equal(found.engine.name, 'docker')
})
