/**
 * Ctrl-C and SIGTERM: the first one aborts the run, which closes everything it opened, then the process exits
 * with 130 (SIGINT) or 143 (SIGTERM). A second signal exits at once.
 */
const exitCodes: Record<string, number> = { SIGINT: 130, SIGTERM: 143 }

export async function interruptible (work: (signal: AbortSignal) => Promise<number>): Promise<number> {
  const controller = new AbortController()
  let received: NodeJS.Signals | undefined
  function onSignal (sig: NodeJS.Signals): void {
    if (received !== undefined) process.exit(exitCodes[received] ?? 130)
    received = sig
    controller.abort(`${sig === 'SIGINT' ? 'Ctrl-C' : sig}`)
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  try {
    const code = await work(controller.signal)
    return received !== undefined ? exitCodes[received]! : code
  } finally {
    process.removeListener('SIGINT', onSignal)
    process.removeListener('SIGTERM', onSignal)
    if (received !== undefined) {
      // Everything of ours is closed by now; anything a stuck story still awaits must not keep us alive.
      setImmediate(() => process.exit(exitCodes[received!]!))
    } else {
      warnIfStillBusy()
    }
  }
}

/** A scenario that forgot to release something would keep the process alive: say what, then exit anyway. */
function warnIfStillBusy (): void {
  const timer = setTimeout(() => {
    const busy = process.getActiveResourcesInfo().filter((r) => r !== 'Timeout')
    process.stderr.write(`localhost-lab: still holding ${busy.join(', ') || 'something'} after the run; exiting anyway\n`)
    process.exit(process.exitCode ?? 1)
  }, 2000)
  timer.unref()
}
