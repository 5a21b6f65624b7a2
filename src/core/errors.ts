/**
 * Errors of our own: one table, stable codes, actionable messages (fastify lib/errors.js style).
 * A user never sees a stack trace for these; the CLI prints `message` on one line and exits with `exitCode`.
 */

export const EXIT_OK = 0
/** A scenario failed to reproduce, or a problem was found. */
export const EXIT_FAILED = 1
/** Bad usage: unknown command, scenario, flag or value. */
export const EXIT_USAGE = 2

const table = {
  LAB_ERR_UNKNOWN_COMMAND: { exitCode: EXIT_USAGE },
  LAB_ERR_UNKNOWN_SCENARIO: { exitCode: EXIT_USAGE },
  LAB_ERR_UNKNOWN_OPTION: { exitCode: EXIT_USAGE },
  LAB_ERR_BAD_ARGUMENT: { exitCode: EXIT_USAGE },
  LAB_ERR_BAD_PORT: { exitCode: EXIT_USAGE },
  LAB_ERR_BAD_TARGET: { exitCode: EXIT_USAGE },
  LAB_ERR_CHECK_FAILED: { exitCode: EXIT_FAILED },
  LAB_ERR_NOT_REPRODUCED: { exitCode: EXIT_FAILED },
  LAB_ERR_SCENARIO_THREW: { exitCode: EXIT_FAILED },
  LAB_ERR_DISPOSED: { exitCode: EXIT_FAILED },
  LAB_ERR_INTERRUPTED: { exitCode: 130 },
  LAB_ERR_LISTEN_FAILED: { exitCode: EXIT_FAILED },
  LAB_ERR_BUSY: { exitCode: EXIT_FAILED },
  LAB_ERR_FOREIGN_HOST: { exitCode: EXIT_FAILED },
  LAB_ERR_FOREIGN_ORIGIN: { exitCode: EXIT_FAILED },
  LAB_ERR_TOOL_MISSING: { exitCode: EXIT_FAILED },
  LAB_ERR_TOOL_FAILED: { exitCode: EXIT_FAILED },
} as const

export type LabErrorCode = keyof typeof table

export class LabError extends Error {
  readonly code: LabErrorCode
  readonly exitCode: number

  constructor (code: LabErrorCode, message: string) {
    super(message)
    this.name = 'LabError'
    this.code = code
    this.exitCode = table[code].exitCode
  }
}

export function isLabError (err: unknown): err is LabError {
  return err instanceof LabError
}

/** Damerau-free Levenshtein distance; small inputs only (ids and flags). */
export function distance (a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const keep = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = keep
    }
  }
  return prev[b.length]!
}

/** The known names closest to `input`: a prefix match, or at most a third of the name's letters off. */
export function closest (input: string, known: readonly string[], max = 3): string[] {
  const needle = input.toLowerCase()
  return known
    .map((name) => ({ name, d: name.startsWith(needle) && needle.length > 0 ? 0 : distance(needle, name) }))
    .filter(({ name, d }) => d <= Math.max(2, Math.floor(name.length / 3)))
    .sort((x, y) => x.d - y.d || x.name.localeCompare(y.name))
    .slice(0, max)
    .map(({ name }) => name)
}

/** "Did you mean 'refused'?" or "" */
export function didYouMean (input: string, known: readonly string[]): string {
  const near = closest(input, known)
  if (near.length === 0) return ''
  return ` Did you mean ${near.map((n) => `'${n}'`).join(' or ')}?`
}

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
