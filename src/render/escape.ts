/** Text from outside (arguments, process names, banners) made safe to print on a terminal. */

/**
 * Text that is sure to print as one readable line: control characters (a newline or an escape sequence typed into an
 * argument) shown escaped, and at most `max` characters.
 */
export function oneLine (text: string, max = 400): string {
  const escaped = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' }
    return named[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
  })
  return escaped.length > max ? `${escaped.slice(0, max - 1)}…` : escaped
}
