/**
 * Text from outside (arguments and stdin, other processes' names and command lines, server banners, error messages)
 * made safe to print on a terminal. A local process can name itself `\x1b[2J…` and a server can answer with one; raw,
 * those bytes clear the user's screen, set the window title or forge lines of our output. Shown escaped, they are
 * visible for what they are. Our own colors are added after escaping, so they still work.
 */

/**
 * What a terminal acts on instead of printing: C0 controls (ESC, BEL, CR, LF ...), DEL, C1 controls (U+009B is a
 * one-character CSI for terminals that read C1), the Unicode line and paragraph separators, and the bidirectional
 * overrides and isolates that reorder what is shown ("Trojan Source").
 */
const CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }

function escapeOne (c: string): string {
  return NAMED[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
}

/**
 * The one escaping function: every control character and escape-sequence introducer shown as `\n`, `\r`, `\t` or
 * `\uXXXX`. On JSON text it keeps the JSON valid and its meaning the same (JSON.stringify already escapes C0; this adds
 * C1, U+2028 and the bidi controls, which it leaves raw), so one function serves text and JSON alike.
 */
export function escapeControls (text: string): string {
  return text.replace(CONTROLS, escapeOne)
}

/** A copy of a value (an event, a report) with `escapeControls` applied to every string in it. */
export function escapeStrings<T> (value: T): T {
  if (typeof value === 'string') return escapeControls(value) as T
  if (Array.isArray(value)) return value.map((v: unknown) => escapeStrings(v)) as T
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {}
    for (const [k, v] of Object.entries(value)) out[k] = escapeStrings(v)
    return out as T
  }
  return value
}

/**
 * Text that is sure to print as one readable line: control characters (a newline or an escape sequence typed into an
 * argument) shown escaped, and at most `max` characters.
 */
export function oneLine (text: string, max = 400): string {
  const escaped = escapeControls(text)
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped
}
