/**
 * `--json`: one JSON object a line (NDJSON) through pino, each with `scenario` and `type`. The pino level says how the
 * event went: `warn` for a failed attempt or listen, `error` for a run that did not reproduce, `info` otherwise, so
 * pino's own tools (pino-pretty, level filters) work on the stream.
 */
import type { LabEvent, Sink } from '../core/events.js'

function levelOf (e: LabEvent): 'info' | 'warn' | 'error' {
  if (e.type === 'done') return e.ok ? 'info' : 'error'
  if (e.type === 'observe' && (e.kind === 'listen-error' || (e.kind === 'attempt' && !e.outcome.ok))) return 'warn'
  return 'info'
}

export async function jsonRenderer (fd = 1): Promise<Sink> {
  const { default: pino } = await import('pino')
  // Synchronous writes: the last line (`done`) must be out before the process exits.
  const logger = pino({
    base: null,
    timestamp: false,
    formatters: { level: (label) => ({ level: label }) },
  }, pino.destination({ fd, sync: true }))
  return function renderToJson (event) {
    logger[levelOf(event)](event)
  }
}
