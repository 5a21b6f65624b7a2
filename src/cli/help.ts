/**
 * A command's `--help`, written from its declaration (./define-command.ts): the usage lines and the options block
 * come from the declared arguments, so an option cannot be parsed without being documented, with its default.
 */
import { wrap as wrapText } from '../render/wrap.js'
import type { ArgSpec, ArgSpecs, BooleanArg, CommandSpec } from './define-command.js'

/** What help reads from a declaration: everything but how the command runs. */
export type HelpSpec = Omit<CommandSpec<ArgSpecs, unknown>, 'summary' | 'check' | 'run'>

/** Every command understands --help (app.ts answers it before any parsing). */
export const HELP_ARG: BooleanArg = { type: 'boolean', short: 'h', description: 'print this help and exit' }

/** Help is read in terminals and pasted into issues: a fixed width keeps it the same in both. */
const WIDTH = 118

function flagOf (name: string, spec: ArgSpec): string {
  const short = spec.short === undefined ? '' : `, -${spec.short}`
  return spec.type === 'boolean' ? `--${name}${short}` : `--${name}${short} <${spec.placeholder}>`
}

function defaultOf (spec: ArgSpec): string {
  if (spec.defaultHelp !== undefined) return spec.defaultHelp
  if (spec.type === 'boolean') return 'off'
  return spec.default === undefined ? 'none' : String(spec.default)
}

/** Word-wrap `text` to WIDTH for a block that starts at column `indent`. */
function wrap (text: string, indent: number): string {
  return wrapText(text, indent, WIDTH)
}

function usageLines (spec: HelpSpec): string[] {
  const alternatives = spec.alternatives ?? []
  const options = Object.entries(spec.args)
    .filter(([name]) => !alternatives.includes(`--${name}`))
    .map(([name, arg]) => `[${flagOf(name, arg).replace(/, -\w/, '')}]`)
  const forms = [...(spec.positionals === undefined ? [''] : [spec.positionals.usage]), ...alternatives]
  return forms.map((form, i) => `${i === 0 ? 'Usage: ' : '       '}${['localhost-lab', spec.name, form, ...options].filter(Boolean).join(' ')}`)
}

function optionLines (args: ArgSpecs): string[] {
  const all: Array<[string, ArgSpec]> = [...Object.entries(args), ['help', HELP_ARG]]
  const column = 2 + Math.max(...all.map(([name, spec]) => flagOf(name, spec).length)) + 2
  const lines: string[] = []
  for (const [name, spec] of all) {
    const text = name === 'help' ? spec.description : `${spec.description} (default: ${defaultOf(spec)})`
    const explained = spec.type === 'enum' ? Object.entries(spec.explain ?? {}) : []
    lines.push(`  ${flagOf(name, spec).padEnd(column - 2)}${wrap(explained.length > 0 ? `${text}:` : text, column)}`)
    const width = Math.max(0, ...explained.map(([choice]) => choice.length)) + 2
    for (const [choice, what] of explained) lines.push(`${' '.repeat(column + 2)}${choice.padEnd(width)}${wrap(String(what), column + 2 + width)}`)
  }
  return lines
}

export function renderHelp (spec: HelpSpec): string {
  const parts = [usageLines(spec).join('\n'), spec.description, `Options:\n${optionLines(spec.args).join('\n')}`]
  if (spec.notes !== undefined) parts.push(spec.notes)
  parts.push(`Examples:\n${spec.examples.map((e) => `  ${e}`).join('\n')}`)
  return parts.join('\n\n')
}
