/**
 * Server text as evidence: what a listener sent is outside text, so it is quoted escaped (controls shown as `\n`,
 * `\u001b` …, see render/escape.ts) and short, before it is stored in a Service that consoles, JSON and pages show.
 */
import { oneLine } from '../../../render/escape.js'

/** Evidence quotes stay short: the first line of a banner or a header value says what it is. */
const QUOTE_MAX = 120

/** `bytes` (or text) as one short escaped line. */
export function quote (bytes: Buffer | string, max = QUOTE_MAX): string {
  const text = typeof bytes === 'string' ? bytes : bytes.toString('latin1')
  return oneLine(text.replace(/\r?\n$/, ''), max)
}
