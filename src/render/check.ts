/**
 * The human view of `check`: plain words for the non-developer first ("This is Redis: … Only programs on this computer
 * can reach it. Verdict: danger."), then the details a developer wants (owner, what it answered, each risk with its
 * evidence and fix). Without a target: one table of every listener, then the findings that matter, worst first.
 */
import type { CheckReport, CheckedListener, ListenerDetails } from '../diagnose/check/check.js'
import { hostPort } from '../net/address.js'
import { colorsEnabled, createColors, type Colors } from './colors.js'
import { escapeStrings, oneLine } from './escape.js'
import { ms } from './format.js'

/** `text` ending with one full stop (the fixes are written as sentences already; the evidence is not). */
const sentence = (text: string): string => /[.!?]$/.test(text) ? text : `${text}.`

type Row = CheckedListener & { details: ListenerDetails }

const VERDICT_WORDS: Record<Row['verdict'], string> = {
  danger: 'danger: someone who can reach it can do real harm',
  review: 'review: probably fine, but worth a look',
  ok: 'ok',
}

function reach (l: Row): string {
  if (l.exposure === 'loopback') return 'Only programs on this computer can reach it.'
  if (l.exposure === 'all-interfaces') return 'Other computers can reach it too (it listens on every interface), unless a firewall stops them.'
  return `Computers that can reach ${l.address} can reach it.`
}

function whoText (l: Row): string {
  if (l.pid === null) return 'a program we may not see (another user\'s: run with sudo, or it lives in another container)'
  return `${l.command ?? '?'} (pid ${l.pid})`
}

/** A known program's `what` after "This is <name>: ". */
function afterColon (what: string): string {
  return /^(A|An|The|It) /.test(what) ? what[0]!.toLowerCase() + what.slice(1) : what
}

/** "This is …: …. Only … Verdict: …." Also the dashboard's words for a checked listener (no colors there). */
export function plainWords (l: Row, c: Colors = createColors(false)): string[] {
  const known = l.details.known
  const guess = known !== null && known.by.length === 1 && known.by[0] === 'port'
  const lines: string[] = []
  if (known !== null) {
    lines.push(`${guess ? 'This is probably' : 'This is'} ${known.program.name}${guess ? ` (only its port says so; the owner is ${whoText(l)})` : ''}: ${afterColon(known.program.what)}`)
  } else if (l.pid !== null) {
    lines.push(`This is ${whoText(l)}, a program this lab does not know${l.service.protocol !== 'unknown' ? `; it speaks ${l.service.product ?? l.service.protocol}` : ''}.`)
  } else {
    lines.push(`This port is held by ${whoText(l)}${l.service.protocol !== 'unknown' ? `; it speaks ${l.service.product ?? l.service.protocol}` : ''}.`)
  }
  lines.push(reach(l))
  const top = l.risks[0]
  const verdict = `Verdict: ${VERDICT_WORDS[l.verdict]}.`
  lines.push(l.verdict === 'danger' ? c.bold(c.red(verdict)) : l.verdict === 'review' ? c.yellow(verdict) : c.green(verdict))
  if (top !== undefined) lines.push(`${sentence(top.evidence)} Fix: ${sentence(top.fix)}`)
  return lines
}

function rangeText (d: ListenerDetails): string {
  if (d.ephemeral === true) return 'in the ephemeral range: probably OS-assigned, a different number next run'
  if (d.portClass === 'well-known') return 'well-known (<1024)'
  return d.portClass
}

/** `  label      value`: the labels in one column. */
function field (label: string, value: string): string {
  return `  ${label.padEnd(10)} ${value}`
}

const UNDER = ' '.repeat(13)

