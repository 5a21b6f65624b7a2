/**
 * Plain-text descriptions of observations, shared by every human renderer (console, transcript, dashboard).
 * They only rephrase the event's own fields; nothing here measures or decides anything.
 */
import type { DoneEvent, Observation, Outcome } from '../core/events.js'
import { hostPort } from '../net/address.js'

export function ms (value: number): string {
  if (value < 1) return `${(value * 1000).toFixed(0)} µs`
  if (value < 10) return `${value.toFixed(2)} ms`
  if (value < 1000) return `${value.toFixed(1)} ms`
  return `${(value / 1000).toFixed(2)} s`
}

/**
 * A whole number for people, in groups of three: 10,485,760, as `toLocaleString('en')` writes it. Not that call
 * itself: its first use loads ICU's number formatting, 12-14 ms on Node 20, 22 and 24 here, a tenth of a lesson.
 */
export function count (n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString('en')
  const digits = String(Math.abs(n))
  let out = digits.slice(0, digits.length % 3 || 3)
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return n < 0 ? `-${out}` : out
}

function ends (o: Outcome): string {
  if (o.localPort === undefined || o.remotePort === undefined) return ''
  return `${hostPort(o.localAddress!, o.localPort)} → ${hostPort(o.remoteAddress!, o.remotePort)}`
}

function targetOf (o: Outcome): string {
  const what = o.request ?? `${o.client} connect ${hostPort(o.target.host, o.target.port)}`
  return o.netns === undefined ? what : `${what} from ${o.netns}`
}

/** ` in container` for observations made inside a network namespace of ours. */
function inNetns (obs: { netns?: string }): string {
  return obs.netns === undefined ? '' : ` in ${obs.netns}`
}

export interface Line {
  /** `good`, `bad` or `info`: how a renderer may color it. */
  tone: 'good' | 'bad' | 'info'
  text: string
  /** Further lines: what the client printed, its inner errors. */
  detail: string[]
}

export function describeOutcome (o: Outcome): Line {
  const detail: string[] = []
  if (o.ok) {
    const parts = [ends(o)]
    if (o.status !== undefined) parts.push(`HTTP ${o.status}`)
    if (o.timings?.roundTripMs !== undefined) parts.push(`echo round trip ${ms(o.timings.roundTripMs)}`)
    if (o.closeCode !== undefined) parts.push(`closed ${o.closeCode}`)
    if (o.attempted && o.attempted.length > 1) parts.push(`tried ${o.attempted.join(', then ')}`)
    return { tone: 'good', text: `${targetOf(o)}: ${parts.filter(Boolean).join(', ')} (${ms(o.elapsedMs)})`, detail }
  }
  const what = [o.code ?? (o.status !== undefined ? `HTTP ${o.status}` : 'failed')]
  if (o.syscall) what.push(`syscall ${o.syscall}`)
  if (o.address !== undefined && o.port !== undefined) what.push(`${o.family ?? 'address'} ${hostPort(o.address, o.port)}`)
  if (o.closeCode !== undefined) what.push(`close ${o.closeCode}`)
  if (o.message) detail.push(`the client says: ${o.message}`)
  else if (o.errorName) detail.push(`the client says: ${o.errorName}${o.code ? ` [${o.code}]` : ''} (its message is empty)`)
  for (const c of o.causes ?? []) detail.push(`  cause: ${c.message}${c.code && !c.message.includes(c.code) ? ` (${c.code})` : ''}`)
  if (o.code === 'EOF') detail.push('the other side closed the connection (FIN): Node emits \'end\', no error')
  if (o.attempted && o.attempted.length > 1) detail.push(`tried ${o.attempted.join(', then ')}`)
  if (o.bytes) detail.push(`bytes: ${o.bytes.sent} sent, ${o.bytes.received} received`)
  if (o.timings?.openForMs !== undefined) detail.push(`the WebSocket was open for ${ms(o.timings.openForMs)}, then closed ${o.closeCode}${o.closeCode === 1006 ? ' without a close frame' : ''}`)
  return { tone: 'bad', text: `${targetOf(o)}: ${what.join(', ')} (${ms(o.elapsedMs)})`, detail }
}

