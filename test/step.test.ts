import t from 'tap'
import { spawn, spawnSync } from 'node:child_process'
import ephemeral from '../demos/ephemeral.js'
import type { LabEvent } from '../src/core/events.js'
import { defineScenario } from '../src/core/lab.js'
import { runScenario } from '../src/core/run.js'
import { canStep, createStepGate } from '../src/cli/step-gate.js'
import { PassThrough } from 'node:stream'
import { CLI, cli, isLinux, liveNetHandles, ourSockets, summarize } from './helpers.js'

/** A beforeStep hook the test opens by hand; `next()` resolves when the Lab reaches the next gate. */
function handGate () {
  const reached: Array<{ n: number, title: string, open: () => void }> = []
  const waiters: Array<() => void> = []
  return {
    reached,
    hook (n: number, title: string): Promise<void> {
      return new Promise<void>((open) => {
        reached.push({ n, title, open })
        waiters.shift()?.()
      })
    },
    next (count: number): Promise<void> {
      if (reached.length >= count) return Promise.resolve()
      return new Promise<void>((resolve) => waiters.push(resolve)).then(() => this.next(count))
    },
  }
}

t.test('beforeStep: a step, its events and its next action all wait for the gate', async (t) => {
  const gate = handGate()
  const seen: LabEvent[] = []
  const story = defineScenario({
    id: 'gated', title: 't', symptom: 's', codes: ['ECONNREFUSED'],
    async run (lab) {
      lab.step('listen')
      lab.say('about to listen')
      const tcp = await lab.tcp()
      lab.step('close and knock')
      lab.say('about to close')
      await lab.close(tcp)
      await lab.connect(tcp.address, tcp.port)
      lab.step('only words')
      lab.explain('nothing is listening any more')
    },
  })
  const running = runScenario(story, (e) => { seen.push(structuredClone(e)) }, { beforeStep: (n, title) => gate.hook(n, title) })

  await gate.next(1)
  t.same(seen.map((e) => e.type), ['start'], 'before the first Enter, only the start is out')
  if (isLinux) t.same(await ourSockets('LISTEN'), [], 'and the listen has not happened')

  gate.reached[0]!.open()
  await gate.next(2)
  t.same(seen.map((e) => e.type), ['start', 'step', 'say', 'observe'], 'step 1 shown and done, step 2 not shown')
  if (isLinux) t.equal((await ourSockets('LISTEN')).length, 1, 'step 1 listened')
  t.notOk(seen.some((e) => e.type === 'observe' && e.kind === 'closed'), 'step 2 has not closed anything yet')

  gate.reached[1]!.open()
  await gate.next(3)
  const afterTwo = seen.map((e) => e.type)
  t.notOk(seen.some((e) => e.type === 'explain'), 'the last step, words only, still waits for its gate')
  t.ok(afterTwo.filter((x) => x === 'step').length === 2)

  let finished = false
  void running.then(() => { finished = true })
  await new Promise((resolve) => setImmediate(resolve))
  t.equal(finished, false, 'the run does not end while the last gate is closed')
  gate.reached[2]!.open()
  const done = await running
  t.equal(done.ok, true)
  t.same(gate.reached.map((g) => [g.n, g.title]), [[1, 'listen'], [2, 'close and knock'], [3, 'only words']])
  const run = summarize(seen)
  t.same(run.events.flatMap((e) => e.type === 'step' ? [e.n] : []), [1, 2, 3], 'every step came out, in order')
  t.equal(run.attempts[0]?.code, 'ECONNREFUSED')
  t.same(await liveNetHandles(), [])
})

t.test('an interrupt opens a closed gate at once and cleans up', async (t) => {
  const controller = new AbortController()
  const story = defineScenario({
    id: 'gated-abort', title: 't', symptom: 's', codes: [],
    async run (lab) {
      const tcp = await lab.tcp()
      lab.step('never shown to the end')
      await lab.connect(tcp.address, tcp.port)
    },
  })
  const seen: LabEvent[] = []
  const done = await runScenario(story, (e) => { seen.push(e) }, {
    signal: controller.signal,
    // A presenter who never presses Enter; Ctrl-C comes instead.
    beforeStep: () => { controller.abort('Ctrl-C'); return new Promise(() => {}) },
  })
  t.equal(done.interrupted, 'Ctrl-C')
  t.equal(seen.at(-1)?.type, 'done')
  t.notOk(seen.some((e) => e.type === 'observe' && e.kind === 'attempt'), 'the action after the gate never ran')
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [])
})

