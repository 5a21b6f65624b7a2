/**
 * A command declares its arguments once (nuxt/cli `defineCommand({ args })` style): name, type, default, short alias,
 * value placeholder and description, plus its positionals, summary and examples. From that one declaration come the
 * `--help` text (./help.ts), the parsing with typed values, the value checks with our one-line errors, and the fuzz
 * test's grammar. node:util parseArgs does the tokenising underneath.
 */
import { parseArgs } from 'node:util'
import { LabError, MAX_TIMER_MS } from '../core/errors.js'
import { HELP_ARG, renderHelp } from './help.js'

interface ArgBase {
  description: string
  /** A one-letter alias: `-x`. */
  short?: string
  /** How help names the default when the value alone would not say it (`0, a free port the OS picks`). */
  defaultHelp?: string
}

export interface BooleanArg extends ArgBase { type: 'boolean' }
export interface StringArg extends ArgBase { type: 'string', placeholder: string, default?: string }
/** A whole number in `min..max`; `unit: 'milliseconds'` without `max` runs to the largest delay a timer honours. */
export interface NumberArg extends ArgBase { type: 'number', placeholder: string, min: number, max?: number, unit?: 'milliseconds', default?: number }
/** A port to listen on, 0-65535; 0 lets the OS pick. */
export interface PortArg extends ArgBase { type: 'port', placeholder: string, default?: number }
export interface EnumArg<C extends string = string> extends ArgBase {
  type: 'enum'
  placeholder: string
  choices: readonly C[]
  default: C
  /** One line for each choice that needs one, printed under the option in help. */
  explain?: Partial<Record<C, string>>
}

export type ArgSpec = BooleanArg | StringArg | NumberArg | PortArg | EnumArg
export type ArgSpecs = Readonly<Record<string, ArgSpec>>

/** What the command line gave for one declared argument, typed by its declaration. */
export type ArgValue<S extends ArgSpec> =
  S extends BooleanArg ? boolean
    : S extends EnumArg<infer C> ? C
      : S extends NumberArg | PortArg ? (S extends { default: number } ? number : number | undefined)
        : S extends { default: string } ? string : string | undefined

export type ArgValues<A extends ArgSpecs> = { -readonly [K in keyof A]: ArgValue<A[K]> }

export interface Parsed<A extends ArgSpecs> {
  values: ArgValues<A>
  positionals: string[]
}

export interface Positionals {
  /** How usage names them: `<id>`, `[port]`, `"<error text>"`. */
  usage: string
  /** At most this many (checked here); without it, the command checks the count itself. */
  max?: number
  /** What `max` counts, for the error: `port` in "takes at most one port". */
  noun?: string
}

export interface CommandSpec<A extends ArgSpecs, I> {
  name: string
  /** One line for `localhost-lab --help`. */
  summary: string
  /** Without it, the command takes no positionals. */
  positionals?: Positionals
  /** More ways to call it, each replacing the positionals in the usage line (`--all` for demo). */
  alternatives?: readonly string[]
  /** What it does, after the usage lines. */
  description: string
  args: A
  /** After the options: exit codes, what it never does. */
  notes?: string
  examples: readonly string[]
  /**
   * The checks that need more than the declaration (a scenario id against the catalogue, a probe target); throw a
   * LabError for bad usage. Runs before anything is started, so `parseCommandLine()` rejects a bad line in-process.
   */
  check?: (parsed: Parsed<A>) => I | Promise<I>
  run: (input: I) => Promise<number>
}

export interface Command {
  name: string
  summary: string
  help: string
  /** The declared arguments (the fuzz test's grammar and the README checks read them). */
  args: ArgSpecs
  /** Check `args` without doing anything; resolves to the run they ask for. */
  prepare (args: readonly string[]): Promise<() => Promise<number>>
}

export function defineCommand<const A extends ArgSpecs, I = Parsed<A>> (spec: CommandSpec<A, I>): Command {
  let help: string | undefined
  return {
    name: spec.name,
    summary: spec.summary,
    // Wrapped at first use: a command that runs never prints its help, and wrapping it took 0.6-0.7 ms of every
    // quick command's start (CPU profile, Node 20).
    get help () {
      help ??= renderHelp(spec)
      return help
    },
    args: spec.args,
    async prepare (args) {
      const parsed = parseCommandArgs(spec.name, spec.args, spec.positionals, args)
      // Without a check the parsed line is the input: I defaults to Parsed<A>.
      const input = spec.check === undefined ? parsed as unknown as I : await spec.check(parsed)
      return () => spec.run(input)
    },
  }
}

