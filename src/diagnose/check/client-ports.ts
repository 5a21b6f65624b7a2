/**
 * A port no one listens on may be the client end of a connection: `127.0.0.1:62893` in a log is very often the
 * ephemeral source port the OS gave a client, not a server at all. This looks at the kernel's connected and TIME_WAIT
 * sockets (Linux /proc/net/tcp{,6}) for that port and names both ends: the program holding the client socket and the
 * program listening on the other end. Read-only; connects to nothing.
 *
 * TIME_WAIT entries belong to no process any more (their inode is 0), so for a connection that closed a moment ago
 * only the server end can still be named, from whoever listens on its port now.
 */
import { hostPort, isAnyAddress, canonicalAddress } from '../../net/address.js'
import { ownersOf, readProcNetTcp, type ProcSocket } from '../ports/proc-net.js'
import type { Owner } from '../ports/platform/types.js'

export interface EndProgram {
  pid: number
  command: string
}

export interface ClientEnd {
  /** The kernel's state of the socket on the asked-for port (ESTABLISHED, TIME_WAIT, FIN_WAIT2 ...). */
  state: string
  /** The asked-for port's end. */
  client: { address: string, port: number, program: EndProgram | null }
  /** The other end, a listener on this machine when `program` is known. */
  server: { address: string, port: number, program: EndProgram | null }
  /** True when the connection is closed and only the kernel's TIME_WAIT entry remains: it was, a moment ago. */
  closed: boolean
  /** For TIME_WAIT: about how long the kernel keeps the entry (and the port) still. */
  secondsLeft?: number
  /**
   * True for a closed connection whose other end no longer listens either: the kernel keeps TIME_WAIT on whichever
   * side hung up first, so the asked-for port may have been the client, or a server that has since stopped.
   */
  sidesUnknown?: true
}

export interface ClientPortsReport {
  /** False off Linux: no /proc/net/tcp to read. */
  supported: boolean
  ends: ClientEnd[]
}

function first (owners: readonly Owner[] | undefined): EndProgram | null {
  const o = owners?.[0]
  return o === undefined ? null : { pid: o.pid, command: o.command }
}

/** The listener that accepts connections to `address:port`: one on that address, or on the any-address. */
function listenerFor (listening: readonly ProcSocket[], address: string, port: number): ProcSocket | undefined {
  const a = canonicalAddress(address)
  return listening.find((l) => l.localPort === port && canonicalAddress(l.localAddress) === a) ??
    listening.find((l) => l.localPort === port && isAnyAddress(l.localAddress))
}

/** The connections in these socket tables whose client end is `port` (pure: the tests feed it recorded tables). */
export function findClientEnds (sockets: readonly ProcSocket[], port: number, owners: ReadonlyMap<number, Owner[]>): ClientEnd[] {
  const listening = sockets.filter((s) => s.state === 'LISTEN')
  const ends: ClientEnd[] = []
  for (const s of sockets) {
    if (s.state === 'LISTEN') continue
    let client: { address: string, port: number, inode: number }
    let server: { address: string, port: number, inode: number }
    if (s.localPort === port) {
      client = { address: s.localAddress, port: s.localPort, inode: s.inode }
      server = { address: s.remoteAddress, port: s.remotePort, inode: 0 }
    } else if (s.remotePort === port && s.state === 'TIME_WAIT' && listenerFor(listening, s.localAddress, s.localPort) !== undefined) {
      // The server hung up first, so the TIME_WAIT entry sits on its side: local is the server, remote our port.
      client = { address: s.remoteAddress, port: s.remotePort, inode: 0 }
      server = { address: s.localAddress, port: s.localPort, inode: 0 }
    } else {
      continue
    }
    const listener = listenerFor(listening, server.address, server.port)
    const end: ClientEnd = {
      state: s.state,
      client: { address: client.address, port: client.port, program: client.inode === 0 ? null : first(owners.get(client.inode)) },
      server: { address: server.address, port: server.port, program: listener === undefined ? null : first(owners.get(listener.inode)) },
      closed: s.state === 'TIME_WAIT',
    }
    if (s.state === 'TIME_WAIT' && s.timerSeconds !== undefined) end.secondsLeft = s.timerSeconds
    if (end.closed && listener === undefined) end.sidesUnknown = true
    ends.push(end)
  }
  // Live connections first: they name both programs.
  return ends.sort((a, b) => Number(a.closed) - Number(b.closed))
}

/** The connections whose client end is `port` on this machine now. */
export async function clientPorts (port: number, platform: NodeJS.Platform = process.platform): Promise<ClientPortsReport> {
  if (platform !== 'linux') return { supported: false, ends: [] }
  // proc-net's reader loads node:fs/promises at this first read, not at check's start (about 1.1 ms of it).
  const sockets = await readProcNetTcp()
  const wanted = sockets.filter((s) => s.state === 'LISTEN' || s.localPort === port).map((s) => s.inode).filter((i) => i !== 0)
  return { supported: true, ends: findClientEnds(sockets, port, ownersOf(wanted)) }
}

function programText (p: EndProgram | null, unknown: string): string {
  return p === null ? unknown : `${p.command} (pid ${p.pid})`
}

/** One sentence: "… is the client side of a connection from <program> to <program> on port N", that it was, or that it was one end. */
export function describeClientEnd (e: ClientEnd): string {
  const at = hostPort(e.client.address, e.client.port)
  const to = `${programText(e.server.program, 'a program that no longer listens there (or that we may not see)')} on port ${e.server.port}`
  if (e.closed) {
    const left = e.secondsLeft === undefined ? '' : `; the kernel keeps the port for about ${Math.ceil(e.secondsLeft)} s more`
    if (e.sidesUnknown === true) {
      return `${at} was one end of a connection with ${hostPort(e.server.address, e.server.port)}, closed a moment ago (${e.state}${left}). ` +
        'Nothing listens on either port now, and the kernel keeps this entry on whichever side hung up first, so it may have been a client or a server that has since stopped.'
    }
    return `${at} was the client side of a connection to ${to}, closed a moment ago (TIME_WAIT${left}). A closed connection belongs to no program any more, so the client cannot be named.`
  }
  return `${at} is the client side of a connection from ${programText(e.client.program, 'a program we may not see (another user\'s: try sudo)')} to ${to} (${e.state}).`
}
