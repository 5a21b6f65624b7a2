/** The human view of a probe report: one line per address, then the verdict and its reasons. */
import type { AddressProbe, ProbeReport } from '../diagnose/probe/probe.js'
import { hostPort } from '../net/address.js'
import { colorsEnabled, createColors, type Colors } from './colors.js'
import { escapeStrings } from './escape.js'
import { ms } from './format.js'

function ownerText (r: AddressProbe): string {
  const l = r.listener
  if (!l) return ''
  if (l.pid === null) return `listener ${hostPort(l.address, l.port)}, owner not visible`
  const more = l.owners.length > 1 ? ` +${l.owners.length - 1} more` : ''
  const cmd = l.commandLine && l.commandLine !== l.command ? `: ${l.commandLine.length > 60 ? `${l.commandLine.slice(0, 57)}...` : l.commandLine}` : ''
  return `${l.command} (pid ${l.pid}${more})${cmd}`
}

export function renderProbe (probed: ProbeReport, c: Colors = createColors(colorsEnabled(process.stdout))): string {
  // The owner's name and command line, the typed target and the resolver's answers all came from outside.
  const report = escapeStrings(probed)
  const lines: string[] = []
  const t = report.target
  lines.push(c.bold(`probe ${t.input}`) + c.dim(`  (port ${t.port}${t.defaultPort ? `, the default for ${t.scheme}:` : ''}, timeout ${report.timeoutMs} ms per address)`))
  const r = report.resolver
  if (t.isName) {
    const answer = r.error ? `${r.error.code ?? 'error'}` : r.addresses.map((a) => a.address).join(', ')
    lines.push(c.dim(`dns.lookup('${t.host}') → ${answer}  (order ${r.order}, autoSelectFamily ${r.autoSelectFamily ? 'on' : 'off'}, ${ms(r.elapsedMs)})`))
  }
  const width = Math.max(0, ...report.results.map((x) => hostPort(x.address, t.port).length))
  for (const x of report.results) {
    const mark = x.state === 'open' ? c.green('✔') : c.red('✘')
    const state = x.state === 'open' ? c.green(x.state.padEnd(11)) : c.red(x.state.padEnd(11))
    const extra = x.state === 'open' ? ownerText(x) : (x.code ?? '')
    const via = x.via === 'localhost' ? c.dim('  (not from the resolver: browsers and curl try it for localhost)') : ''
    lines.push(`  ${mark} ${hostPort(x.address, t.port).padEnd(width)}  ${x.family}  ${state} ${ms(x.elapsedMs).padStart(9)}  ${extra}${via}`)
  }
  lines.push('')
  lines.push(report.answered ? c.bold(report.verdict) : c.bold(c.red(report.verdict)))
  for (const n of report.notes) lines.push(`  ${n}`)
  return `${lines.join('\n')}\n`
}
