/**
 * `--json`: one JSON object a line (NDJSON) through pino, each with `type` (and `scenario`, but for `demo --all`'s last
 * line, the `summary`). The pino level says how the
 * event went: `warn` for a failed attempt or listen, `error` for a run that did not reproduce, `info` otherwise, so
 * pino's own tools (pino-pretty, level filters) work on the stream.
 */
import type { StreamEvent, StreamSink } from '../core/events.js'
import type { TextOut } from './console.js'

function levelOf (e: StreamEvent): 'info' | 'warn' | 'error' {
  if (e.type === 'done') return e.ok ? 'info' : 'error'
  if (e.type === 'summary') return e.totals.failed + e.totals.interrupted > 0 ? 'error' : 'info'
  if (e.type === 'observe' && (e.kind === 'listen-error' || (e.kind === 'attempt' && !e.outcome.ok))) return 'warn'
  return 'info'
}

/**
 * `to`: a file descriptor (default 1, stdout), written synchronously so that the last line (`done`) is out before the
 * process exits; or a `TextOut` that takes each line as it is made (the CLI's output path, which notices at once when
 * the reader has gone: pino's own fd destination would not tell anyone).
 */
export async function jsonRenderer (to: number | TextOut = 1): Promise<StreamSink> {
  const { default: pino } = await import('pino')
  const destination = typeof to === 'number' ? pino.destination({ fd: to, sync: true }) : { write: (line: string) => { to.write(line) } }
  const logger = pino({
    base: null,
    timestamp: false,
    formatters: { level: (label) => ({ level: label }) },
  }, destination)
  return function renderToJson (event) {
    logger[levelOf(event)](event)
  }
}
