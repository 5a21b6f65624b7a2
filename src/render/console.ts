/**
 * The human renderer: numbered steps, narration, measured observations, why and fix, and `demo --all`'s summary. On a
 * terminal every line is fitted to its width; times are on the story's clock (`--step` prompts left out).
 */
import { storyTime } from '../core/clock.js'
import type { StreamEvent, StreamSink, SummaryEvent, SummaryResult } from '../core/events.js'
import { colorsEnabled, createColors, type Colors } from './colors.js'
import { escapeStrings } from './escape.js'
import { describeDone, describeObservation, ms } from './format.js'
import { displayWidth, fitLine } from './wrap.js'

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

export function consoleRenderer (opts: ConsoleOptions = {}): StreamSink {
  const out = opts.stream ?? process.stdout
  const c = createColors(opts.color ?? colorsEnabled(out))
  // Fitted at each write, to the width the terminal has now (a presenter may resize it mid-run); `hang` is where a
  // continuation line starts, under the text it continues.
  const write = (line = '', hang = 3): void => {
    for (const row of fitLine(line, out.columns, hang)) out.write(`${row}\n`)
  }
  const mark = { good: c.green('✔'), bad: c.red('✘'), info: c.cyan('•') }

  return function renderToConsole (event: StreamEvent): void {
    // Messages, banners, requests and names in an event may come from outside: escaped before our colors go on.
    const e = escapeStrings(event)
    switch (e.type) {
      case 'start':
        write(c.bold(`━━ ${e.scenario}: ${e.title}`))
        write(c.dim(`   symptom: ${e.symptom}`), 12)
        break
      case 'step':
        write()
        write(c.bold(c.cyan(`${e.n}. ${e.title}`)), `${e.n}. `.length)
        break
      case 'say':
        write(`   ${e.text}`)
        break
      case 'observe': {
        const line = describeObservation(e)
        const text = line.tone === 'bad' ? c.red(line.text) : line.text
        write(`   ${mark[line.tone]} ${text} ${c.dim(`+${ms(storyTime(e))}`)}`, 5)
        for (const d of line.detail) write(c.dim(`       ${d}`), 9)
        break
      }
      case 'explain':
        write(`   ${c.yellow('Why:')} ${e.text}`, 8)
        break
      case 'fix':
        write(`   ${c.green('Fix:')} ${e.text}`, 8)
        break
      case 'done': {
        write()
        const line = describeDone(e)
        if (e.skipped !== undefined) write(c.yellow(`⏭  ${line.text}`))
        else if (e.interrupted !== undefined) write(c.yellow(`■ ${line.text}`), 2)
        else write(line.tone === 'good' ? c.green(`✔ ${line.text}`) : c.red(`✘ ${line.text}`), 2)
        break
      }
      case 'summary':
        for (const [row, hang] of summaryLines(e, c, out.columns)) write(row, hang)
        break
    }
  }
}

const RESULT_WORDS: Record<SummaryResult, string> = {
  reproduced: 'reproduced', skipped: 'skipped', failed: 'failed', interrupted: 'interrupted', 'not-run': 'not run',
}

/** The table at the end of `demo --all`, as lines and the column each continues at when the terminal is narrow. */
function summaryLines (e: SummaryEvent, c: Colors, columns: number | undefined): Array<[string, number]> {
  const tone: Record<SummaryResult, (s: string) => string> = {
    reproduced: c.green, skipped: c.yellow, failed: c.red, interrupted: c.yellow, 'not-run': c.dim,
  }
  const nameWidth = Math.max('scenario'.length, ...e.scenarios.map((r) => r.scenario.length))
  const resultWidth = Math.max(...Object.values(RESULT_WORDS).map((w) => w.length))
  const times = e.scenarios.map((r) => r.result === 'not-run' ? '-' : ms(r.durationMs))
  const timeWidth = Math.max('time'.length, ...times.map((x) => x.length))
  const at = { result: 3 + nameWidth + 2, codes: 3 + nameWidth + 2 + resultWidth + 2 + timeWidth + 2 }
  // Too narrow for a codes column (ECONNREFUSED and its comma take 13): the codes continue under the name.
  const codesHang = columns !== undefined && columns - at.codes < 16 ? 5 : at.codes
  const cells = (name: string, result: string, time: string, codes: string): string =>
    `   ${name.padEnd(nameWidth)}  ${result}${' '.repeat(resultWidth - displayWidth(result) + 2)}${time.padStart(timeWidth)}  ${codes}`
  const lines: Array<[string, number]> = [
    ['', 0],
    [c.bold(`━━ summary: ${e.totals.scenarios} scenarios`), 3],
    [c.dim(cells('scenario', 'result', 'time'.padStart(timeWidth), 'codes seen')), codesHang],
  ]
  e.scenarios.forEach((r, i) => {
    const word = RESULT_WORDS[r.result]
    const codes = r.observed.length > 0 ? r.observed.join(', ') : '-'
    lines.push([cells(r.scenario, tone[r.result](word) + ' '.repeat(resultWidth - word.length), times[i]!, codes).replace(/ +$/, ''), codesHang])
    if (r.reason !== undefined) lines.push([c.dim(`${' '.repeat(at.result)}${r.reason}`), at.result])
  })
  const counts = (Object.keys(RESULT_WORDS) as SummaryResult[]).filter((k) => e.totals[k] > 0).map((k) => `${e.totals[k]} ${RESULT_WORDS[k]}`)
  const paused = e.totals.pausedMs > 0 ? ` (and ${ms(e.totals.pausedMs)} waiting at prompts)` : ''
  lines.push([c.bold(`   total: ${counts.join(', ')} in ${ms(e.totals.durationMs)}${paused}`), 10])
  return lines
}
