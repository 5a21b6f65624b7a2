/**
 * `probe`: resolve a name the way Node does, then try each address it gives on the one port the user named, one
 * connect per address, and say what answered, how fast, and which process holds the listener. It never scans: one port,
 * the addresses of the one host.
 */
// Named: a default import made esbuild copy every export of node:dns into an object of its own at each start.
import { promises as dnsPromises } from 'node:dns'
import { tcpConnect } from '../../clients/attempt.js'
import { LabError } from '../../core/errors.js'
import type { Family } from '../../core/events.js'
import { canonicalAddress, familyOf, hostPort, isAnyAddress, isLocalhostName, isLoopback, localAddresses, loopbackAddress } from '../../net/address.js'
import { now, since } from '../../core/clock.js'
import { ephemeralRange, type EphemeralRange } from '../../net/ephemeral-range.js'
import { nodeNetDefaults } from '../../net/resolver.js'
import { listListeners, type Listener, type ListOptions } from '../ports/listeners.js'
import { ms } from '../../render/format.js'
import { parseTarget, type Target } from './target.js'

export { parseTarget, ACCEPTED_FORMS, type Target } from './target.js'

export type AddressState = 'open' | 'refused' | 'timed-out' | 'unreachable' | 'error'

export interface AddressProbe {
  address: string
  family: Family
  /** `resolver`: dns.lookup returned it. `literal`: the user typed it. `localhost`: added because `localhost` means
   * loopback in both families to browsers and curl even where the resolver returns one (RFC 6761). */
  via: 'resolver' | 'literal' | 'localhost'
  state: AddressState
  /** The error code (ECONNREFUSED, ETIMEDOUT, EADDRNOTAVAIL ...), absent when open. */
  code?: string
  elapsedMs: number
  /** What Node's client said, for failures. */
  message?: string
  /** The connection's own ends, when open. */
  localAddress?: string
  localPort?: number
  /** Whether the address belongs to this machine (so the listener's owner can be looked up). */
  local: boolean
  /** The listening socket that took (or would take) connections to this address, with its owners. */
  listener?: Listener
}

export interface ProbeReport {
  target: Target
  resolver: {
    /** dns.getDefaultResultOrder(): `verbatim` (as the resolver answered) or `ipv4first`. */
    order: string
    /** net.getDefaultAutoSelectFamily(): Node tries the next address if the first fails (Happy Eyeballs). */
    autoSelectFamily: boolean
    /** What dns.lookup(host, { all: true }) returned, in order. */
    addresses: Array<{ address: string, family: Family }>
    /** Set when the name did not resolve. */
    error?: { code?: string, message: string }
    elapsedMs: number
  }
  timeoutMs: number
  results: AddressProbe[]
  /**
   * Addresses the target resolved to (or was) that are not this machine's: loopback, the any-address and this
   * machine's interface addresses are. When there is any, nothing was connected to (`results` is empty): probe
   * promises to stay on this machine, and a name (`x.localhost` asked of DNS, a hosts file) can point anywhere.
   */
  outside: Array<{ address: string, family: Family }>
  /** Every listener on the port on this machine (read-only, no connection), when the host is local. */
  listeners: Listener[]
  range: EphemeralRange
  /** True when at least one address accepted the connection. */
  answered: boolean
  /** One-line verdict, then the reasoning and what to do. */
  verdict: string
  notes: string[]
}

export interface ProbeOptions {
  /** Per-address connect timeout. Default 1000 ms. */
  timeoutMs?: number
  /** Replace dns.lookup (tests use it to answer `localhost` with ::1 first, as many /etc/hosts do). */
  lookup?: (host: string) => Promise<Array<{ address: string, family: number }>>
  /** Look up listeners and their owners for local addresses. Default true. */
  owners?: boolean
  /** Where to read listeners from (see listeners.ts). Default `auto`. */
  source?: ListOptions['source']
  signal?: AbortSignal
}

function defaultLookup (host: string): Promise<Array<{ address: string, family: number }>> {
  // No `order` or `verbatim` option: Node's own default (dns.getDefaultResultOrder()) applies, as it does for net.connect.
  return dnsPromises.lookup(host, { all: true })
}

