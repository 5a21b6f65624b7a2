/**
 * Linux `ss -ltnp`: an alternative to reading /proc directly (and what most people type). One row per listening socket;
 * the Process column lists every process holding it, and is empty for sockets we may not inspect.
 *
 *   LISTEN 0  511  127.0.0.1:3000  0.0.0.0:*  users:(("node",pid=24632,fd=19),("node",pid=24625,fd=25))
 *   LISTEN 0  511          *:8080        *:*  (a `::` socket that also takes IPv4)
 *   LISTEN 0  511       [::]:8443     [::]:*  (a `::` socket with IPV6_V6ONLY)
 */
import { familyOf, parseHostPort } from '../../../net/address.js'
import { mergeOwners, type Owner, type RawListener } from './types.js'

const userPattern = /\("((?:[^"\\]|\\.)*)",pid=(\d+),fd=\d+\)/g

export function parseSs (text: string): RawListener[] {
  const rows: RawListener[] = []
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/)
    // State Recv-Q Send-Q Local Peer [Process]; skip the header and anything that is not a listener.
    if (f.length < 5 || f[0] !== 'LISTEN') continue
    const local = parseHostPort(f[3]!)
    if (!local) continue
    let address = local.host
    let dualStack: boolean | undefined
    if (address === '*') {
      address = '::'
      dualStack = true
    } else if (address === '::') {
      dualStack = false
    }
    const family = familyOf(address.split('%')[0])
    if (family === undefined) continue
    const owners: Owner[] = []
    const users = line.indexOf('users:(')
    for (const m of (users < 0 ? '' : line.slice(users)).matchAll(userPattern)) {
      const pid = Number(m[2])
      if (pid > 0 && !owners.some((o) => o.pid === pid)) owners.push({ pid, command: m[1]!.replace(/\\(.)/g, '$1') })
    }
    const row: RawListener = { address, port: local.port, family, owners }
    if (dualStack !== undefined) row.dualStack = dualStack
    rows.push(row)
  }
  return mergeOwners(rows)
}
