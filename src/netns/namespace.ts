/**
 * Network namespaces of our own, made one way: here. Each has its own loopback, its own ports, its own ephemeral range
 * and its own sysctls. Two kinds, one module:
 * - named (`createNamespace`, `ip netns add`, root only): `llab-<pid>-<n>-<role>`, unique per process and per run, so
 *   several labs can run side by side, and a leftover from a crashed run (its pid gone) can be recognised and removed;
 *   any number of our programs can be started in it (`ip netns exec`) and cabled to another;
 * - private (`'private'`, `unshare -n`, or `unshare -r -n` for an ordinary user): made for one child program alone and
 *   gone when it exits; nothing to name, sweep or delete.
 * Nothing here touches the machine's own namespace: addresses, routes and sysctls are only ever set with
 * `ip -n <ours>` / `ip netns exec <ours>`, or by a program inside its private namespace.
 */
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Lab } from '../core/lab.js'
import { run, which, type RunOptions, type RunResult } from '../process/tool.js'

export const PREFIX = 'llab-'
const NETNS_DIR = '/run/netns'

export interface Netns {
  /** The kernel's name for it, e.g. `llab-4242-1-host`. */
  name: string
  /** The part of the story it plays: `host`, `container`, `box`. */
  role: string
}

let seq = 0
let ipCommand: Promise<string> | undefined
let swept: Promise<string[]> | undefined

/** `ip`, found even when /usr/sbin is not on PATH. */
export function ip (): Promise<string> {
  ipCommand ??= which('ip').then((p) => p ?? 'ip')
  return ipCommand
}

async function ipRun (args: string[], opts?: RunOptions): Promise<RunResult> {
  return run(await ip(), args, opts)
}

/** A fresh name for a namespace of this process. */
export function namespaceName (role: string, pid = process.pid): string {
  seq += 1
  return `${PREFIX}${pid}-${seq}-${role}`
}

/** The pid a namespace name belongs to, or undefined for a name that is not ours. */
export function ownerPid (name: string): number | undefined {
  const m = /^llab-(\d+)-/.exec(name)
  return m ? Number(m[1]) : undefined
}