function stateOf (code: string | undefined): AddressState {
  if (code === undefined) return 'open'
  if (code === 'ECONNREFUSED') return 'refused'
  if (code === 'ETIMEDOUT') return 'timed-out'
  if (['ENETUNREACH', 'EHOSTUNREACH', 'EADDRNOTAVAIL', 'EAFNOSUPPORT', 'ENETDOWN', 'EHOSTDOWN'].includes(code)) return 'unreachable'
  return 'error'
}

/** The listener that takes connections to `address`: the exact address, else the family's wildcard (or a dual-stack ::). */
export function listenerFor (address: string, family: Family, listeners: readonly Listener[]): Listener | undefined {
  // Canonical on both sides: a `::ffff:127.0.0.1` listener takes connections to 127.0.0.1.
  const exact = listeners.find((l) => canonicalAddress(l.address) === canonicalAddress(address))
  if (exact) return exact
  const wildcard = listeners.find((l) => l.family === family && isAnyAddress(l.address))
  if (wildcard) return wildcard
  // On Linux a `::` socket also takes IPv4 unless it was opened IPV6_V6ONLY.
  return family === 'IPv4' ? listeners.find((l) => l.family === 'IPv6' && isAnyAddress(l.address) && l.dualStack !== false) : undefined
}

/** Resolve, connect to each address (in parallel, one attempt each), look up owners, explain. Never throws for
 * network outcomes; throws LabError only for a target it cannot read. */
export async function probeTarget (target: string | Target, opts: ProbeOptions = {}): Promise<ProbeReport> {
  const parsed = typeof target === 'string' ? parseTarget(target) : target
  if (parsed instanceof LabError) throw parsed
  const timeoutMs = opts.timeoutMs ?? 1000
  const lookup = opts.lookup ?? defaultLookup
  const rangePromise = ephemeralRange()

  const node = nodeNetDefaults()
  const resolver: ProbeReport['resolver'] = {
    order: node.resultOrder,
    autoSelectFamily: node.autoSelectFamily,
    addresses: [],
    elapsedMs: 0,
  }
  const candidates: Array<{ address: string, family: Family, via: AddressProbe['via'] }> = []
  if (!parsed.isName) {
    candidates.push({ address: parsed.host, family: familyOf(parsed.host)!, via: 'literal' })
    resolver.addresses.push({ address: parsed.host, family: familyOf(parsed.host)! })
  } else {
    const t0 = now()
    try {
      const found = await lookup(parsed.host)
      for (const a of found) {
        const family: Family = a.family === 6 ? 'IPv6' : 'IPv4'
        if (resolver.addresses.some((r) => r.address === a.address)) continue
        resolver.addresses.push({ address: a.address, family })
        candidates.push({ address: a.address, family, via: 'resolver' })
      }
    } catch (err) {
      const e = err as NodeJS.ErrnoException
      resolver.error = { message: e.message }
      if (e.code !== undefined) resolver.error.code = e.code
    }
    resolver.elapsedMs = since(t0)
    if (isLocalhostName(parsed.host)) {
      for (const family of ['IPv4', 'IPv6'] as const) {
        if (!candidates.some((c) => c.family === family)) candidates.push({ address: loopbackAddress(family), family, via: 'localhost' })
      }
    }
  }

  // Asked only for an address that is not loopback: networkInterfaces() took ~0.4 ms of a Node 20 start (issue 15).
  let mine: Set<string> | undefined
  const onThisMachine = (address: string): boolean => isLoopback(address) || isAnyAddress(address) || (mine ??= localAddresses()).has(canonicalAddress(address))
  // Every address or none: the resolved addresses, not the name, say where a connect would go.
  const outside = candidates.filter((c) => !onThisMachine(c.address)).map(({ address, family }) => ({ address, family }))
  const tried = outside.length > 0 ? [] : candidates
  const results: AddressProbe[] = await Promise.all(tried.map(async (c) => {
    const o = await tcpConnect({ host: c.address, port: parsed.port, timeoutMs, signal: opts.signal })
    const r: AddressProbe = {
      address: c.address, family: c.family, via: c.via, state: stateOf(o.ok ? undefined : o.code ?? 'ERROR'), elapsedMs: o.elapsedMs,
      local: onThisMachine(c.address),
    }
    if (!o.ok) {
      if (o.code !== undefined) r.code = o.code
      if (o.message !== undefined) r.message = o.message
    } else {
      r.localAddress = o.localAddress!
      r.localPort = o.localPort!
    }
    return r
  }))

  let listeners: Listener[] = []
  if ((opts.owners ?? true) && results.some((r) => r.local)) {
    try {
      listeners = (await listListeners({ port: parsed.port, source: opts.source, range: await rangePromise })).listeners
    } catch {
      // No way to list listeners here (no /proc, no lsof): the probe still stands on its own.
    }
    for (const r of results) {
      if (!r.local || r.state !== 'open') continue
      const l = listenerFor(r.address, r.family, listeners)
      if (l) r.listener = l
    }
  }
  const range = await rangePromise
  const { verdict, notes } = explainProbe(parsed, resolver, results, listeners, range, timeoutMs, outside)
  return { target: parsed, resolver, timeoutMs, results, outside, listeners, range, answered: results.some((r) => r.state === 'open'), verdict, notes }
}

