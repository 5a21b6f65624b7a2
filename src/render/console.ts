/** The human renderer: numbered steps, narration, measured observations, why and fix. */
import type { LabEvent, Sink } from '../core/events.js'
import { colorsEnabled, createColors } from './colors.js'
import { escapeStrings } from './escape.js'
import { describeObservation, ms } from './format.js'

/** Where a renderer writes: process.stdout, or the CLI's output path (src/cli/output.ts), or anything with `write`. */
export interface TextOut {
  write (text: string): unknown
  readonly isTTY?: boolean
  readonly columns?: number
  hasColors? (): boolean
}

export interface ConsoleOptions {
  /** Default: process.stdout. */
  stream?: TextOut
  /** Default: on a TTY unless NO_COLOR; FORCE_COLOR forces. */
  color?: boolean
}

export function consoleRenderer (opts: ConsoleOptions = {}): Sink {
  const out = opts.stream ?? process.stdout
  const c = createColors(opts.color ?? colorsEnabled(out))
  const write = (line = ''): void => { out.write(`${line}\n`) }
  const mark = { good: c.green('✔'), bad: c.red('✘'), info: c.cyan('•') }

  return function renderToConsole (event: LabEvent): void {
    // Messages, banners, requests and names in an event may come from outside: escaped before our colors go on.
    const e = escapeStrings(event)
    switch (e.type) {
      case 'start':
        write(c.bold(`━━ ${e.scenario}: ${e.title}`))
        write(c.dim(`   symptom: ${e.symptom}`))
        break
      case 'step':
        write()
        write(c.bold(c.cyan(`${e.n}. ${e.title}`)))
        break
      case 'say':
        write(`   ${e.text}`)
        break
      case 'observe': {
        const line = describeObservation(e)
        const text = line.tone === 'bad' ? c.red(line.text) : line.text
        write(`   ${mark[line.tone]} ${text} ${c.dim(`+${ms(e.t)}`)}`)
        for (const d of line.detail) write(c.dim(`       ${d}`))
        break
      }
      case 'explain':
        write(`   ${c.yellow('Why:')} ${e.text}`)
        break
      case 'fix':
        write(`   ${c.green('Fix:')} ${e.text}`)
        break
      case 'done': {
        write()
        if (e.skipped !== undefined) write(c.yellow(`⏭  skipped: ${e.skipped}`))
        else if (e.interrupted !== undefined) write(c.yellow(`■ interrupted (${e.interrupted}); everything we opened is closed`))
        else if (e.ok) write(c.green(`✔ reproduced ${e.observed.length > 0 ? e.observed.join(', ') : 'the lesson'} in ${ms(e.durationMs)}`))
        else {
          const why = e.error ? e.error.message : `expected ${e.missing.join(', ')} but did not see it`
          write(c.red(`✘ not reproduced: ${why}`))
        }
        break
      }
    }
  }
}