/** A fact's value for people: `first 32768, last 60999` rather than JSON; nested objects in parentheses. */
export function value (v: unknown, depth = 0): string {
  if (v === null || v === undefined) return 'none'
  if (Array.isArray(v)) return v.length === 0 ? 'none' : v.map((x) => value(x, depth + 1)).join(', ')
  if (typeof v === 'object') {
    if (depth > 2) return JSON.stringify(v)
    const parts = Object.entries(v as Record<string, unknown>).map(([k, x]) => {
      const inner = value(x, depth + 1)
      return typeof x === 'object' && x !== null && !Array.isArray(x) ? `${k} (${inner})` : `${k} ${inner}`
    })
    return parts.join(', ')
  }
  return String(v)
}

export function describeObservation (obs: Observation): Line {
  switch (obs.kind) {
    case 'listening':
      return { tone: 'good', text: `${obs.name} listening on ${hostPort(obs.address, obs.port)}${inNetns(obs)} (${ms(obs.elapsedMs)})`, detail: [] }
    case 'closed':
      return { tone: 'info', text: `${obs.name} closed ${hostPort(obs.address, obs.port)}${inNetns(obs)}`, detail: [] }
    case 'listen-error':
      return {
        tone: 'bad',
        text: `${obs.name} listen ${hostPort(obs.address, obs.port)}${inNetns(obs)}: ${obs.code ?? 'failed'} (${ms(obs.elapsedMs)})`,
        detail: [`the server says: ${obs.message}`],
      }
    case 'fact':
      return { tone: 'info', text: `${obs.name}: ${value(obs.value)}${obs.source ? ` (from ${obs.source})` : ''}`, detail: [] }
    case 'attempt':
      return describeOutcome(obs.outcome)
    case 'connection':
      return describeConnection(obs)
  }
}

/** How a run ended: reproduced, not reproduced (and why), skipped or interrupted. */
export function describeDone (e: Pick<DoneEvent, 'ok' | 'observed' | 'missing' | 'skipped' | 'error' | 'interrupted' | 'durationMs'>): Line {
  if (e.skipped !== undefined) return { tone: 'info', text: `skipped: ${e.skipped}`, detail: [] }
  if (e.interrupted !== undefined) return { tone: 'info', text: `interrupted (${e.interrupted}); everything we opened is closed`, detail: [] }
  if (e.ok) return { tone: 'good', text: `reproduced ${e.observed.length > 0 ? e.observed.join(', ') : 'the lesson'} in ${ms(e.durationMs)}`, detail: [] }
  return { tone: 'bad', text: `not reproduced: ${e.error ? e.error.message : `expected ${e.missing.join(', ')} but did not see it`}`, detail: [] }
}

function describeConnection (c: Extract<Observation, { kind: 'connection' }>): Line {
  const client = hostPort(c.remoteAddress, c.remotePort)
  if (c.phase === 'arrived') {
    return { tone: 'info', text: `${c.name}: ${client} connected to ${hostPort(c.address, c.port)}${c.action ? `; ${c.action}` : ''}`, detail: [] }
  }
  if (c.phase === 'request') {
    if (c.request === undefined) return { tone: 'info', text: `${c.name}: ${client}: ${c.action ?? 'sent something'}`, detail: [] }
    return { tone: 'info', text: `${c.name}: ${client} sent "${c.request}"${c.action ? `; ${c.action}` : ''}`, detail: [] }
  }
  const how = [`${c.closedBy !== undefined ? `${c.closedBy} closed` : 'closed'}${c.code ? ` (${c.code})` : ''}`]
  if (c.bytesIn !== undefined && c.bytesOut !== undefined) how.push(`${c.bytesIn} bytes in, ${c.bytesOut} out`)
  const after = c.durationMs !== undefined ? ` after ${ms(c.durationMs)}` : ''
  return { tone: 'info', text: `${c.name}: ${client} left${after} (${how.join(', ')})`, detail: [] }
}
