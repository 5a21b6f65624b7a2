/**
 * `explain --probe`: connect, right now, to the address and port an error text named, and report what happened.
 *
 * A small adapter so `explain` does not depend on how probing is done: today a plain TCP connect per address
 * (src/clients/attempt.ts); the full `probe` command (src/diagnose/probe.ts) can replace the body of `probeFound`
 * without touching explain. It only ever connects to this machine: a loopback literal (127.0.0.0/8, ::1), or
 * `localhost` / `*.localhost`, which resolve locally (no DNS query leaves the machine). Anything else is reported as
 * not probed, with the reason.
 */
import { lookup } from 'node:dns/promises'
import { isIP } from 'node:net'
import { tcpConnect } from '../clients/attempt.js'
import type { Outcome } from '../events.js'

export interface ProbeFoundResult {
  /** One TCP connect per address tried, in the order the name resolved (as Node would try them). */
  outcomes: Outcome[]
  /** Why nothing (or not everything) was probed, in plain words; empty when every address was tried. */
  notProbed: string[]
}

export interface ProbeFoundOptions {
  /** Give up on each connect after this many ms. Default 1000. */
  timeoutMs?: number
  signal?: AbortSignal
}

export function isLoopback (address: string): boolean {
  const v = isIP(address)
  if (v === 4) return address.startsWith('127.')
  if (v === 6) return address === '::1' || /^::ffff:127\./i.test(address)
  return false
}

function isLocalName (name: string): boolean {
  return /^localhost$|\.localhost$/i.test(name)
}

/** Connect to each address `address` stands for, on `port`, when that is this machine. Never throws. */
export async function probeFound (address: string | null, port: number | null, opts: ProbeFoundOptions = {}): Promise<ProbeFoundResult> {
  if (port === null) return { outcomes: [], notProbed: ['the text names no port, so there is nothing to probe'] }
  const host = address ?? 'localhost'
  const notProbed: string[] = []
  if (address === null) notProbed.push(`the text names port ${port} but no address: probing localhost`)
  let addresses: string[]
  if (isIP(host) !== 0) {
    addresses = [host]
  } else if (isLocalName(host)) {
    try {
      // Node's own default order (dns.getDefaultResultOrder()), the way net.connect and fetch see it.
      addresses = (await lookup(host, { all: true })).map((a) => a.address)
    } catch (err) {
      return { outcomes: [], notProbed: [...notProbed, `could not resolve ${host}: ${(err as Error).message}`] }
    }
  } else {
    return { outcomes: [], notProbed: [`${host} is not this machine's name: --probe only connects to localhost, 127.x.x.x or ::1`] }
  }
  const outcomes: Outcome[] = []
  for (const a of addresses) {
    if (!isLoopback(a)) {
      notProbed.push(a === '0.0.0.0' || a === '::'
        ? `${a} means "every interface" (a listening address, not a destination): probe ${a === '::' ? '::1' : '127.0.0.1'} instead`
        : `${a} is not a loopback address: --probe only connects to this machine`)
      continue
    }
    const connectOpts: Parameters<typeof tcpConnect>[0] = { host: a, port, timeoutMs: opts.timeoutMs ?? 1000 }
    if (opts.signal) connectOpts.signal = opts.signal
    outcomes.push(await tcpConnect(connectOpts))
  }
  return { outcomes, notProbed }
}
