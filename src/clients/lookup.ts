/**
 * A stand-in resolver for `lookup` options (net.connect, ws, lab.connect, lab.wsOpen): it answers names from a table,
 * the way a hosts file does, so a scenario can reproduce "localhost is ::1 first" on a machine whose own hosts file
 * says otherwise. Like dns.lookup, it then applies Node's result order: the caller's `order` (or `verbatim`), else
 * `dns.getDefaultResultOrder()`, which `--dns-result-order` and `dns.setDefaultResultOrder()` set.
 */
import dns from 'node:dns'
import { isIP, type LookupFunction } from 'node:net'

type Order = 'verbatim' | 'ipv4first' | 'ipv6first'

interface LookupOpts {
  family?: number | string
  all?: boolean
  order?: Order
  verbatim?: boolean
}

function orderOf (opts: LookupOpts): Order {
  if (opts.order) return opts.order
  if (opts.verbatim !== undefined) return opts.verbatim ? 'verbatim' : 'ipv4first'
  return dns.getDefaultResultOrder() as Order
}

/** `hostsLookup({ localhost: ['::1', '127.0.0.1'] })`: what a hosts file with `::1 localhost` first would answer. */
export function hostsLookup (table: Record<string, string[]>): LookupFunction {
  return function tableLookup (hostname, options, callback) {
    const opts = (options ?? {}) as LookupOpts
    const want = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : Number(opts.family ?? 0)
    let found = (table[hostname] ?? []).map((address) => ({ address, family: isIP(address) }))
      .filter((a) => want === 0 || a.family === want)
    const order = orderOf(opts)
    // A stable sort, as dns.lookup does it: only the families move, each family keeps its own order.
    if (order === 'ipv4first') found = [...found.filter((a) => a.family === 4), ...found.filter((a) => a.family === 6)]
    if (order === 'ipv6first') found = [...found.filter((a) => a.family === 6), ...found.filter((a) => a.family === 4)]
    const cb = callback as (err: NodeJS.ErrnoException | null, address: string | Array<{ address: string, family: number }>, family?: number) => void
    process.nextTick(() => {
      if (found.length === 0) {
        const err: NodeJS.ErrnoException = Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND', syscall: 'getaddrinfo', hostname })
        cb(err, opts.all ? [] : '', undefined)
      } else if (opts.all) {
        cb(null, found)
      } else {
        cb(null, found[0]!.address, found[0]!.family)
      }
    })
  }
}