function list (items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`
}

function owner (l: Listener | undefined): string {
  if (!l) return ''
  if (l.pid === null) return ' (owner not visible from here)'
  return ` (${l.command}, pid ${l.pid}${l.owners.length > 1 ? ` and ${l.owners.length - 1} more` : ''})`
}

/** The verdict and its reasoning, from the measured results only. Exported for tests and for `explain --probe`. */
export function explainProbe (
  target: Target,
  resolver: ProbeReport['resolver'],
  results: AddressProbe[],
  listeners: Listener[],
  range: EphemeralRange,
  timeoutMs: number,
  outside: ProbeReport['outside'] = [],
): { verdict: string, notes: string[] } {
  const port = target.port
  const notes: string[] = []
  if (outside.length > 0) {
    const where = target.isName ? `'${target.host}' resolves to ${list(resolver.addresses.map((a) => a.address))}` : `${target.host} is an address`
    const verdict = `not probed: ${where}, and ${list(outside.map((a) => a.address))} ${outside.length > 1 ? 'are' : 'is'} not this machine's: probe connects only to this machine, so it tried none of them`
    notes.push(`Loopback (127.x.x.x, ::1) and this machine's own interface addresses are probed. A name can point anywhere (a hosts file, or DNS when the system resolver asks it about x.localhost): probe ${hostPort('127.0.0.1', port)} or ${hostPort('::1', port)} to test this machine.`)
    return { verdict, notes }
  }
  const open = results.filter((r) => r.state === 'open')
  const refused = results.filter((r) => r.state === 'refused')
  const timedOut = results.filter((r) => r.state === 'timed-out')
  const unreachable = results.filter((r) => r.state === 'unreachable')
  const others = results.filter((r) => r.state === 'error')
  const addr = (r: AddressProbe): string => r.address
  let verdict: string

  if (resolver.error && results.length === 0) {
    verdict = `the name '${target.host}' does not resolve (${resolver.error.code ?? 'error'}): no address to connect to, so nothing was tried`
    notes.push(`Check the spelling, or use an address: ${hostPort('127.0.0.1', port)}.`)
    return { verdict, notes }
  }

  // Where it really listens (the listener's own address, from listListeners), not which of our addresses answered:
  // a 0.0.0.0 listener answers on 127.0.0.1 and on every other interface of the machine.
  const wide = open.find((r) => r.listener?.exposure === 'all-interfaces')?.listener
  if (wide) {
    notes.push(`It listens on ${wide.address} (all interfaces): other computers can connect too, unless a firewall stops them. Bind 127.0.0.1 if only this machine should.`)
  }
  const wideText = wide ? `listening on ${hostPort(wide.address, port)}${owner(wide)}, every ${wide.address === '0.0.0.0' || !wide.dualStack ? `${wide.family} ` : ''}interface: other machines can reach it too` : ''
  if (open.length > 0 && open.length === results.length) {
    verdict = wide
      ? wideText
      : open.length > 1
        ? `open on ${list(open.map(addr))}: clients reach it whichever address they use`
        : `open on ${hostPort(open[0]!.address, port)}${owner(open[0]!.listener)}`
  } else if (open.length > 0) {
    const closed = results.filter((r) => r.state !== 'open')
    const failing = `clients that use ${list(closed.map(addr))} get ${list([...new Set(closed.map((r) => r.code ?? r.state))])}`
    verdict = wide ? `${wideText}; ${failing}` : `listening on ${list(open.map(addr))} only; ${failing}`
    if (target.isName && isLocalhostName(target.host)) {
      const first = resolver.addresses[0]
      const fam = loopbackAddress(open[0]!.family === 'IPv4' ? 'IPv6' : 'IPv4')
      notes.push(`Clients that resolve localhost to ${fam} first will be refused.`)
      if (first) {
        const firstOpen = open.some((r) => r.address === first.address)
        notes.push(`On this machine dns.lookup('${target.host}') answers ${list(resolver.addresses.map((a) => a.address))} (order '${resolver.order}'), so a Node client here tries ${first.address} first${firstOpen ? ' and connects' : resolver.autoSelectFamily && resolver.addresses.length > 1 ? ', is refused, then falls back (autoSelectFamily is on)' : ' and is refused'}.`)
      }
      if (results.some((r) => r.via === 'localhost')) {
        notes.push(`This resolver does not return ${list(results.filter((r) => r.via === 'localhost').map(addr))} for localhost, but browsers and curl use both loopback addresses for the name localhost, and other machines' hosts files differ.`)
      }
    }
    notes.push(wide
      ? `Fix: for this machine only, listen on 127.0.0.1 and ::1 (two listeners); to stay reachable from other machines too, listen on :: (dual-stack) so that ::1 answers as well. Or point clients at the address that answers: ${hostPort(open[0]!.address, port)}.`
      : `Fix: make the server listen on both (two listeners, 127.0.0.1 and ::1), or point clients at the address that answers: ${hostPort(open[0]!.address, port)}.`)
  } else if (refused.length === results.length) {
    const slowest = Math.max(...refused.map((r) => r.elapsedMs))
    verdict = `nothing listens on port ${port} at ${list(refused.map(addr))}: refused in ${ms(slowest)}`
    notes.push('A refusal comes back at once: the kernel itself answers that no program holds this port on this address. Nothing is slow or blocked; the service is simply not there (not started, crashed, or on another port).')
  } else {
    const parts: string[] = []
    if (refused.length > 0) parts.push(`refused on ${list(refused.map(addr))}`)
    if (timedOut.length > 0) parts.push(`no answer within ${timeoutMs} ms from ${list(timedOut.map(addr))}`)
    if (unreachable.length > 0) parts.push(`unreachable: ${list(unreachable.map((r) => `${r.address} (${r.code})`))}`)
    if (others.length > 0) parts.push(`failed: ${list(others.map((r) => `${r.address} (${r.code ?? 'error'})`))}`)
    verdict = `nothing answered on port ${port}: ${parts.join('; ')}`
  }

  if (timedOut.length > 0) {
    notes.push(`A timeout is not a refusal: a port with nothing behind it answers at once. Waiting ${timeoutMs} ms means something is in the way: a firewall dropping packets, or a listener whose accept queue is full because the program stopped accepting.`)
  }
  if (unreachable.length > 0) {
    notes.push(`Unreachable means this machine has no way to send there (${list([...new Set(unreachable.map((r) => r.code!))])}): for ::1, IPv6 may be disabled.`)
  }

  // A listener on the port, but not on an address we tried: bound to another interface.
  const tried = new Set(results.map((r) => r.address))
  const elsewhere = listeners.filter((l) => !tried.has(l.address) && !results.some((r) => r.state === 'open' && r.listener === l))
  if (open.length === 0 && elsewhere.length > 0) {
    notes.push(`Something does listen on port ${port}, at ${list(elsewhere.map((l) => `${l.address}${owner(l)}`))}: it is bound to that address only, not to the one you asked for.`)
  }

  if (range.known && port >= range.first && port <= range.last) {
    notes.push(`Port ${port} lies in this system's ephemeral range (${range.first}-${range.last}): probably assigned by the OS to one run of a program (it asked for port 0). After a restart that program gets another number; read it from its output.`)
  } else if (port >= 49152) {
    notes.push(`Port ${port} is in IANA's dynamic range (49152-65535), where Windows and macOS pick temporary ports${range.known ? `; this system picks from ${range.first}-${range.last}, so here a program chose this number itself, or it comes from another machine's log` : ''}.`)
  } else if (port < 1024) {
    notes.push(`Port ${port} is a well-known port (below 1024): a fixed number, and listening on it usually needs privileges.`)
  }
  return { verdict, notes }
}
