/**
 * `explain --probe`: probe, right now, the address and port an error text named, with the `probe` command's own code
 * (src/diagnose/probe/probe.ts). Only ever this machine: a loopback literal (127.0.0.0/8, ::1), or `localhost` /
 * `*.localhost` whose resolved addresses are all this machine's (glibc asks DNS about `x.localhost`, and DNS may
 * answer anything; probeTarget checks every address and connects to none if one is elsewhere). Anything else is
 * reported as not probed, with the reason: a pasted log line must not make us connect to somebody else's host.
 */
import { familyOf, hostPort, isAnyAddress, isLocalhostName, isLoopback, loopbackAddress } from '../../net/address.js'
import { probeTarget, type ProbeOptions, type ProbeReport } from '../probe/probe.js'

export interface ProbeFoundResult {
  /** The probe of the address and port found, when they are on this machine. */
  report?: ProbeReport
  /** Why nothing was probed, in plain words; empty when the probe ran. */
  notProbed: string[]
}

export interface ProbeFoundOptions {
  /** Give up on each connect after this many ms. Default 1000. */
  timeoutMs?: number
  signal?: AbortSignal
  /** Replace dns.lookup, as probeTarget allows (tests map a name to an address of their choice). */
  lookup?: ProbeOptions['lookup']
}

/** Probe `address`:`port` when that is this machine. Never throws. */
export async function probeFound (address: string | null, port: number | null, opts: ProbeFoundOptions = {}): Promise<ProbeFoundResult> {
  if (port === null) return { notProbed: ['the text names no port, so there is nothing to probe'] }
  const host = address ?? 'localhost'
  if (isAnyAddress(host)) {
    return { notProbed: [`${host} means "every interface" (a listening address, not a destination): probe ${loopbackAddress(familyOf(host) ?? 'IPv4')} instead`] }
  }
  if (!isLoopback(host) && !isLocalhostName(host)) {
    return { notProbed: [familyOf(host) !== undefined ? `${host} is not a loopback address: --probe only connects to this machine` : `${host} is not this machine's name: --probe only connects to localhost, 127.x.x.x or ::1`] }
  }
  const notProbed = address === null ? [`the text names port ${port} but no address: probing localhost`] : []
  const probeOpts: Parameters<typeof probeTarget>[1] = { timeoutMs: opts.timeoutMs ?? 1000 }
  if (opts.signal) probeOpts.signal = opts.signal
  if (opts.lookup) probeOpts.lookup = opts.lookup
  try {
    const report = await probeTarget(hostPort(host, port), probeOpts)
    // The name passed the check above, but the addresses decide: probeTarget tried none of them if one is elsewhere.
    if (report.outside.length > 0) {
      return { notProbed: [...notProbed, `${host} resolves to ${report.resolver.addresses.map((a) => a.address).join(', ')}, and ${report.outside.map((a) => a.address).join(', ')} ${report.outside.length > 1 ? 'are' : 'is'} not this machine's: --probe tried none of them`] }
    }
    return { report, notProbed }
  } catch (err) {
    return { notProbed: [...notProbed, `could not probe ${hostPort(host, port)}: ${(err as Error).message}`] }
  }
}
