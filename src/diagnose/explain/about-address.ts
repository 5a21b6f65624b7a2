/**
 * What an address and port are, in plain words first: for someone who saw `127.0.0.1:62893` in a log and asks what it
 * is and whether it is dangerous. Pure text from facts about addresses and port ranges; the live answer (which program
 * holds it now) is `localhost-lab ports` / `check`'s job.
 */
import { familyOf, isAnyAddress, isLocalhostName, isLoopback, isPrivateIPv4 } from '../../net/address.js'

export interface AboutAddress {
  /** One or two sentences anyone can read. */
  plain: string
  /** The facts behind it, one per line. */
  details: string[]
}

/**
 * The ephemeral (dynamic) ranges operating systems hand out by default: IANA's 49152-65535 (RFC 6335 section 6, also
 * Windows since Vista and macOS), and Linux's own default 32768-60999 (net.ipv4.ip_local_port_range).
 */
const IANA_DYNAMIC = { first: 49152, last: 65535 }
const LINUX_DEFAULT = { first: 32768, last: 60999 }

function whereWords (address: string | null, host: string | null): { plain: string, reach: string, detail: string } | null {
  const a = address ?? host
  if (a === null) return null
  if (isLocalhostName(a)) {
    return {
      plain: '`localhost` is a name for this computer itself',
      reach: 'Only programs on this computer can reach it.',
      detail: 'localhost resolves to 127.0.0.1 (IPv4) and, on many systems, also ::1 (IPv6): two addresses, and a server may listen on only one of them.',
    }
  }
  if (isAnyAddress(a)) {
    return {
      plain: `${a} is not one address: a server listening on it accepts connections on every network interface of this computer`,
      reach: 'Other machines on the same network can reach it, unless a firewall stops them: this is the one to check.',
      detail: `${a} means "all interfaces" when listening. As a destination it works on Linux and macOS (it reaches this machine) but fails on Windows: connect to 127.0.0.1 instead.`,
    }
  }
  if (isLoopback(a)) {
    return {
      plain: `${a} is the loopback address: this computer talking to itself`,
      reach: 'Only programs on this computer can reach it; nothing from the network can.',
      detail: familyOf(a) === 'IPv6' ? '::1 is the IPv6 loopback address (IPv4\'s is 127.0.0.1).' : 'All of 127.0.0.0/8 is loopback; 127.0.0.1 is the usual one (IPv6\'s is ::1).',
    }
  }
  if (a === 'host.docker.internal' || a === 'gateway.docker.internal') {
    return { plain: `${a} is the name Docker gives containers for the host machine`, reach: 'It resolves only inside containers (and on Docker Desktop).', detail: 'On Linux it needs `extra_hosts: ["host.docker.internal:host-gateway"]`.' }
  }
  if (a === '10.0.2.2') {
    return { plain: '10.0.2.2 is how the Android emulator (and VirtualBox NAT) reaches the host computer', reach: 'It is the host\'s localhost seen from inside the emulator.', detail: 'From the emulator, 127.0.0.1 is the emulator itself.' }
  }
  if (isPrivateIPv4(a)) {
    return { plain: `${a} is a private address: a machine on a local network (a LAN, a VPN, a container network)`, reach: 'Reachable from that network, not from the internet directly.', detail: 'Private ranges: 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 (RFC 1918).' }
  }
  if (familyOf(a) !== undefined) {
    return { plain: `${a} is an IP address of some machine`, reach: 'Whether it is this computer: `ip addr` (Windows: `ipconfig`) lists this computer\'s addresses.', detail: '' }
  }
  return { plain: `${a} is a host name`, reach: 'Which machine it names depends on DNS or the hosts file here.', detail: `\`getent hosts ${a}\` (Windows: \`nslookup ${a}\`) shows what it resolves to.` }
}

function portWords (port: number): { plain: string, detail: string } {
  if (port < 1024) return { plain: `${port} is a well-known port, reserved for a standard service`, detail: `Ports below 1024 need privileges to listen on (root, or cap_net_bind_service on Linux).` }
  const inIana = port >= IANA_DYNAMIC.first && port <= IANA_DYNAMIC.last
  const inLinux = port >= LINUX_DEFAULT.first && port <= LINUX_DEFAULT.last
  if (inIana || inLinux) {
    const ranges = [inLinux ? `Linux's default ${LINUX_DEFAULT.first}-${LINUX_DEFAULT.last}` : '', inIana ? `IANA's ${IANA_DYNAMIC.first}-${IANA_DYNAMIC.last} (Windows, macOS)` : ''].filter(Boolean).join(' and ')
    return {
      plain: `${port} is an ephemeral port: a number the operating system picked, most likely for one side of a short-lived connection or for a program that asked for "any free port"`,
      detail: `It lies in the range operating systems hand out by themselves: ${ranges}. It changes every run: read it from the program, never hard-code it.`,
    }
  }
  return { plain: `${port} is a registered (user) port: a program chose it, often a dev server or a database`, detail: 'Ports 1024-49151 are for programs to pick; common ones: 3000 (Node dev servers), 5173 (Vite), 5432 (PostgreSQL), 6379 (Redis), 8080 (HTTP alternatives).' }
}

/** Plain words for an address and port a user asks about. */
export function aboutAddress (address: string | null, port: number | null, host: string | null = null): AboutAddress {
  const where = whereWords(address, host)
  const p = port === null ? null : portWords(port)
  const sentences = [where ? `${where.plain}.` : '', p ? `${p.plain.charAt(0).toUpperCase()}${p.plain.slice(1)}.` : '', where?.reach ?? ''].filter(Boolean)
  const details = [where?.detail ?? '', p?.detail ?? ''].filter(Boolean)
  return { plain: sentences.join(' '), details }
}
