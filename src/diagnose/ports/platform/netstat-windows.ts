/**
 * Windows: `netstat -ano` for the sockets and their PIDs, `tasklist /FO CSV /NH` for the program names.
 *
 *   Active Connections
 *
 *     Proto  Local Address          Foreign Address        State           PID
 *     TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1044
 *     TCP    [::1]:5173             [::]:0                 LISTENING       9916
 *
 * Windows translates the headings and the state word (LISTENING is ABHÖREN in German, 侦听 in Chinese), so a listener
 * is recognised by its shape, not its words: a TCP row whose foreign address is the unspecified address, port 0.
 */
import { familyOf, parseHostPort } from '../../../net/address.js'
import { mergeOwners, type RawListener } from './types.js'

export function parseNetstat (text: string, names: ReadonlyMap<number, string> = new Map()): RawListener[] {
  const rows: RawListener[] = []
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    if (f.length < 4 || f[0]!.toUpperCase() !== 'TCP') continue
    const foreign = f[2]!
    if (foreign !== '0.0.0.0:0' && foreign !== '[::]:0') continue
    const local = parseHostPort(f[1]!)
    if (!local) continue
    const family = familyOf(local.host.split('%')[0])
    if (family === undefined) continue
    const pid = Number(f.at(-1))
    const owners = Number.isInteger(pid) && pid > 0 ? [{ pid, command: names.get(pid) ?? '?' }] : []
    rows.push({ address: local.host, port: local.port, family, owners })
  }
  return mergeOwners(rows)
}

/** `tasklist /FO CSV /NH`: `"svchost.exe","1044","Services","0","13,280 K"` → pid → image name. */
export function parseTasklist (text: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const line of text.split('\n')) {
    const m = /^"((?:[^"]|"")*)","(\d+)"/.exec(line.trim())
    if (m) names.set(Number(m[2]), m[1]!.replace(/""/g, '"'))
  }
  return names
}
