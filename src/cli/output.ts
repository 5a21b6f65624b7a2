/**
 * The one output path of every command: what goes to stdout and stderr goes through here (pino's `--json` lines too).
 *
 * When the reader of our output goes away (`localhost-lab list | head -c 10`, `demo --all --json | head -1`), a write
 * fails with EPIPE. That is the user saying "enough", as Ctrl-C is: `readerGone` aborts (a running command stops and
 * closes what it opened, see signals.ts), nothing more is written, and the process exits 141 (128 + SIGPIPE, what a
 * shell reports for a program killed by SIGPIPE) without a stack trace. Node ignores SIGPIPE itself, so without this
 * the EPIPE would be an unhandled 'error' event: a trace and exit 1, or, for writes that bypass the stream, silence
 * and a catalogue that runs to its end.
 */
import type { TextOut } from '../render/console.js'
import { escapeControls } from '../render/escape.js'

/** The exit code after the reader of our output went away. */
export const EXIT_CLOSED_PIPE = 141

/**
 * Made at the first call of `readerGone()`, not at import: the first AbortController of a process loads Node's
 * abort_controller and event-target internals, and ports, probe and check never ask for it.
 */
let gone: AbortController | undefined
let exitCode: number | undefined

/** Aborted once stdout or stderr can no longer be written (the reader left, or the stream broke). */
export function readerGone (): AbortSignal {
  gone ??= new AbortController()
  if (exitCode !== undefined && !gone.signal.aborted) gone.abort(reasonOf(exitCode))
  return gone.signal
}

function reasonOf (code: number): string {
  return code === EXIT_CLOSED_PIPE ? 'the reader of our output went away' : 'our output broke'
}
const watched = new WeakSet<NodeJS.WriteStream>()

/** Closed pipe: 141. Anything else that breaks our output (EBADF, EIO ...) is a failure, 1; we cannot say more. */
function streamOnError (err: NodeJS.ErrnoException): void {
  stop(err.code === 'EPIPE' ? EXIT_CLOSED_PIPE : 1)
}

function stop (code: number): void {
  if (exitCode !== undefined) return
  exitCode = code
  process.exitCode = code
  gone?.abort(reasonOf(code))
}

/** Listen for the stream's errors from its first use on; listening at import would make app.ts do something at load. */
function watch (stream: NodeJS.WriteStream): NodeJS.WriteStream {
  if (!watched.has(stream)) {
    watched.add(stream)
    stream.on('error', streamOnError)
  }
  return stream
}

function writer (pick: () => NodeJS.WriteStream): TextOut {
  return {
    write (text: string): void {
      if (exitCode !== undefined) return
      const stream = watch(pick())
      stream.write(text)
      // A failed write to a pipe destroys the stream at once and reports the error a tick later: stop now, so that
      // nothing after this line is written (or attempted) in between.
      if (stream.destroyed) stop(EXIT_CLOSED_PIPE)
    },
    get isTTY () { return pick().isTTY === true },
    get columns () { return pick().columns },
    hasColors () { return typeof pick().hasColors === 'function' && pick().hasColors() },
  }
}

export const stdout: TextOut = writer(() => process.stdout)
export const stderr: TextOut = writer(() => process.stderr)

/**
 * One JSON document on one line: control characters that JSON.stringify leaves raw (C1, U+2028) escaped too.
 * JSON.stringify already escapes every C0 control, so in a text of ASCII only the one character left for
 * escapeControls is DEL: such a text (`ports --json` of 10,000 listeners, 8.3 MB here) skips the 10.6 ms scan and
 * copy, for 0.8 ms of checking.
 */
export function writeJson (value: unknown, out: TextOut = stdout): void {
  const text = JSON.stringify(value)
  const plain = Buffer.byteLength(text) === text.length && !text.includes('\x7f')
  // Two writes: the text and its newline joined would be one more copy of the whole text.
  out.write(plain ? text : escapeControls(text))
  out.write('\n')
}

/** For pino (`--json` streams): each NDJSON line it serialises, escaped as `writeJson` does, through `out`. */
export function jsonLines (out: TextOut = stdout): TextOut {
  return {
    write (line: string): void {
      out.write(`${escapeControls(line.replace(/\n$/, ''))}\n`)
    },
  }
}

/** Start watching stdout and stderr now (a command that may write nothing before the reader leaves). */
export function watchOutput (): AbortSignal {
  watch(process.stdout)
  watch(process.stderr)
  return readerGone()
}

/** The exit code a finished command ends with: its own, unless our output went away first. */
export function finalExitCode (code: number): number {
  return exitCode ?? code
}
