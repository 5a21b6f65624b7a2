/**
 * Who holds a listener, in more detail than the listener table carries: the user, the whole command line (secrets
 * redacted by diagnose/redact.ts as it is read), the executable, the parent process and when it started. `check`
 * shows this so that the reader can tell "my `npm run dev`" from "something I never started".
 *
 * Each platform gives what it can, and says which fields it cannot (`unavailable`), rather than leaving a blank that
 * reads as "none":
 * - Linux: /proc/<pid>/{stat,cmdline,exe,status} and /proc/stat's boot time. As another user without root, `exe` is
 *   not readable.
 * - macOS (and BSD): `ps -o pid=,ppid=,user=,lstart=,comm=,args=` for the process and its parent. `comm` is the
 *   executable's path there.
 * - Windows: `tasklist /V /FO CSV /NH` gives the image name and the user; the command line, executable, parent and
 *   start time need WMI or PowerShell, which this does not run.
 *
 * Read-only; never throws: a process that exits while we look is reported with what was read.
 */
import { readlinkSync } from 'node:fs'
import { effectiveUid, parseStat, readProcText } from '../../process/proc.js'
import { run } from '../../process/tool.js'
import { redactArgv } from '../redact.js'
import { userName } from '../ports/user-names.js'

export type OwnerField = 'user' | 'commandLine' | 'executable' | 'parent' | 'startedAt'

export interface ProcessInfo {
  pid: number
  /** The short name (`node`, `redis-server`, `svchost.exe`). */
  command: string | null
  user: string | null
  /** Every argument joined by spaces, secrets as `***`. */
  commandLine: string | null
  executable: string | null
  parent: { pid: number, command: string | null } | null
  /** ISO 8601, to the second. */
  startedAt: string | null
  /** Fields this platform's source cannot give, or could not give for this process (permissions, it exited). */
  unavailable: OwnerField[]
  source: 'proc' | 'ps' | 'tasklist'
}

/** The kernel reports process start times in USER_HZ clock ticks since boot, 100 a second on Linux. */
const USER_HZ = 100


function readLink (path: string): string | undefined {
  try {
    return readlinkSync(path)
  } catch {
    return undefined
  }
}

/** `btime 1764587446` in /proc/stat: the boot time in seconds since the epoch. */
export function parseBootTime (procStat: string): number | undefined {
  const m = /^btime\s+(\d+)$/m.exec(procStat)
  return m ? Number(m[1]) : undefined
}

function unavailableOf (info: Omit<ProcessInfo, 'unavailable' | 'source'>): OwnerField[] {
  const fields: OwnerField[] = ['user', 'commandLine', 'executable', 'parent', 'startedAt']
  return fields.filter((f) => info[f] === null)
}


