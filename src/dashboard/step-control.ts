/**
 * The dashboard's presenter mode: a run that waits before each step, held by the page that started it.
 *
 * The run waits in the Lab's `beforeStep` (the same hook as `demo --step`), so nothing of a step, neither its events
 * nor its sockets, happens before the gate opens. Only the owner (the WebSocket whose client token started the run)
 * opens it: anyone on loopback can open a WebSocket to the dashboard, and a room's second tab must not skip the
 * presenter's steps. If the owner goes away, the run is given up after a grace, so that one closed laptop cannot hold
 * the one-run-at-a-time slot for ever; a page that reconnects within the grace (a dropped WebSocket, not a closed
 * tab) takes the run back with its token.
 */
import type { LabOptions } from '../core/lab.js'

/** `step`: wait for Next before every step. `slow`: wait a fixed time before every step (Next goes on at once). */
export type Pace = 'step' | 'slow'

export const PACES: readonly Pace[] = ['step', 'slow']

export interface StepControlOptions {
  pace: Pace
  /** The client token of the page that started the run. */
  owner: string
  /** `slow`: milliseconds before each step. */
  slowStepMs: number
  /** Milliseconds the run waits for an owner that went away before it is stopped. */
  graceMs: number
  /** The run now waits before step `n` (`autoMs`: it goes on by itself after that long, in `slow`). */
  onWaiting (n: number, title: string, autoMs: number | undefined): void
  /** The owner went away (`graceMs` left) or came back. */
  onOwner (present: boolean, graceMs: number): void
  /** The owner stayed away past the grace: stop the run. */
  onAbandoned (): void
}

export interface StepControl {
  readonly pace: Pace
  readonly owner: string
  readonly beforeStep: NonNullable<LabOptions['beforeStep']>
  /** The step the run waits before now, if any. */
  waitingFor (): number | undefined
  /** Open the gate before step `n`. False when it is not waiting there (a double press, a stale page). */
  next (n: number): boolean
  /** The owner's connection closed: start the grace. */
  ownerLeft (): void
  /** A connection presented the owner's token within the grace. */
  ownerBack (): void
  /** The run ended: no timer may outlive it. */
  close (): void
}

export function createStepControl (opts: StepControlOptions): StepControl {
  let waiting: { n: number, open: () => void } | undefined
  let grace: NodeJS.Timeout | undefined
  let closed = false

  function clearGrace (): void {
    clearTimeout(grace)
    grace = undefined
  }

  return {
    pace: opts.pace,
    owner: opts.owner,
    beforeStep (n, title, signal) {
      if (closed || signal.aborted) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const auto = opts.pace === 'slow' ? setTimeout(open, opts.slowStepMs) : undefined
        function open (): void {
          if (waiting !== w) return
          clearTimeout(auto)
          signal.removeEventListener('abort', open)
          waiting = undefined
          resolve()
        }
        const w = { n, open }
        waiting = w
        signal.addEventListener('abort', open, { once: true })
        opts.onWaiting(n, title, opts.pace === 'slow' ? opts.slowStepMs : undefined)
      })
    },
    waitingFor: () => waiting?.n,
    next (n) {
      if (waiting === undefined || waiting.n !== n) return false
      waiting.open()
      return true
    },
    ownerLeft () {
      if (closed || grace !== undefined) return
      grace = setTimeout(function ownerStayedAway () {
        grace = undefined
        if (!closed) opts.onAbandoned()
      }, opts.graceMs)
      opts.onOwner(false, opts.graceMs)
    },
    ownerBack () {
      if (closed || grace === undefined) return
      clearGrace()
      opts.onOwner(true, opts.graceMs)
    },
    close () {
      closed = true
      clearGrace()
      waiting?.open()
    },
  }
}
