/**
 * Ctrl-C and SIGTERM: the first one aborts the run, which closes everything it opened, then the process exits
 * with 130 (SIGINT) or 143 (SIGTERM). A second signal exits at once. The reader of our output going away (EPIPE,
 * noticed by output.ts) counts as a first signal: 141.
 */
import { stderr, watchOutput } from './output.js'

const exitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143, SIGPIPE: 141 }

/** After the first signal, cleanup gets this long; then the process exits anyway (the promise is: gone within 1 s). */
export const CLEANUP_GRACE_MS = 700

/**
 * From the bin's first line: a signal that arrives before any command handles signals (while modules load, or in a
 * command that opened nothing) exits at once with 130 / 143 instead of dying by the signal with no exit code.
 * Once a command adds its own listener (interruptible() does), this one stands aside. Listeners that were there
 * before ours (a preloaded module's, e.g. signal-exit through NODE_OPTIONS) do not count: they only watch.
 */
export function exitOnSignalUntilHandled (): void {
  const before: Record<string, number> = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') }
  function onEarlySignal (sig: NodeJS.Signals): void {
    if (process.listenerCount(sig) > (before[sig] ?? 0) + 1) return
    process.exit(exitCodes[sig] ?? 130)
  }
  process.on('SIGINT', onEarlySignal)
  process.on('SIGTERM', onEarlySignal)
}

export async function interruptible (work: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController()
  let received: NodeJS.Signals | undefined
  function onSignal (sig: NodeJS.Signals): void {
    if (received !== undefined) process.exit(exitCodes[received] ?? 130)
    received = sig
    // A cleanup that hangs (a disposer awaiting something that never comes) must not hold the user hostage.
    setTimeout(() => {
      const busy = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout' && r !== 'TTYWrap')
      stderr.write(`localhost-lab: cleanup still running after ${CLEANUP_GRACE_MS} ms${busy.length > 0 ? ` (${busy.join(', ')})` : ''}; exiting anyway\n`)
      process.exit(exitCodes[sig] ?? 130)
    }, CLEANUP_GRACE_MS).unref()
    controller.abort(sig === 'SIGINT' ? 'Ctrl-C' : sig === 'SIGPIPE' ? 'the reader of our output went away' : sig)
  }
  /** `demo ... | head`: once the reader has gone, stop and clean up as for Ctrl-C, without a word (exit 141, as SIGPIPE). */
  function onReaderGone (): void {
    if (received === undefined) onSignal('SIGPIPE')
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  const gone = watchOutput()
  if (gone.aborted) onReaderGone()
  else gone.addEventListener('abort', onReaderGone, { once: true })
  try {
    const code = await work(controller.signal)
    return received !== undefined ? exitCodes[received]! : code
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    gone.removeEventListener('abort', onReaderGone)
    if (received !== undefined) {
      // Everything the lab owned is closed by now. Let whatever was in flight when the signal came (a command the
      // story had started, a cleanup that ran late) finish, so that it cannot outlive us; the grace timer armed at
      // the signal ends anything a stuck story still holds.
      process.exitCode = exitCodes[received]!
    } else {
      warnIfStillBusy()
    }
  }
}

/** A scenario that forgot to release something would keep the process alive: say what, then exit anyway. */
function warnIfStillBusy (): void {
  const timer = setTimeout(() => {
    const busy = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout')
    stderr.write(`localhost-lab: still holding ${busy.join(', ') || 'something'} after the run; exiting anyway\n`)
    process.exit(process.exitCode ?? 1)
  }, 2000)
  timer.unref()
}