/** Linux: one process from /proc, or null when it is gone. */
export function procOwner (pid: number, root = '/proc'): ProcessInfo | null {
  const stat = readProcText(`${root}/${pid}/stat`)
  const entry = stat === undefined ? undefined : parseStat(stat)
  if (entry === undefined) return null
  // NUL ends every argument: drop the last one, keep empty arguments (`--save ''`) where they stand.
  const raw = readProcText(`${root}/${pid}/cmdline`) ?? ''
  const argv = raw === '' ? [] : raw.replace(/\0$/, '').split('\0')
  const uid = effectiveUid(readProcText(`${root}/${pid}/status`))
  const boot = parseBootTime(readProcText(`${root}/stat`) ?? '')
  // " (deleted)" is the kernel's mark for an executable replaced since it started (an upgrade): worth keeping.
  const exe = readLink(`${root}/${pid}/exe`) ?? null
  const parentStat = entry.ppid > 0 ? readProcText(`${root}/${entry.ppid}/stat`) : undefined
  const parent = entry.ppid > 0 ? { pid: entry.ppid, command: (parentStat === undefined ? undefined : parseStat(parentStat)?.comm) ?? null } : null
  const info = {
    pid,
    command: entry.comm,
    user: uid === undefined ? null : userName(uid),
    // Redacted here, as it is read: nothing downstream can print the secret.
    commandLine: argv.length > 0 ? redactArgv(argv).join(' ') : null,
    executable: exe,
    parent,
    startedAt: boot === undefined ? null : new Date((boot + Math.floor(entry.starttime / USER_HZ)) * 1000).toISOString(),
  }
  return { ...info, unavailable: unavailableOf(info), source: 'proc' }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** ps's `lstart`: `Tue Dec  1 14:03:46 2026`, in the machine's local time. */
export function parseLstart (words: readonly string[]): string | null {
  const [, mon, day, time, year] = words
  const month = MONTHS.indexOf(mon ?? '')
  const t = /^(\d{1,2}):(\d{2}):(\d{2})$/.exec(time ?? '')
  if (month < 0 || !t || !/^\d+$/.test(day ?? '') || !/^\d{4}$/.test(year ?? '')) return null
  const d = new Date(Number(year), month, Number(day), Number(t[1]), Number(t[2]), Number(t[3]))
  return Number.isNaN(d.getTime()) ? null : d.toISOString()
}

/** `ps -o pid=,comm=`: pid → what ps calls the command (on macOS the executable's path, which may hold spaces). */
function psNames (text: string): Map<number, string> {
  const names = new Map<number, string>()
  for (const line of text.split('\n')) {
    const m = /^\s*(\d+)\s+(.*\S)\s*$/.exec(line)
    if (m) names.set(Number(m[1]), m[2]!)
  }
  return names
}

/**
 * Two `ps` answers for the process and its parent: `ps -o pid=,ppid=,user=,lstart=,args=` (lstart is always five
 * words, args the rest of the line) and `ps -o pid=,comm=`. Asked separately because both `comm` and `args` may hold
 * spaces, and only a field at the end of a line can.
 */
export function parsePs (argsText: string, commText: string, pid: number): ProcessInfo | null {
  const names = psNames(commText)
  let row: { ppid: number, user: string, startedAt: string | null, args: string } | undefined
  for (const line of argsText.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+\s+\S+\s+\d+\s+\S+\s+\d+)\s*(.*)$/.exec(line)
    if (m && Number(m[1]) === pid) row = { ppid: Number(m[2]), user: m[3]!, startedAt: parseLstart(m[4]!.split(/\s+/)), args: m[5]!.trim() }
  }
  if (row === undefined) return null
  const comm = names.get(pid) ?? null
  const parentComm = names.get(row.ppid)
  const base = (name: string): string => name.slice(name.lastIndexOf('/') + 1)
  // ps joins the arguments with spaces: split on them again for redaction (an argument's own spaces are lost).
  const argv = row.args === '' ? [] : row.args.split(/\s+/)
  const info = {
    pid,
    command: comm === null ? null : base(comm),
    user: row.user,
    commandLine: argv.length > 0 ? redactArgv(argv).join(' ') : null,
    executable: comm?.startsWith('/') ? comm : null,
    parent: row.ppid > 0 ? { pid: row.ppid, command: parentComm === undefined ? null : base(parentComm) } : null,
    startedAt: row.startedAt,
  }
  return { ...info, unavailable: unavailableOf(info), source: 'ps' }
}

/** One CSV line's fields: `"a","b ""c""",d`. */
function csvFields (line: string): string[] {
  const out: string[] = []
  const re = /"((?:[^"]|"")*)"|([^,]+)|(?<=,|^)(?=,|$)/g
  for (const m of line.matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : (m[2] ?? ''))
  return out
}

/**
 * `tasklist /V /FO CSV /NH /FI "PID eq N"`: `"Image Name","PID","Session Name","Session#","Mem Usage","Status",
 * "User Name","CPU Time","Window Title"`, the headings left out (/NH) because Windows translates them. The user is
 * `N/A` for processes the caller may not inspect.
 */
export function parseTasklistVerbose (text: string, pid: number): ProcessInfo | null {
  for (const line of text.split(/\r?\n/)) {
    const f = csvFields(line.trim())
    if (f.length < 7 || Number(f[1]) !== pid) continue
    const user = f[6]!.trim()
    const info = { pid, command: f[0]!, user: user === '' || user === 'N/A' ? null : user, commandLine: null, executable: null, parent: null, startedAt: null }
    return { ...info, unavailable: unavailableOf(info), source: 'tasklist' }
  }
  return null
}

/** The owner of `pid` on this platform, or null when it is gone or the system would not say. Never throws. */
export async function ownerInfo (pid: number, platform: NodeJS.Platform = process.platform): Promise<ProcessInfo | null> {
  try {
    if (platform === 'linux') return procOwner(pid)
    if (platform === 'win32') {
      return parseTasklistVerbose((await run('tasklist', ['/V', '/FO', 'CSV', '/NH', '/FI', `PID eq ${pid}`], { timeoutMs: 3000 })).stdout, pid)
    }
    const ps = async (fields: string, pids: string): Promise<string> => (await run('ps', ['-o', fields, '-p', pids], { timeoutMs: 3000, okCodes: [0, 1] })).stdout
    // The parent's pid comes from the first answer; ps -p takes a list for the second.
    const args = await ps('pid=,ppid=,user=,lstart=,args=', String(pid))
    const ppid = /^\s*\d+\s+(\d+)/.exec(args)?.[1]
    return parsePs(args, await ps('pid=,comm=', ppid === undefined ? String(pid) : `${pid},${ppid}`), pid)
  } catch {
    return null
  }
}
