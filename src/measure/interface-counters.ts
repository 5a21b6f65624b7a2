/**
 * The kernel's byte and packet counters of every network interface: Linux /proc/net/dev, macOS and BSD `netstat -ib`.
 * Read before and after moving data, they show which interfaces carried it: traffic to 127.0.0.1 moves only the
 * loopback interface's counters. Read-only; connects to nothing.
 *
 * Beware: the counters are the whole machine's (this network namespace's), not ours alone: whatever else runs here
 * adds to them, on the loopback interface too. Compare against a window of the same length without our traffic.
 */
import { readFile } from 'node:fs/promises'
import { now } from '../core/clock.js'
import { run } from '../process/tool.js'

export interface InterfaceCounters {
  name: string
  /** The loopback interface (`lo` on Linux, `lo0` on macOS and BSD). */
  loopback: boolean
  rxBytes: number
  rxPackets: number
  txBytes: number
  txPackets: number
}

export interface CounterReading {
  /** Where the counters came from: a file or a command line. */
  source: string
  /** Lab clock (ms) when they were read. */
  at: number
  interfaces: InterfaceCounters[]
}

const LOOPBACK_NAME = /^lo\d*$/

/**
 * /proc/net/dev: two header lines, then `name: ` and 16 numbers, the receive side's 8 (bytes, packets, errs, drop,
 * fifo, frame, compressed, multicast) and the transmit side's 8 (bytes, packets, errs, drop, fifo, colls, carrier,
 * compressed), as net/core/net-procfs.c prints them.
 */
export function parseProcNetDev (text: string): InterfaceCounters[] {
  const out: InterfaceCounters[] = []
  for (const line of text.split('\n')) {
    const colon = line.indexOf(':')
    if (colon < 0 || line.includes('|')) continue
    const name = line.slice(0, colon).trim()
    const f = line.slice(colon + 1).trim().split(/\s+/).map(Number)
    if (name === '' || f.length < 16 || f.some((n) => !Number.isFinite(n))) continue
    out.push({ name, loopback: LOOPBACK_NAME.test(name), rxBytes: f[0]!, rxPackets: f[1]!, txBytes: f[8]!, txPackets: f[9]! })
  }
  return out
}

/**
 * `netstat -ib` (macOS, BSD): a header naming the columns, then one `<Link#n>` row per interface followed by a row
 * per address repeating the same counters (taken once). The Address column is empty on some rows (lo0's link row),
 * so the counters are found counting columns from the end of the line, as the header places them. A name ending
 * in `*` is an interface that is down.
 */
export function parseNetstatIb (text: string): InterfaceCounters[] {
  const lines = text.split('\n')
  const header = lines[0]?.trim().split(/\s+/) ?? []
  const fromEnd = (column: string): number => header.indexOf(column) < 0 ? -1 : header.length - header.indexOf(column)
  const columns = { ipkts: fromEnd('Ipkts'), ibytes: fromEnd('Ibytes'), opkts: fromEnd('Opkts'), obytes: fromEnd('Obytes') }
  if (Object.values(columns).some((c) => c < 0)) return []
  const seen = new Set<string>()
  const out: InterfaceCounters[] = []
  for (const line of lines.slice(1)) {
    const f = line.trim().split(/\s+/)
    if (f.length < header.length - 1 || f[0] === 'Name') continue
    const name = f[0]!.replace(/\*$/, '')
    if (seen.has(name)) continue
    const at = (c: number): number => Number(f[f.length - c])
    const row = { rxPackets: at(columns.ipkts), rxBytes: at(columns.ibytes), txPackets: at(columns.opkts), txBytes: at(columns.obytes) }
    if (Object.values(row).some((n) => !Number.isInteger(n))) continue
    seen.add(name)
    out.push({ name, loopback: LOOPBACK_NAME.test(name), ...row })
  }
  return out
}

/** Every interface's counters now, or undefined where this system shows them neither way (Windows). */
export async function readInterfaceCounters (platform: NodeJS.Platform = process.platform): Promise<CounterReading | undefined> {
  if (platform === 'linux') {
    const source = '/proc/net/dev'
    const text = await readFile(source, 'utf8').catch(() => undefined)
    return text === undefined ? undefined : { source, at: now(), interfaces: parseProcNetDev(text) }
  }
  if (platform === 'darwin' || platform === 'freebsd' || platform === 'openbsd') {
    const result = await run('netstat', ['-ib'], { timeoutMs: 3000 }).catch(() => undefined)
    return result === undefined ? undefined : { source: 'netstat -ib', at: now(), interfaces: parseNetstatIb(result.stdout) }
  }
  return undefined
}

export interface CounterChange {
  name: string
  loopback: boolean
  rxBytes: number
  txBytes: number
  rxPackets: number
  txPackets: number
}

/** What each interface present in both readings moved between them. */
export function counterChanges (before: CounterReading, after: CounterReading): CounterChange[] {
  const earlier = new Map(before.interfaces.map((i) => [i.name, i]))
  return after.interfaces.flatMap((a) => {
    const b = earlier.get(a.name)
    return b === undefined
      ? []
      : [{ name: a.name, loopback: a.loopback, rxBytes: a.rxBytes - b.rxBytes, txBytes: a.txBytes - b.txBytes, rxPackets: a.rxPackets - b.rxPackets, txPackets: a.txPackets - b.txPackets }]
  })
}
