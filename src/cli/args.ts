/** Argument parsing for every command: node:util parseArgs, strict, with our own one-line errors. */
import { parseArgs, type ParseArgsConfig } from 'node:util'
import { LabError } from '../core/errors.js'

type Options = NonNullable<ParseArgsConfig['options']>

export interface Parsed {
  values: Record<string, string | boolean | (string | boolean)[] | undefined>
  positionals: string[]
}

/** Every command understands --help. */
const common: Options = { help: { type: 'boolean', short: 'h' } }

export function parse (command: string, args: string[], options: Options): Parsed {
  const all = { ...common, ...options }
  try {
    const { values, positionals } = parseArgs({ args, options: all, allowPositionals: true, strict: true })
    return { values, positionals }
  } catch (err) {
    const e = err as { code?: string, message: string }
    const flag = /'(-{1,2}[^'\s]*)/.exec(e.message)?.[1]
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      throw new LabError('LAB_ERR_UNKNOWN_OPTION', { command, option: flag, known: Object.keys(all).map((n) => `--${n}`) })
    }
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, parser: e.message })
  }
}

export interface Command {
  /** One line for `localhost-lab --help`. */
  summary: string
  /** The whole help text: usage, options with defaults, examples. */
  help: string
  /**
   * Optional: check the arguments without running anything (throw a LabError for bad usage). With it,
   * `parseCommandLine()` rejects a bad command line in-process, which is what the fuzz tests exercise.
   */
  parse? (args: string[]): Promise<unknown>
  run (args: string[]): Promise<number>
}