function alive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists, it is just not ours to signal.
    return (err as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/** The named network namespaces on this machine whose name starts with `llab-`. */
export async function labNamespaces (): Promise<string[]> {
  try {
    return (await readdir(NETNS_DIR)).filter((n) => n.startsWith(PREFIX))
  } catch {
    return []
  }
}

/**
 * Remove namespaces left behind by runs that crashed: only `llab-<pid>-*` whose <pid> no longer runs. A namespace of a
 * live process (another lab running right now) is never touched. Returns the names removed.
 */
export async function sweepLeftovers (): Promise<string[]> {
  const removed: string[] = []
  for (const name of await labNamespaces()) {
    const pid = ownerPid(name)
    if (pid === undefined || pid === process.pid || alive(pid)) continue
    // Another lab may be sweeping the same leftover at the same moment: losing that race is fine.
    const r = await ipRun(['netns', 'del', name], { allowFail: true })
    if (r.exitCode === 0) removed.push(name)
  }
  return removed
}

/** Create a namespace, bring its loopback up (a fresh namespace starts with `lo` down: even 127.0.0.1 and ::1 fail). */
export async function createNamespace (lab: Lab, role: string): Promise<Netns> {
  swept ??= sweepLeftovers()
  await swept
  const name = namespaceName(role)
  await ipRun(['netns', 'add', name])
  lab.defer(() => deleteNamespace(name))
  const ns = { name, role }
  await loopbackUp(ns)
  return ns
}

/** Where a child program runs: in one of our named namespaces, or in a private one made for it alone. */
export type NamespaceChoice = Netns | 'private'

/**
 * The command line prefix that runs a program inside `where`: `ip netns exec <name>`, or `unshare -n` (root) /
 * `unshare -r -n` (an ordinary user: a user namespace maps us to root inside it, so the network namespace needs no
 * privilege). A program in a private namespace brings its loopback up itself, with `loopbackUp()`.
 */
export async function enterCommand (where: NamespaceChoice): Promise<string[]> {
  if (where !== 'private') return [await ip(), 'netns', 'exec', where.name]
  const unshare = await which('unshare') ?? 'unshare'
  return process.getuid?.() === 0 ? [unshare, '-n'] : [unshare, '-r', '-n']
}

/**
 * Bring up `lo` (a fresh namespace starts with it down: even 127.0.0.1 and ::1 fail): of a named namespace of ours,
 * or, without one, of the namespace this process runs in (a program inside its private namespace).
 */
export async function loopbackUp (ns?: Netns): Promise<void> {
  await ipRun([...(ns ? ['-n', ns.name] : []), 'link', 'set', 'lo', 'up'])
}

export async function deleteNamespace (name: string): Promise<void> {
  await ipRun(['netns', 'del', name], { allowFail: true })
}

export interface VethEnd {
  ns: Netns
  /** Interface name inside its namespace (namespaces are private, so a fixed name is fine), e.g. `veth-host`. */
  ifname: string
  /** Address with prefix length, e.g. `198.18.0.1/30` (198.18.0.0/15 is reserved for benchmarking: never routed). */
  cidr: string
}

export interface VethLink {
  a: VethEnd & { address: string }
  b: VethEnd & { address: string }
}

/**
 * A virtual cable between two of our namespaces. It is created directly inside `a.ns` with its peer in `b.ns`, so no
 * end ever appears in the machine's own namespace.
 */
export async function vethPair (lab: Lab, a: VethEnd, b: VethEnd): Promise<VethLink> {
  await ipRun(['-n', a.ns.name, 'link', 'add', a.ifname, 'type', 'veth', 'peer', 'name', b.ifname, 'netns', b.ns.name])
  lab.defer(() => ipRun(['-n', a.ns.name, 'link', 'del', a.ifname], { allowFail: true }))
  for (const end of [a, b]) {
    await ipRun(['-n', end.ns.name, 'addr', 'add', end.cidr, 'dev', end.ifname])
    await ipRun(['-n', end.ns.name, 'link', 'set', end.ifname, 'up'])
  }
  return { a: { ...a, address: a.cidr.split('/')[0]! }, b: { ...b, address: b.cidr.split('/')[0]! } }
}

/** Run a command inside a namespace (`ip netns exec`). The lab process itself never leaves the machine's namespace. */
export async function execIn (ns: Netns, cmd: string, args: string[], opts?: RunOptions): Promise<RunResult> {
  return ipRun(['netns', 'exec', ns.name, cmd, ...args], opts)
}

function sysctlPath (key: string): string {
  if (!/^[a-z0-9_.]+$/.test(key)) throw new Error(`not a sysctl name: ${key}`)
  return `/proc/sys/${key.replaceAll('.', '/')}`
}

/** A sysctl as this namespace sees it (network sysctls are per namespace). Whitespace is normalised: `32768 60999`. */
export async function readSysctl (ns: Netns, key: string): Promise<string> {
  const r = await execIn(ns, 'cat', [sysctlPath(key)])
  return r.stdout.trim().split(/\s+/).join(' ')
}

/** Change a network sysctl inside one of our namespaces only. */
export async function writeSysctl (ns: Netns, key: string, value: string): Promise<void> {
  await execIn(ns, 'tee', [sysctlPath(key)], { input: `${value}\n` })
}

/** The source label for a fact read with readSysctl. */
export function sysctlSource (ns: Netns, key: string): string {
  return `${sysctlPath(key)} in network namespace ${ns.name}`
}

/** The ephemeral port range of one of our namespaces (`net.ipv4.ip_local_port_range`). */
export async function readPortRange (ns: Netns): Promise<{ first: number, last: number }> {
  const [first, last] = (await readSysctl(ns, 'net.ipv4.ip_local_port_range')).split(' ').map(Number)
  if (!Number.isInteger(first) || !Number.isInteger(last)) throw new Error(`unreadable ip_local_port_range in ${ns.name}`)
  return { first: first!, last: last! }
}

/** Set the ephemeral port range of one of our namespaces, and read back what the kernel took. */
export async function writePortRange (ns: Netns, first: number, last: number): Promise<{ first: number, last: number }> {
  await writeSysctl(ns, 'net.ipv4.ip_local_port_range', `${first} ${last}`)
  return readPortRange(ns)
}

/** A namespace at one end of a cable, with its address on it. */
export type CabledNetns = Netns & { address: string, ifname: string }

/**
 * Two machines and a cable: two fresh namespaces joined by a veth pair, `a` at 198.18.0.1/30 and `b` at 198.18.0.2/30
 * (198.18.0.0/15 is reserved for benchmarks and never routed; the addresses exist only inside these namespaces, so
 * labs running side by side do not collide). Reports their names as a fact.
 */
export async function cabledNamespaces (lab: Lab, roleA: string, roleB: string): Promise<[CabledNetns, CabledNetns]> {
  const a = await createNamespace(lab, roleA)
  const b = await createNamespace(lab, roleB)
  // Interface names are at most 15 characters; each lives in its own namespace, so they only need to differ from lo.
  const ifname = (role: string): string => `veth-${role}`.slice(0, 15)
  const link = await vethPair(lab, { ns: a, ifname: ifname(roleA), cidr: '198.18.0.1/30' }, { ns: b, ifname: ifname(roleB), cidr: '198.18.0.2/30' })
  lab.fact('network-namespaces', 'network namespaces', { [roleA]: { name: a.name, address: link.a.address }, [roleB]: { name: b.name, address: link.b.address } })
  return [{ ...a, address: link.a.address, ifname: link.a.ifname }, { ...b, address: link.b.address, ifname: link.b.ifname }]
}

/** A file of ours that one program sees in place of a system file: `source` bind-mounted over `target`. */
export interface FileOverlay {
  /** The system file the program is to read, e.g. `/etc/hosts`. It must exist (a bind mount needs something to cover). */
  target: string
  /** Our file, in a temporary directory of the lab's. */
  source: string
}

/** Files of a lesson's own, shown to its programs over the machine's (`/etc/hosts`, `/etc/resolv.conf`). */
export interface PrivateFiles {
  overlays: FileOverlay[]
  /**
   * Change what the programs read, from now on. The file is rewritten in place (same inode), so a bind mount already
   * made shows the new text: glibc reads /etc/hosts afresh for every lookup.
   */
  write (target: string, text: string): Promise<void>
}

/**
 * Write `files` (target path → text) to a temporary directory the lab removes at the end, ready to be bind-mounted over
 * the targets in a program's own mount namespace (`startProgram(…, { files })`). The machine's files are never written.
 */
export async function privateFiles (lab: Lab, files: Record<string, string>): Promise<PrivateFiles> {
  const dir = await mkdtemp(join(tmpdir(), 'llab-files-'))
  lab.defer(() => rm(dir, { recursive: true, force: true }))
  const overlays: FileOverlay[] = []
  for (const [target, text] of Object.entries(files)) {
    const source = join(dir, target.replaceAll('/', '_'))
    await writeFile(source, text)
    overlays.push({ target, source })
  }
  return {
    overlays,
    async write (target, text) {
      const overlay = overlays.find((o) => o.target === target)
      if (overlay === undefined) throw new Error(`not a private file of this lab: ${target}`)
      // writeFile truncates and rewrites the same inode; a rename would leave the mounted (old) inode behind.
      await writeFile(overlay.source, text)
    },
  }
}

/**
 * The command line prefix that shows `overlays` to one program: a mount namespace of its own (`unshare -m`, private
 * propagation, so no mount reaches the machine's), the bind mounts, then `exec` of the program (the same pid). The
 * mounts vanish with the program. Needs root, as the named namespaces do; put it after `enterCommand()`.
 */
export async function overlayCommand (overlays: FileOverlay[]): Promise<string[]> {
  const unshare = await which('unshare') ?? 'unshare'
  const mount = await which('mount') ?? 'mount'
  // Pairs of source and target, then `--`, then the program: no shell quoting of paths, they travel as arguments.
  const script = 'm=$1; shift; while [ "$1" != -- ]; do "$m" --bind "$1" "$2" || exit 97; shift 2; done; shift; exec "$@"'
  return [unshare, '-m', '--propagation', 'private', '--', 'sh', '-c', script, 'sh', mount, ...overlays.flatMap((o) => [o.source, o.target]), '--']
}
