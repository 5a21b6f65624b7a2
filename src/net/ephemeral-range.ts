/**
 * The OS's ephemeral port range: where port 0 listeners and outgoing connections get their numbers from.
 * Read live from the system, never assumed.
 */
import { readFileSync } from 'node:fs'
import { run } from '../process/tool.js'

export type EphemeralRange =
  | { known: true, first: number, last: number, source: string }
  | { known: false, reason: string }

/** `/proc/sys/net/ipv4/ip_local_port_range` holds "32768\t60999". */
export function parseLinuxRange (text: string): { first: number, last: number } | null {
  const m = /^\s*(\d+)\s+(\d+)\s*$/.exec(text)
  return m ? { first: Number(m[1]), last: Number(m[2]) } : null
}

/** `sysctl -n net.inet.ip.portrange.first net.inet.ip.portrange.last` prints two lines. */
export function parseMacRange (text: string): { first: number, last: number } | null {
  const nums = text.trim().split(/\s+/).map(Number)
  return nums.length === 2 && nums.every(Number.isInteger) ? { first: nums[0]!, last: nums[1]! } : null
}

/** `netsh int ipv4 show dynamicport tcp`: "Start Port : 49152" and "Number of Ports : 16384". */
export function parseWindowsRange (text: string): { first: number, last: number } | null {
  const start = /Start Port\s*:\s*(\d+)/i.exec(text)
  const count = /Number of Ports\s*:\s*(\d+)/i.exec(text)
  if (!start || !count) return null
  const first = Number(start[1])
  return { first, last: first + Number(count[1]) - 1 }
}

async function stdoutOf (cmd: string, args: string[]): Promise<string> {
  return (await run(cmd, args, { timeoutMs: 3000 })).stdout
}

export async function ephemeralRange (platform: NodeJS.Platform = process.platform): Promise<EphemeralRange> {
  try {
    if (platform === 'linux') {
      // Synchronous: one small /proc file, and node:fs/promises at import cost `ports` 1.1–1.5 ms of its start.
      const source = '/proc/sys/net/ipv4/ip_local_port_range'
      const r = parseLinuxRange(readFileSync(source, 'utf8'))
      if (r) return { known: true, ...r, source }
    } else if (platform === 'darwin' || platform === 'freebsd') {
      const r = parseMacRange(await stdoutOf('sysctl', ['-n', 'net.inet.ip.portrange.first', 'net.inet.ip.portrange.last']))
      if (r) return { known: true, ...r, source: 'sysctl net.inet.ip.portrange.first/last' }
    } else if (platform === 'win32') {
      const r = parseWindowsRange(await stdoutOf('netsh', ['int', 'ipv4', 'show', 'dynamicport', 'tcp']))
      if (r) return { known: true, ...r, source: 'netsh int ipv4 show dynamicport tcp' }
    } else {
      return { known: false, reason: `no way to read the range on ${platform}` }
    }
    return { known: false, reason: 'the system answered in a shape we do not recognise' }
  } catch (err) {
    return { known: false, reason: `could not read it: ${(err as Error).message.split('\n')[0]}` }
  }
}

export function inRange (range: EphemeralRange, port: number): boolean | undefined {
  return range.known ? port >= range.first && port <= range.last : undefined
}
