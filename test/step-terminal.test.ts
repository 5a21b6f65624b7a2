/**
 * `demo refused --step` in a real pseudo-terminal: tmux from Debian (apt-get install tmux), 80 columns, a server on a
 * socket of this test's own, killed in teardown. The keys go in as a presenter's clicker sends them (send-keys), the
 * screen is read with capture-pane, and everything the program wrote to the terminal with pipe-pane.
 */
import t, { type Test } from 'tap'
import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { DoneEvent, LabEvent } from '../src/core/events.js'
import { displayWidth } from '../src/render/wrap.js'
import { CLI, isLinux } from './helpers.js'

const hasTmux = isLinux && spawnSync('tmux', ['-V']).status === 0
const COLUMNS = 80
const HOLD_MS = 4000

function sleep (ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms))
}

/** A tmux server of this test's own, one session running `command` in an 80-column window. */
function terminal (t: Test, name: string, command: string) {
  const socket = `lab-step-${process.pid}-${name}`
  const dir = mkdtempSync(join(tmpdir(), 'lab-step-'))
  const raw = join(dir, 'raw')
  const code = join(dir, 'code')
  // stderr piped: a failed tmux call throws with tmux's words in the error instead of printing them into the test log.
  const tmux = (...args: string[]): string => execFileSync('tmux', ['-L', socket, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
  t.teardown(() => {
    spawnSync('tmux', ['-L', socket, 'kill-server'])
    // tmux leaves its socket file behind when the server is killed.
    rmSync(join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid!()}`, socket), { force: true })
    rmSync(dir, { recursive: true, force: true })
  })
  // The shell stays after the run so the screen can still be read; it writes the exit code where the test finds it.
  const script = `${command}; echo $? > ${code}; exec sleep 600`
  tmux('-f', '/dev/null', 'new-session', '-d', '-x', String(COLUMNS), '-y', '40', '-s', 'lab', 'sh', '-c', `sleep 0.3; ${script}`)
  tmux('set-option', '-g', 'history-limit', '10000')
  tmux('pipe-pane', '-t', 'lab', '-o', `cat >> ${raw}`)
  return {
    keys (...keys: string[]): void { tmux('send-keys', '-t', 'lab', ...keys) },
    /** The screen and its history, each line as the terminal shows it (lines the terminal wrapped joined again). */
    screen (): string[] { return tmux('capture-pane', '-t', 'lab', '-p', '-J', '-S', '-', '-E', '-').split('\n').map((l) => l.trimEnd()) },
    raw (): string { return existsSync(raw) ? readFileSync(raw, 'utf8') : '' },
    exitCode (): number | undefined { return existsSync(code) && readFileSync(code, 'utf8').trim() !== '' ? Number(readFileSync(code, 'utf8')) : undefined },
    async until<T> (what: string, test: () => T | undefined | false, timeoutMs = 20_000): Promise<T> {
      const deadline = performance.now() + timeoutMs
      for (;;) {
        const got = test()
        if (got !== undefined && got !== false) return got
        if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${this.screen().join('\n')}`)
        await sleep(50)
      }
    },
  }
}

type Terminal = ReturnType<typeof terminal>

/** Wait until the prompt for step `n` is on the screen, then past the moments in which keys are dropped. */
async function atPrompt (term: Terminal, n: number): Promise<void> {
  await term.until(`the prompt for step ${n}`, () => term.screen().some((l) => l.includes(`▶ next: ${n}.`)))
  await sleep(350)
}

/** The JSON events of a --json run, from what reached the terminal (the prompts share it, on stderr). */
function eventsIn (raw: string): LabEvent[] {
  return raw.split(/\r?\n/).flatMap((l) => {
    const start = l.indexOf('{"level"')
    if (start < 0) return []
    try { return [JSON.parse(l.slice(start)) as LabEvent] } catch { return [] }
  })
}

