/**
 * `demo --step`: before each step, say what comes next and wait for the presenter, who sets the pace. Only when a
 * person is there to press a key: stdin and stdout both terminals. Otherwise there is no gate and the run goes on.
 *
 * On a terminal the gate reads keys in raw mode, so nothing is echoed and the keys a presentation clicker sends work:
 * Enter, Space, →, ↓ and PgDn go on; ← and PgUp show the last step again (its recorded output, nothing re-runs; each
 * further press goes one step further back); q stops as Ctrl-C does. Keys pressed while a step runs are dropped, not
 * kept for the next prompt. The terminal's mode is restored on every way out (close, process exit).
 */
import { createInterface, type Interface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { LabOptions } from '../core/lab.js'
import { escapeControls } from '../render/escape.js'
import { displayWidth, fitLine } from '../render/wrap.js'

export type BeforeStep = NonNullable<LabOptions['beforeStep']>

export interface StepGate {
  beforeStep: BeforeStep
  /** Stop reading the input and give the terminal back its mode (it must not keep the process alive after the run). */
  close (): void
}

export interface StepGateOptions {
  /** ← and PgUp: show step `n` again from its recorded output; false when there is none. Default: the keys do nothing. */
  replay?: (n: number) => boolean
  /**
   * q and Ctrl-C (raw mode turns the terminal's own Ctrl-C off, so it arrives as a key). Default: SIGINT to this
   * process, so that the run stops, cleans up and exits 130 exactly as for a Ctrl-C in cooked mode.
   */
  stop?: () => void
  /**
   * Keys that arrive this soon after a prompt appears are dropped: a clicker's double press, or a second Enter meant
   * for a step that took no time, must not skip the next step unseen. Default: 200 ms.
   */
  settleMs?: number
}

/** What a key does at the prompt. */
type Action = 'next' | 'back' | 'stop' | 'end'

/** The bytes each key sends in raw mode (cursor keys in both normal and application mode, as xterm and tmux send them). */
const KEYS: Record<string, Action> = {
  '\r': 'next', '\n': 'next', ' ': 'next',
  '\u001b[C': 'next', '\u001bOC': 'next', '\u001b[B': 'next', '\u001bOB': 'next', '\u001b[6~': 'next',
  '\u001b[D': 'back', '\u001bOD': 'back', '\u001b[5~': 'back',
  q: 'stop', Q: 'stop', '\u0003': 'stop',
  // Ctrl-D: the end of input a cooked terminal would report.
  '\u0004': 'end',
}
/** One key of a chunk: an escape sequence whole, else one character. */
const KEY = /\u001b\[[0-9;]*[~A-Za-z]|\u001bO[A-Za-z]|[\s\S]/gu

const SETTLE_MS = 200

type TerminalIn = Readable & { isTTY?: boolean, setRawMode?: (raw: boolean) => unknown }
type TerminalOut = Writable & { isTTY?: boolean, columns?: number }

export function canStep (stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return stdin.isTTY === true && stdout.isTTY === true
}

/**
 * A gate that reads `input` and writes its prompt to `prompt` (stderr by default, so `--json` stays clean). A terminal
 * is read key by key (see above); anything else line by line, one line a step. At end of input (Ctrl-D) every later
 * step goes on without waiting.
 */
export function createStepGate (input: TerminalIn = process.stdin, prompt: TerminalOut = process.stderr, opts: StepGateOptions = {}): StepGate {
  return input.isTTY === true && typeof input.setRawMode === 'function' ? keyGate(input, prompt, opts) : lineGate(input, prompt)
}

function lineGate (input: Readable, prompt: TerminalOut): StepGate {
  let rl: Interface | undefined
  let ended = false
  return {
    beforeStep (n, title, signal) {
      if (ended || signal.aborted) return Promise.resolve()
      rl ??= createInterface({ input, terminal: false })
      const lines = rl
      prompt.write(`\n▶ next: ${n}. ${escapeControls(title)}  (press Enter; Ctrl-C stops) `)
      return new Promise<void>((resolve) => {
        function open (): void {
          lines.removeListener('line', open)
          lines.removeListener('close', onClose)
          signal.removeEventListener('abort', open)
          resolve()
        }
        function onClose (): void {
          ended = true
          open()
        }
        lines.on('line', open)
        lines.once('close', onClose)
        signal.addEventListener('abort', open, { once: true })
      })
    },
    close () {
      rl?.close()
    },
  }
}

function keyGate (input: TerminalIn, prompt: TerminalOut, opts: StepGateOptions): StepGate {
  const stop = opts.stop ?? (() => { process.kill(process.pid, 'SIGINT') })
  const settleMs = opts.settleMs ?? SETTLE_MS
  /** The prompt on screen: its step, its lines as written, when it appeared, how to let the step go. */
  let waiting: { n: number, title: string, lines: string[], shownAt: number, back: number, open: () => void } | undefined
  let ended = false
  let closed = false

  function restoreMode (): void {
    input.setRawMode!(false)
  }
  input.setRawMode!(true)
  // A second Ctrl-C or the cleanup grace ends the process with process.exit: the terminal still gets its mode back.
  process.once('exit', restoreMode)
  input.on('data', gateOnData)
  input.once('end', gateOnEnd)

  function draw (w: NonNullable<typeof waiting>): void {
    const keys = opts.replay !== undefined && w.n > 1 ? 'Enter, Space or →: go on · ←: the last step again · q: stop' : 'Enter, Space or →: go on · q: stop'
    // One column short of the width: a line that fills the last column would leave the cursor in limbo on some terminals.
    const columns = prompt.columns !== undefined && prompt.columns > 1 ? prompt.columns - 1 : undefined
    w.lines = fitLine(`▶ next: ${w.n}. ${escapeControls(w.title)}  (${keys})`, columns, 2)
    prompt.write(`\n${w.lines.join('\n')}`)
  }

  /** Wipe the prompt and the blank line above it, counting the rows its lines take at the width the terminal has now. */
  function erase (w: NonNullable<typeof waiting>): void {
    if (prompt.isTTY !== true) return
    const columns = prompt.columns !== undefined && prompt.columns > 0 ? prompt.columns : Infinity
    const rows = w.lines.reduce((sum, line) => sum + Math.max(1, Math.ceil(displayWidth(line) / columns)), 0)
    prompt.write(`\r\u001b[2K${'\u001b[1A\u001b[2K'.repeat(rows - 1)}\u001b[1A`)
  }

  function gateOnData (chunk: Buffer | string): void {
    for (const [key] of String(chunk).matchAll(KEY)) {
      const action = KEYS[key]
      if (action === 'stop') { stop(); continue }
      if (action === 'end') { gateOnEnd(); continue }
      // Not at a prompt (a step is running), or the prompt has only just appeared: the key is dropped.
      const w = waiting
      if (action === undefined || w === undefined || performance.now() - w.shownAt < settleMs) continue
      if (action === 'next') { w.open(); continue }
      const target = Math.max(1, w.n - 1 - w.back)
      if (opts.replay === undefined || w.n <= 1) continue
      erase(w)
      prompt.write(`\n↺ step ${target} again, as it was shown (nothing runs again)\n`)
      opts.replay(target)
      w.back = Math.min(w.back + 1, w.n - 2)
      draw(w)
    }
  }

  function gateOnEnd (): void {
    ended = true
    waiting?.open()
  }

  return {
    beforeStep (n, title, signal) {
      if (ended || closed || signal.aborted) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const w = { n, title, lines: [] as string[], shownAt: performance.now(), back: 0, open }
        function open (): void {
          if (waiting !== w) return
          signal.removeEventListener('abort', open)
          erase(w)
          waiting = undefined
          resolve()
        }
        waiting = w
        draw(w)
        signal.addEventListener('abort', open, { once: true })
      })
    },
    close () {
      if (closed) return
      closed = true
      waiting?.open()
      input.removeListener('data', gateOnData)
      input.removeListener('end', gateOnEnd)
      input.pause()
      restoreMode()
      process.removeListener('exit', restoreMode)
    },
  }
}
