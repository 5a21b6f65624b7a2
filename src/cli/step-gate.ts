/**
 * `demo --step`: before each step, say what comes next and wait for Enter, so a presenter sets the pace. Only when a
 * person is there to press it: stdin and stdout both terminals. Otherwise there is no gate and the run goes on as usual.
 */
import { createInterface, type Interface } from 'node:readline'
import type { Readable, Writable } from 'node:stream'
import type { LabOptions } from '../core/lab.js'

export type BeforeStep = NonNullable<LabOptions['beforeStep']>

export interface StepGate {
  beforeStep: BeforeStep
  /** Stop reading the input (it must not keep the process alive after the run). */
  close (): void
}

export function canStep (stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return stdin.isTTY === true && stdout.isTTY === true
}

/**
 * A gate that reads lines from `input` and writes its prompt to `prompt` (stderr by default, so `--json` stays clean).
 * Each step waits for one line; at end of input (Ctrl-D) every later step goes on without waiting.
 */
export function createStepGate (input: Readable = process.stdin, prompt: Writable & { isTTY?: boolean } = process.stderr): StepGate {
  let rl: Interface | undefined
  let ended = false
  return {
    beforeStep (n, title, signal) {
      if (ended || signal.aborted) return Promise.resolve()
      // terminal: false leaves the terminal in cooked mode, so Ctrl-C stays a real SIGINT for `interruptible`.
      rl ??= createInterface({ input, terminal: false })
      const lines = rl
      prompt.write(`\n▶ next: ${n}. ${title}  (press Enter; Ctrl-C stops) `)
      return new Promise<void>((resolve) => {
        function open (): void {
          lines.removeListener('line', open)
          lines.removeListener('close', onClose)
          signal.removeEventListener('abort', open)
          // Wipe the prompt: up one line (the Enter moved the cursor down), clear it. Keeps the projector tidy.
          if (prompt.isTTY === true) prompt.write('\u001b[1A\r\u001b[2K\u001b[1A')
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
