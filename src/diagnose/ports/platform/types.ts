import type { Family } from '../../../core/events.js'

/** A process that holds a listening socket. */
export interface Owner {
  pid: number
  /** The short process name (`node`, `ControlCe`, `svchost.exe`), as the system's own tools print it. */
  command: string
  /** The whole command line, secrets redacted (diagnose/redact.ts), when the source tells it (Linux /proc). */
  commandLine?: string
  /** The user it runs as (its effective uid), by name, or the number when the system has no name for it. */
  user?: string
}

/** One listening TCP socket as a source reports it, before we classify it. */
export interface RawListener {
  /** The bound address without brackets: `127.0.0.1`, `::1`, `0.0.0.0`, `::`, `fe80::1%lo0`. */
  address: string
  port: number
  family: Family
  /** Empty when the source cannot tell (another user's process without root, another PID namespace). */
  owners: Owner[]
  /** For `::`: true when it also accepts IPv4 (ss prints `*`), false when IPV6_V6ONLY; absent when unknown. */
  dualStack?: boolean
  /** The kernel's socket inode, when the source tells it (Linux /proc): what /proc/<pid>/fd links name. */
  inode?: number
  /** The uid that opened the socket (Linux /proc): the user even when the owning process is not visible. */
  uid?: number
}

/** Where the list came from. */
export type ListenerSource = 'proc' | 'ss' | 'lsof' | 'netstat'

/** Merge rows that describe the same socket (one row per process or per fd in lsof, netstat and ss). */
export function mergeOwners (rows: RawListener[]): RawListener[] {
  const byKey = new Map<string, RawListener>()
  for (const row of rows) {
    const key = `${row.family} ${row.address} ${row.port}`
    const seen = byKey.get(key)
    if (!seen) {
      byKey.set(key, { ...row, owners: [...row.owners] })
      continue
    }
    for (const o of row.owners) if (!seen.owners.some((s) => s.pid === o.pid)) seen.owners.push(o)
  }
  return [...byKey.values()]
}