t.test('demo refused --step at 80 columns: the keys a clicker sends, no echo, nothing wider than the terminal', { skip: hasTmux ? false : 'needs tmux (apt-get install tmux)' }, async (t) => {
  // Colors on (tap's own environment may turn them off): the widths must be the ones the terminal shows, escape sequences taking none.
  const term = terminal(t, 'console', `env -u NO_COLOR FORCE_COLOR=1 ${process.execPath} ${CLI} demo refused --step`)
  await atPrompt(term, 1)
  t.notOk(term.screen().some((l) => /^1\. /.test(l)), 'before the first key, step 1 has not been shown')
  term.keys('Space')
  await atPrompt(term, 2)
  t.ok(term.screen().some((l) => /^1\. Borrow a port/.test(l)), 'Space: step 1 ran')
  term.keys('Right')
  await atPrompt(term, 3)
  t.ok(term.screen().some((l) => /^2\. /.test(l)), '→: step 2 ran')

  // ← shows step 2 again from what was recorded: the same lines, and no new attempt (its ports would differ).
  const refusals = (): string[] => term.screen().filter((l) => l.startsWith('   ✘'))
  const before = refusals()
  term.keys('Left')
  await term.until('the replay', () => term.screen().some((l) => l.startsWith('↺ step 2 again')))
  await atPrompt(term, 3)
  t.ok(before.length >= 3, 'step 2 showed the refusals')
  t.same(refusals(), [...before, ...before], '←: step 2 shown again, line for line, with the same ports')

  // Two quick presses: the first goes on, the second lands while the step runs (or as the prompt appears) and is dropped.
  term.keys('Space', 'Space')
  await atPrompt(term, 4)
  await sleep(600)
  t.notOk(term.screen().some((l) => /^4\. /.test(l)), 'a double press advanced one step, not two')
  t.ok(term.screen().some((l) => l.includes('▶ next: 4.')), 'and the prompt for step 4 still waits')

  for (let n = 4; term.exitCode() === undefined && n < 20; n++) {
    term.keys(n % 3 === 0 ? 'PageDown' : n % 3 === 1 ? 'Down' : 'Enter')
    await Promise.race([atPrompt(term, n + 1), term.until('the end', () => term.exitCode() !== undefined)])
  }
  const code = await term.until('the exit code', () => term.exitCode())
  t.equal(code, 0, 'reproduced, exit 0')

  const screen = term.screen()
  t.ok(screen.some((l) => l.startsWith('✔ reproduced')), 'the run ended with its verdict')
  const wide = screen.filter((l) => displayWidth(l) > COLUMNS)
  t.same(wide, [], `no line wider than ${COLUMNS} columns (${screen.length} lines)`)
  t.ok(screen.filter((l) => l.length > 0).every((l) => displayWidth(l) <= COLUMNS), 'every line fits')
  t.ok(screen.some((l) => displayWidth(l) > 60), 'and the lines do use the width (the check can fail)')
  t.notOk(screen.some((l) => l.includes('▶ next:')), 'every prompt was erased, however it wrapped')
  const raw = term.raw()
  t.notMatch(raw, /\^\[/, 'no key was echoed (a cooked terminal shows → as ^[[C)')
  t.ok(raw.includes('\u001b[3'), 'the run was in color')
})

t.test('demo refused --step --json: a 4 s pause is not in the reported times, and q stops as Ctrl-C (130)', { skip: hasTmux ? false : 'needs tmux (apt-get install tmux)' }, async (t) => {
  const term = terminal(t, 'json', `NO_COLOR=1 ${process.execPath} ${CLI} demo refused --step --json`)
  await atPrompt(term, 1)
  const held = performance.now()
  await sleep(HOLD_MS)
  const heldMs = performance.now() - held
  term.keys('Enter')
  await atPrompt(term, 2)
  term.keys('Right')
  await atPrompt(term, 3)
  term.keys('q')
  const code = await term.until('the exit code', () => term.exitCode())
  t.equal(code, 130, 'q exits as Ctrl-C does')

  const events = eventsIn(term.raw())
  const done = events.find((e): e is DoneEvent => e.type === 'done')
  t.ok(done, 'the run ended with a done event')
  if (done === undefined) return
  t.equal(done.interrupted, 'Ctrl-C')
  t.same(events.filter((e) => e.type === 'step').map((e) => e.type === 'step' && e.n), [1, 2], 'step 3 was never shown')
  t.ok(done.pausedMs! >= HOLD_MS, `done.pausedMs ${done.pausedMs} ms holds the ${heldMs.toFixed(0)} ms held at the first prompt`)
  t.ok(done.durationMs < HOLD_MS / 2, `done.durationMs ${done.durationMs} ms leaves it out`)
  t.ok(done.t >= done.pausedMs!, 'done.t is wall time: pauses included')
  t.ok(Math.abs(done.t - done.pausedMs! - done.durationMs) < 50, 't = durationMs + pausedMs')
  const attempts = events.filter((e) => e.type === 'observe' && e.kind === 'attempt')
  t.ok(attempts.length > 0)
  for (const a of attempts) {
    t.ok(a.pausedMs! >= HOLD_MS, 'an attempt after the pause carries it')
    t.ok(a.t - a.pausedMs! <= done.durationMs, 'and is on the story clock once it is taken out')
  }
  t.notMatch(term.raw(), /\^\[/, 'nothing echoed')
})