function details (l: Row, c: Colors): string[] {
  const d = l.details
  const out: string[] = []
  out.push(c.bold('Details'))
  out.push(field('address', `${hostPort(l.address, l.port)} (${l.family}, ${l.exposure}); port ${rangeText(d)}${d.servicesName === null ? '' : `; /etc/services calls it ${d.servicesName}`}`))
  const o = d.owner
  if (l.pid === null) {
    out.push(field('owner', `not visible${l.user === null ? '' : ` (the socket was opened by ${l.user})`}`))
  } else {
    out.push(field('owner', `pid ${l.pid}${d.otherOwners > 0 ? ` (+${d.otherOwners} more sharing the socket)` : ''}, user ${l.user ?? '?'}, ${l.command ?? '?'}`))
    const line = o?.commandLine ?? l.commandLine
    if (line !== null) out.push(field('command', oneLine(line, 300)))
    if (o !== null) {
      if (o.executable !== null) out.push(field('program', o.executable))
      if (o.parent !== null) out.push(field('parent', `${o.parent.command ?? '?'} (pid ${o.parent.pid})`))
      if (o.startedAt !== null) out.push(field('started', o.startedAt))
      if (o.unavailable.length > 0) out.push(c.dim(`  (${o.source} does not give: ${o.unavailable.join(', ')})`))
    }
  }
  if (d.probedAt !== null) {
    const what = [l.service.protocol, l.service.product, l.service.version].filter((x) => x !== undefined).join(' ')
    out.push(field('speaks', `${what}${d.probedAt !== l.address ? c.dim(` (asked at ${hostPort(d.probedAt, l.port)})`) : ''}`))
    for (const e of l.service.evidence) out.push(c.dim(`${UNDER}${e}`))
    for (const n of d.probeNotes) out.push(c.dim(`${UNDER}${n}`))
  }
  if (d.known !== null) {
    out.push(field('if reached', d.known.program.ifReached))
    out.push(c.dim(`  (recognised by ${d.known.by.join(', ')}; ${d.known.program.sources.join(', ')})`))
  }
  for (const r of l.risks) {
    const tag = `[${r.severity}] ${r.id}`
    out.push(`  ${r.severity === 'high' ? c.red(tag) : r.severity === 'medium' ? c.yellow(tag) : tag}: ${r.evidence}`)
    out.push(`      fix: ${r.fix}`)
  }
  return out
}

function table (rows: Row[], c: Colors): string[] {
  const head = ['PROTO', 'ADDRESS', 'PORT', 'FAMILY', 'EXPOSURE', 'PID', 'COMMAND', 'USER', 'PORT RANGE', 'PROTOCOL', 'PROGRAM', 'VERDICT']
  const cells = rows.map((l) => [
    'tcp',
    l.address,
    String(l.port),
    l.family,
    l.exposure === 'all-interfaces' ? 'all-interfaces !' : l.exposure,
    l.pid === null ? '?' : String(l.pid) + (l.details.otherOwners > 0 ? `+${l.details.otherOwners}` : ''),
    l.command ?? '?',
    l.user === null ? '?' : oneLine(l.user, 32),
    l.details.ephemeral === true ? 'ephemeral' : l.details.portClass,
    l.service.protocol === 'unknown' ? (l.details.probedAt === null ? '-' : '?') : l.service.protocol,
    oneLine(l.program ?? '?', 40),
    l.verdict,
  ])
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i]!.length)))
  const line = (r: string[]): string => r.map((v, i) => i === r.length - 1 ? v : v.padEnd(widths[i]!)).join('  ')
  const out = [c.bold(line(head))]
  for (const [i, r] of cells.entries()) {
    const v = rows[i]!.verdict
    const text = line(r)
    out.push(v === 'danger' ? c.red(text) : v === 'review' ? c.yellow(text) : text)
  }
  return out
}

export function renderCheck (checked: CheckReport, c: Colors = createColors(colorsEnabled(process.stdout))): string {
  // Command lines, process names and banners came from outside.
  const report = escapeStrings(checked)
  const out: string[] = []
  const rows = report.listeners
  if (report.port !== undefined) {
    if (rows.length === 0) {
      for (const n of report.notes) out.push(n)
      return `${out.join('\n')}\n`
    }
    for (const [i, l] of rows.entries()) {
      if (i > 0) out.push('')
      if (rows.length > 1) out.push(c.bold(hostPort(l.address, l.port)))
      out.push(...plainWords(l, c), '', ...details(l, c))
    }
  } else if (rows.length === 0) {
    out.push('No TCP socket is listening.')
  } else {
    out.push(...table(rows, c))
    const findings = rows.filter((l) => l.verdict !== 'ok')
    out.push('')
    if (findings.length === 0) {
      out.push(c.green(`Nothing here needs a look: every listener is ok${report.probed ? '' : ' by its address (not probed)'}.`))
    } else {
      out.push(c.bold('Findings, worst first'))
      for (const l of findings) {
        out.push('')
        out.push(c.bold(`${hostPort(l.address, l.port)}  ${l.program ?? whoText(l)}`))
        out.push(...plainWords(l, c).map((x) => `  ${x}`))
        for (const r of l.risks.slice(1)) out.push(`  Also ${r.id} (${r.severity}): ${sentence(r.evidence)} Fix: ${sentence(r.fix)}`)
      }
      out.push('', c.dim('`localhost-lab check PORT` shows one listener in detail.'))
    }
  }
  const dangers = rows.filter((l) => l.verdict === 'danger').length
  out.push('', c.dim(`${rows.length} listener${rows.length === 1 ? '' : 's'} checked in ${ms(report.elapsedMs)}${dangers > 0 ? `, ${dangers} danger` : ''}.`))
  for (const n of report.notes) out.push(c.dim(n))
  return `${out.join('\n')}\n`
}
