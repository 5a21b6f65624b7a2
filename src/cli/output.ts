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
import { fstatSync, statSync, writeSync, type Stats } from 'node:fs'
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

/**
 * How a descriptor is written: straight with fs.writeSync while it is a pipe, a socket, a file or /dev/null, else (a
 * terminal, anything else) through its process.stdout / process.stderr stream.
 *
 * Why: the first touch of process.stdout builds its stream (a net.Socket on a pipe or a socket, a SyncWriteStream
 * on a file, a tty.WriteStream on a terminal), which loads node:stream and node:net: 2.8 ms of a quick command's
 * start on Node 20 (medians of 7, in-process), about a sixth of all that `ports` adds to `node -e 0`. Node writes
 * such a stdout synchronously too, so the order of our lines and the errors seen are the same: EPIPE at the write
 * that fails. A terminal keeps its stream: its width and colours come from it.
 * Beware: a pipe someone else made non-blocking can take part of a text, or none (EAGAIN): the rest then goes through
 * the stream, and so does everything after it, so that nothing is reordered.
 */
type Way = 'direct' | 'stream'
const ways: Record<1 | 2, Way | undefined> = { 1: undefined, 2: undefined }

/** Decided at the first use of the descriptor: a pipe, a socket, a regular file or /dev/null is never a terminal. */
function wayOf (fd: 1 | 2): Way {
  if (ways[fd] === undefined) {
    try {
      const st = fstatSync(fd)
      ways[fd] = st.isFIFO() || st.isSocket() || st.isFile() || isDevNull(st) ? 'direct' : 'stream'
    } catch {
      ways[fd] = 'stream'
    }
  }
  return ways[fd]
}

/** /dev/null is a character device, as a terminal is: told apart by its device number (a benchmark's 'ignore'). */
function isDevNull (st: Stats): boolean {
  if (!st.isCharacterDevice()) return false
  try {
    return statSync('/dev/null').rdev === st.rdev
  } catch {
    return false
  }
}

function writer (fd: 1 | 2, pick: () => NodeJS.WriteStream): TextOut {
  function throughStream (text: string | Buffer): void {
    ways[fd] = 'stream'
    const stream = watch(pick())
    stream.write(text)
    // A failed write to a pipe destroys the stream at once and reports the error a tick later: stop now, so that
    // nothing after this line is written (or attempted) in between.
    if (stream.destroyed) stop(EXIT_CLOSED_PIPE)
  }
  return {
    write (text: string): void {
      if (exitCode !== undefined) return
      if (wayOf(fd) === 'stream') return throughStream(text)
      let written: number
      try {
        written = writeSync(fd, text)
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code
        if (code === 'EAGAIN') return throughStream(text)
        return stop(code === 'EPIPE' ? EXIT_CLOSED_PIPE : 1)
      }
      // Bytes, not characters: the rest of a part-written text, as bytes.
      if (written < text.length || written !== Buffer.byteLength(text)) throughStream(Buffer.from(text).subarray(written))
    },
    get isTTY () { return wayOf(fd) === 'direct' ? false : pick().isTTY === true },
    get columns () { return wayOf(fd) === 'direct' ? undefined : pick().columns },
    hasColors () { return wayOf(fd) === 'stream' && typeof pick().hasColors === 'function' && pick().hasColors() },
  }
}

export const stdout: TextOut = writer(1, () => process.stdout)
export const stderr: TextOut = writer(2, () => process.stderr)

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
  // A descriptor written directly reports its EPIPE at the write itself: no stream to build or watch for it.
  if (wayOf(1) === 'stream') watch(process.stdout)
  if (wayOf(2) === 'stream') watch(process.stderr)
  return readerGone()
}

/** The exit code a finished command ends with: its own, unless our output went away first. */
export function finalExitCode (code: number): number {
  return exitCode ?? code
}
