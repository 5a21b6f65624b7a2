/**
 * The console view of `serve`: the zoo as a table (address, behaviour, scenario), what each client should see, then
 * the console renderer's usual lines for every connection. Listening/closed lines are folded into the table and the
 * closing line.
 */
import type { LabEvent, Sink } from '../core/events.js'
import type { ZooRow } from '../services/zoo-scenario.js'
import { colorsEnabled, createColors } from './colors.js'
import { consoleRenderer, type ConsoleOptions } from './console.js'
import { escapeControls } from './escape.js'
import { ms } from './format.js'
import { labCommand } from '../core/invocation.js'

export function serveConsoleRenderer (opts: ConsoleOptions = {}): Sink {
  const out = opts.stream ?? process.stdout
  const c = createColors(opts.color ?? colorsEnabled(out))
  const inner = consoleRenderer({ ...opts, color: c.enabled })
  const write = (line = ''): void => { out.write(`${line}\n`) }
  let services = 0
  let connections = 0

  function table (rows: ZooRow[]): void {
    const head = ['ADDRESS', 'BEHAVIOUR', 'SCENARIO', 'WHAT IT DOES']
    const cells = rows.map((r) => [r.url, r.behaviour, r.scenario ?? `(${r.kind})`, r.does])
    const widths = head.map((h, i) => Math.max(h.length, ...cells.map((x) => x[i]!.length)))
    const line = (xs: string[]): string => `   ${xs.map((x, i) => i === xs.length - 1 ? x : x.padEnd(widths[i]!)).join('  ')}`
    write(c.bold(line(head)))
    for (const x of cells) write(line(x))
    write()
    write(c.bold('   What your client should see'))
    const w = Math.max(...rows.map((r) => r.behaviour.length))
    for (const r of rows) {
      write(`   ${r.behaviour.padEnd(w)}  ${r.symptom}`)
      write(c.dim(`   ${' '.repeat(w)}  $ ${r.try}`))
    }
    write(c.dim(`   SCENARIO: \`${labCommand('demo <id>')}\` reproduces and explains it; (kind) is what \`${labCommand('explain')}\` calls it.`))
  }

  return function renderServe (e: LabEvent): void {
    if (e.type === 'observe' && e.kind === 'listening') {
      services += 1
      return
    }
    if (e.type === 'observe' && e.kind === 'closed') return
    if (e.type === 'observe' && e.kind === 'fact' && e.key === 'zoo' && Array.isArray(e.value)) {
      table(e.value as ZooRow[])
      return
    }
    if (e.type === 'observe' && e.kind === 'connection' && e.phase === 'arrived') connections += 1
    if (e.type === 'done') {
      write()
      const why = e.interrupted !== undefined ? `stopped (${e.interrupted})` : e.error ? c.red(`failed: ${escapeControls(e.error.message)}`) : `stopped after ${ms(e.durationMs)}`
      write(c.yellow(`■ ${why}: closed ${services} services; ${connections} connection${connections === 1 ? '' : 's'} came in.`))
      return
    }
    inner(e)
  }
}
