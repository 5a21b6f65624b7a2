/**
 * Ctrl-C and SIGTERM at random moments of random scenarios (the catalogue is read at test time): the CLI exits within
 * 1 s of the signal with 130 / 143 and leaves nothing behind (kernel's view: /proc, `ip netns list`). A second Ctrl-C
 * exits at once, even while cleanup hangs. `npm run soak` runs 50+ of these trials; here, a few.
 */
import t from 'tap'
import { fileURLToPath } from 'node:url'
import { interruptProblems, runWatched, typicalWallTimes, type WatchedRun } from '../bench/watched.js'
import { CLEANUP_GRACE_MS } from '../src/cli/signals.js'
import { CLI, cli, isLinux } from './helpers.js'

const fixture = fileURLToPath(new URL('./fixtures/slow-cleanup.ts', import.meta.url))

t.test('random scenario, random moment, SIGINT or SIGTERM: exit 130/143 within 1 s, nothing left', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const list = JSON.parse((await cli(['list', '--json'])).stdout) as Array<{ id: string }>
  t.ok(list.length > 0, 'the catalogue is not empty')
  // How long each scenario typically runs: one uninterrupted pass over the whole catalogue.
  const typical = typicalWallTimes([await runWatched(CLI, ['demo', '--all', '--json'])])
  const trials = 6
  let interrupted = 0
  for (let i = 0; i < trials; i++) {
    const id = list[Math.floor(Math.random() * list.length)]!.id
    const signal = i % 2 === 0 ? 'SIGINT' : 'SIGTERM'
    // The first trial waits for the scenario to start, so at least one trial surely interrupts a running story.
    const at = i === 0 ? { atMs: 5, afterStdout: '"type":"start"' } : { atMs: Math.random() * typical(id) }
    const run = await runWatched(CLI, ['demo', id, '--json'], { signals: [{ ...at, signal }], timeoutMs: 20_000 })
    const label = `${id}, ${signal} ${at.afterStdout ? 'just after start' : `at ${at.atMs.toFixed(0)} ms of ~${typical(id).toFixed(0)}`}`
    t.same(interruptProblems(run), [], `${label}: exit ${run.code ?? run.signal} ${run.signalToExitMs?.toFixed(0) ?? '-'} ms after the signal`)
    if (run.events.some((e) => e.type === 'done' && e.interrupted !== undefined)) interrupted++
  }
  t.ok(interrupted >= 1, `at least one trial interrupted a running scenario (${interrupted} of ${trials})`)
})

t.test('an interrupted run says so in its done event, with the exit code the shell expects', { skip: !isLinux && 'reads /proc' }, async (t) => {
  const run = await runWatched(CLI, ['demo', 'ephemeral', '--json'], { signals: [{ atMs: 1, afterStdout: '"type":"start"', signal: 'SIGTERM' }] })
  t.equal(run.code, 143)
  const done = run.events.find((e) => e.type === 'done')
  t.match(done, { type: 'done', ok: false, interrupted: 'SIGTERM' })
  t.same(run.leftovers.processes, [])
  t.same(run.leftovers.listeners, [])
})

async function fixtureRun (signals: Array<{ atMs: number, signal: NodeJS.Signals }>, file = fixture, args: string[] = []): Promise<WatchedRun> {
  const run = await runWatched(file, args, {
    env: { NODE_OPTIONS: '--import=tsx' },
    signals: signals.map((s) => ({ ...s, afterStdout: 'ready' })),
    timeoutMs: 20_000,
  })
  return run
}

t.test('cleanup that hangs: the process still exits within 1 s of Ctrl-C', async (t) => {
  const run = await fixtureRun([{ atMs: 0, signal: 'SIGINT' }])
  t.equal(run.code, 130)
  t.ok(run.signalToExitMs! >= CLEANUP_GRACE_MS * 0.9, `it gave cleanup its grace period (${run.signalToExitMs!.toFixed(0)} ms)`)
  t.ok(run.signalToExitMs! < 1000, `and exited within 1 s of the signal (${run.signalToExitMs!.toFixed(0)} ms)`)
  t.match(run.stderr, /^localhost-lab: cleanup still running after \d+ ms.*; exiting anyway\n$/)
})

t.test('a second Ctrl-C exits at once', async (t) => {
  const run = await fixtureRun([{ atMs: 0, signal: 'SIGINT' }, { atMs: 150, signal: 'SIGINT' }])
  t.same(run.sent, ['SIGINT', 'SIGINT'], 'both signals were sent: the first did not end it')
  t.equal(run.code, 130)
  t.match(run.stdout, /cleaning up, slowly/, 'the first signal started the cleanup')
  t.ok(run.signalToExitMs! < CLEANUP_GRACE_MS, `the second signal ended it before the grace period ran out (${run.signalToExitMs!.toFixed(0)} ms after the first)`)
  t.equal(run.stderr, '', 'no "exiting anyway" line: it was the second signal, not the grace period')
})

t.test('before a command takes over, a signal exits 143 even if a preloaded module listens too', async (t) => {
  const early = fileURLToPath(new URL('./fixtures/early-signal.ts', import.meta.url))
  const watched = await fixtureRun([{ atMs: 0, signal: 'SIGTERM' }], early, ['watched'])
  t.equal(watched.code, 143, 'a listener that was there first does not swallow the signal')
  t.ok(watched.signalToExitMs! < 1000)
  const handled = await fixtureRun([{ atMs: 0, signal: 'SIGTERM' }], early, ['handled'])
  t.equal(handled.code, 7, 'a listener the command adds later takes over')
})