t.test('the step gate reads one line a step, and stops waiting at end of input', async (t) => {
  const input = new PassThrough()
  const prompt = new PassThrough()
  let shown = ''
  prompt.on('data', (d) => { shown += d })
  const gate = createStepGate(input, prompt)
  t.teardown(() => gate.close())
  const signal = new AbortController().signal
  const first = gate.beforeStep(1, 'one', signal)
  t.match(shown, /next: 1\. one/, 'it says what comes next')
  let opened = false
  void first.then(() => { opened = true })
  await new Promise((resolve) => setImmediate(resolve))
  t.equal(opened, false, 'no line, no step')
  input.write('\n')
  await first
  input.end()
  await gate.beforeStep(2, 'two', signal)
  await gate.beforeStep(3, 'three', signal)
  t.pass('after end of input, later steps go on without waiting')
  t.equal(canStep({ isTTY: true }, { isTTY: false }), false, 'a terminal on stdin alone is not enough')
  t.equal(canStep({ isTTY: true }, { isTTY: true }), true)
})

t.test('demo --step without a terminal runs straight through', async (t) => {
  const r = await cli(['demo', 'ephemeral', '--step', '--json'])
  t.equal(r.code, 0, r.stderr)
  const run = summarize(r.events)
  t.equal(run.done.ok, true)
  t.ok(run.events.filter((e) => e.type === 'step').length >= 5, 'every step ran without anyone pressing Enter')
  t.notMatch(r.stdout, /press Enter/, 'no prompt')
})

// `script` (util-linux) gives the CLI a real pseudo-terminal, so --step pauses as it would for a presenter.
const hasScript = isLinux && spawnSync('script', ['--version']).status === 0
t.test('demo --step on a terminal: nothing of a step happens before Enter', { skip: hasScript ? false : 'needs script(1) from util-linux' }, async (t) => {
  const command = `${process.execPath} ${CLI} demo ephemeral --step --json`
  const child = spawn('script', ['-qfec', command, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } })
  t.teardown(() => { if (child.exitCode === null) child.kill('SIGKILL') })
  let out = ''
  const prompts: number[] = []
  const stepsAtPrompt: number[] = []
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const events = (): LabEvent[] => out.split(/\r?\n/).flatMap((l) => {
    const start = l.indexOf('{"level"')
    if (start < 0) return []
    try { return [JSON.parse(l.slice(start)) as LabEvent] } catch { return [] }
  })
  child.stdout.on('data', (d) => {
    out += d
    // Each prompt is on stderr, in the same terminal as the events, so their order is the order they were written.
    const count = (out.match(/▶ next: \d+\./g) ?? []).length
    while (prompts.length < count) {
      prompts.push(prompts.length + 1)
      stepsAtPrompt.push(events().filter((e) => e.type === 'step').length)
      // Keys in the first moments of a prompt are dropped (a double press must not skip a step): answer after them.
      setTimeout(() => child.stdin.write('\n'), 300)
    }
  })
  // stdin stays open: the CLI must exit on its own once the run is over (the terminal does not hold it).
  const code = await exited
  t.equal(code, 0)
  const run = summarize(events())
  t.equal(run.done?.ok, true)
  const steps = run.events.filter((e) => e.type === 'step').length
  t.equal(prompts.length, steps, 'one pause per step')
  t.same(stepsAtPrompt, stepsAtPrompt.map((_, i) => i), 'at the k-th pause, exactly k-1 steps had been shown')
  // The listens of step 2 happened after its Enter: later than every event of step 1 by the time it took us to answer.
  const secondPrompt = out.indexOf('▶ next: 2.')
  const firstListen = out.indexOf('"kind":"listening"')
  t.ok(secondPrompt >= 0 && firstListen > secondPrompt, 'the first listen comes after the second pause')
  child.stdin.end()
})

/** A terminal's input as the gate sees it: a stream that is a TTY and takes setRawMode (the real one is tested in tmux). */
function terminalInput () {
  const input = new PassThrough() as PassThrough & { isTTY: boolean, setRawMode: (raw: boolean) => void, modes: boolean[] }
  input.isTTY = true
  input.modes = []
  input.setRawMode = (raw) => { input.modes.push(raw) }
  const prompt = new PassThrough() as PassThrough & { isTTY: boolean, columns: number }
  prompt.isTTY = true
  prompt.columns = 40
  const writes: string[] = []
  prompt.on('data', (d) => { writes.push(String(d)) })
  return { input, prompt, writes }
}

const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve))
async function settled (p: Promise<void>): Promise<boolean> {
  let done = false
  void p.then(() => { done = true })
  await tick()
  return done
}