/** Parse `args` by the declaration: typed values with defaults, every value checked, one-line errors. */
function parseCommandArgs<A extends ArgSpecs> (command: string, specs: A, positionals: Positionals | undefined, args: readonly string[]): Parsed<A> {
  // parseArgs only tokenises: every value is a string until valueOf() checks it against its declaration.
  const options: Record<string, { type: 'boolean' | 'string', short?: string }> = {}
  for (const [name, spec] of Object.entries({ ...specs, help: HELP_ARG })) {
    options[name] = { type: spec.type === 'boolean' ? 'boolean' : 'string', ...(spec.short === undefined ? {} : { short: spec.short }) }
  }
  const { args: tokens, texts } = textsThatStartWithADash(specs, args)
  let raw: { values: Record<string, string | boolean | undefined>, positionals: string[] }
  try {
    // No token that could be an option (`explain "connect ECONNREFUSED …"`): parseArgs would return them all as
    // positionals and no values. Its first call compiled and ran node:util's tokeniser, ~0.3 ms of a quick command's
    // start (fresh Node 20, medians of 5; issue 15).
    raw = tokens.some((a) => a.startsWith('-'))
      ? parseArgs({ args: tokens, options, allowPositionals: true, strict: true }) as typeof raw
      : { values: {}, positionals: tokens }
    raw.positionals = raw.positionals.map((p) => texts.get(p) ?? p)
  } catch (err) {
    const e = err as { code?: string, message: string }
    const flag = /'(-{1,2}[^'\s]*)/.exec(e.message)?.[1]
    if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag !== undefined) {
      throw new LabError('LAB_ERR_UNKNOWN_OPTION', { command, option: flag, known: Object.keys(options).map((n) => `--${n}`) })
    }
    // `--timeout -1`: parseArgs calls a value that starts with '-' ambiguous; the declaration words what is wrong with it.
    const spec = flag === undefined ? undefined : specs[flag.replace(/^--/, '')]
    if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && spec !== undefined && spec.type !== 'boolean' && args.includes(flag!)) {
      const given = args[args.indexOf(flag!) + 1]
      // `serve --host` with nothing after it: say what the option wants, in the declaration's words.
      if (given === undefined) throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, option: flag!.slice(2), needs: `<${spec.placeholder}>` })
      valueOf(command, flag!.slice(2), spec, given)
    }
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, parser: e.message })
  }
  checkPositionals(command, positionals, raw.positionals)
  const values: Record<string, unknown> = {}
  for (const [name, spec] of Object.entries(specs)) values[name] = valueOf(command, name, spec, raw.values[name])
  return { values: values as ArgValues<A>, positionals: raw.positionals }
}

/**
 * `explain "- error: connect ECONNREFUSED ::1:3000"`: an argument that starts with a dash but cannot be an option (it
 * has whitespace before any `=`, or its second character is neither a letter nor a dash: `-1`, `-:`) is a positional,
 * as it would be after `--`. The value of an option that takes one is left to the option (`--timeout -1` keeps its own
 * error). parseArgs gets a stand-in for each such argument (a NUL cannot be in a real argument), swapped back after.
 */
function textsThatStartWithADash (specs: ArgSpecs, args: readonly string[]): { args: string[], texts: Map<string, string> } {
  const texts = new Map<string, string>()
  // Only in-process callers can pass a NUL; a stand-in must never be mistaken for one of their arguments.
  if (args.some((a) => a.includes('\u0000'))) return { args: [...args], texts }
  const takesValue = new Set<string>()
  for (const [name, spec] of Object.entries(specs)) {
    if (spec.type === 'boolean') continue
    takesValue.add(`--${name}`)
    if (spec.short !== undefined) takesValue.add(`-${spec.short}`)
  }
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!
    if (arg === '--') {
      out.push(...args.slice(i))
      break
    }
    const isValue = i > 0 && takesValue.has(args[i - 1]!)
    if (!isValue && cannotBeAnOption(arg)) {
      const standIn = `\u0000${texts.size}`
      texts.set(standIn, arg)
      out.push(standIn)
    } else {
      out.push(arg)
    }
  }
  return { args: out, texts }
}

function cannotBeAnOption (arg: string): boolean {
  if (!arg.startsWith('-') || arg === '-' || arg === '--') return false
  const name = arg.startsWith('--') ? arg.split('=')[0]! : arg
  return /\s/.test(name) || !/^[A-Za-z-]$/.test(arg[1]!)
}

function checkPositionals (command: string, declared: Positionals | undefined, given: string[]): void {
  if (declared === undefined) {
    if (given.length > 0) throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, extra: given[0]! })
    return
  }
  if (declared.max !== undefined && given.length > declared.max) {
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, atMostOne: declared.noun ?? 'argument', count: given.length })
  }
}

function valueOf (command: string, option: string, spec: ArgSpec, given: string | boolean | undefined): unknown {
  if (spec.type === 'boolean') return given === true
  if (given === undefined || typeof given === 'boolean') return spec.default
  switch (spec.type) {
    case 'string':
      return given
    case 'enum':
      if (!spec.choices.includes(given)) throw new LabError('LAB_ERR_BAD_ARGUMENT', { command, option, got: given, choices: spec.choices })
      return given
    case 'port': {
      const port = /^\d{1,5}$/.test(given) ? Number(given) : Number.NaN
      if (!(port <= 65535)) throw new LabError('LAB_ERR_BAD_PORT', { command, option, got: given })
      return port
    }
    case 'number': {
      const max = spec.max ?? MAX_TIMER_MS
      const n = /^\d+$/.test(given) ? Number(given) : Number.NaN
      if (!(n >= spec.min && n <= max)) {
        throw new LabError('LAB_ERR_BAD_ARGUMENT', spec.unit === undefined
          ? { command, option, got: given, min: spec.min, max }
          : { command, option, got: given, min: spec.min, max, unit: spec.unit })
      }
      return n
    }
  }
}
