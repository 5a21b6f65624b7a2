/**
 * Linux, straight from the kernel: /proc/net/tcp and tcp6 for the listening sockets, one pass over /proc/<pid>/fd for
 * the processes holding them. No external tool, nothing to install. As root it sees every process of this PID
 * namespace; otherwise only our own user's (the others' sockets are listed without an owner).
 */
import { ownersOf, parseProcNetTcp, readListeningSync, type ProcSocket } from '../proc-net.js'
import type { Owner, RawListener } from './types.js'

function toRaw (sockets: ProcSocket[], owners: ReadonlyMap<number, Owner[]>): RawListener[] {
  return sockets.map((s) => ({
    address: s.localAddress,
    port: s.localPort,
    family: s.family,
    inode: s.inode,
    uid: s.uid,
    owners: owners.get(s.inode) ?? [],
  }))
}

/** The listeners in the text of /proc/net/tcp and /proc/net/tcp6, with owners by socket inode when known. */
export function parseProcListeners (tcp: string, tcp6: string, owners: ReadonlyMap<number, Owner[]> = new Map()): RawListener[] {
  return toRaw([...parseProcNetTcp(tcp, 'IPv4', '0A'), ...parseProcNetTcp(tcp6, 'IPv6', '0A')], owners)
}

/** This machine's listeners (this network namespace), optionally on one port, with their owners. */
export function readLinuxProc (port?: number): RawListener[] {
  const sockets = readListeningSync(port)
  return toRaw(sockets, ownersOf(sockets.map((s) => s.inode)))
}