t.test('the key gate: raw mode, the clicker keys, ← replays earlier steps, q stops, keys during a step are dropped', async (t) => {
  const { input, prompt, writes } = terminalInput()
  const replays: number[] = []
  let stops = 0
  const gate = createStepGate(input, prompt, { replay: (n) => { replays.push(n); return true }, stop: () => { stops++ }, settleMs: 0 })
  const signal = new AbortController().signal
  t.same(input.modes, [true], 'raw mode from the start: nothing a presenter presses is echoed')

  input.write(' ')
  await tick()
  const first = gate.beforeStep(1, 'one', signal)
  t.equal(await settled(first), false, 'a key pressed while no prompt was up does not open the next one')
  input.write('\u001b[D')
  t.equal(await settled(first), false, '← at the first prompt: nothing to show again, nothing opens')
  t.same(replays, [])
  input.write('\u001b[C')
  t.equal(await settled(first), true, '→ goes on')

  for (const [key, name] of [[' ', 'Space'], ['\r', 'Enter'], ['\u001b[B', '↓'], ['\u001b[6~', 'PgDn'], ['\u001bOC', '→ (application mode)']] as const) {
    const p = gate.beforeStep(2, 'two', signal)
    input.write('x')
    t.equal(await settled(p), false, `an unknown key does nothing (before ${name})`)
    input.write(key)
    t.equal(await settled(p), true, `${name} goes on`)
  }

  const fourth = gate.beforeStep(4, 'a title long enough that the prompt takes more than one row here', signal)
  const drawn = writes.at(-1)!
  const rows = drawn.split('\n').slice(1)
  t.ok(rows.length >= 3, `the prompt is fitted to 40 columns (${rows.length} rows)`)
  t.ok(rows.every((r) => r.length < 40), 'each row short of the last column')
  input.write('\u001b[D')
  input.write('\u001b[5~')
  input.write('\u001b[D')
  input.write('\u001b[D')
  await tick()
  t.same(replays, [3, 2, 1, 1], '← and PgUp go one step further back each time, down to step 1')
  t.equal(await settled(fourth), false, 'and the step still waits')
  const before = writes.length
  input.write('\r')
  t.equal(await settled(fourth), true)
  t.equal(writes.slice(before).join(''), `\r\u001b[2K${'\u001b[1A\u001b[2K'.repeat(rows.length - 1)}\u001b[1A`, 'the prompt is erased row by row, and the blank line above it')

  input.write('q')
  input.write('\u0003')
  await tick()
  t.equal(stops, 2, 'q and Ctrl-C stop the run, even while no prompt is up')

  gate.close()
  t.same(input.modes, [true, false], 'closing gives the terminal its mode back')
  t.equal(await settled(gate.beforeStep(5, 'five', signal)), true, 'after close, nothing waits')
})

t.test('the key gate drops keys in the first moments of a prompt (a double press must not skip a step)', async (t) => {
  const { input, prompt } = terminalInput()
  const gate = createStepGate(input, prompt, { settleMs: 150 })
  t.teardown(() => gate.close())
  const p = gate.beforeStep(1, 'one', new AbortController().signal)
  input.write(' ')
  t.equal(await settled(p), false, 'a key as the prompt appears is dropped')
  await new Promise((resolve) => setTimeout(resolve, 200))
  input.write(' ')
  t.equal(await settled(p), true, 'a key after that goes on')
})

t.test('stopped at a prompt, the unreached step opens nothing: not even a listen that cleanup would close again', async (t) => {
  const controller = new AbortController()
  const story = defineScenario({
    id: 'stopped-at-prompt', title: 't', symptom: 's', codes: [],
    async run (lab) {
      lab.step('listen')
      lab.say('never shown')
      await lab.tcp()
    },
  })
  const seen: LabEvent[] = []
  const done = await runScenario(story, (e) => { seen.push(e) }, {
    signal: controller.signal,
    beforeStep: () => { setTimeout(() => controller.abort('Ctrl-C'), 20); return new Promise(() => {}) },
  })
  await new Promise((resolve) => setTimeout(resolve, 50))
  t.equal(done.interrupted, 'Ctrl-C')
  t.same(seen.map((e) => e.type), ['start', 'done'], 'neither the step nor its narration came out after the stop')
  t.ok(done.pausedMs! >= 15, `the wait at the prompt is in pausedMs (${done.pausedMs} ms)`)
  t.ok(done.durationMs < done.pausedMs!, 'and not in durationMs')
  t.same(await liveNetHandles(), [])
  if (isLinux) t.same(await ourSockets(), [], 'no socket was ever left')
})
