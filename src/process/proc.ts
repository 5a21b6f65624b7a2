/** The process table as Linux's /proc shows it: one place that lists the pids and reads a process's stat line. */
import { readFileSync, readdirSync } from 'node:fs'

/** Every pid in /proc now (none off Linux). Synchronous: one small directory read, and callers walk it at once. */
export function processIds (): number[] {
  try {
    return readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number)
  } catch {
    return []
  }
}

export interface ProcEntry {
  pid: number
  ppid: number
  /** Clock ticks since boot when the process started: with the pid, it names one process for good. */
  starttime: number
  /** R, S, D, Z ... (Z: exited, waiting to be reaped; not a leftover). */
  state: string
  comm: string
}

/** `/proc/<pid>/stat`: "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split after the last ')'. */
export function parseStat (text: string): ProcEntry | undefined {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return undefined
  const rest = text.slice(close + 2).split(' ')
  const pid = Number(text.slice(0, open).trim())
  // After comm: state(3) ppid(4) ... starttime is field 22, i.e. rest[19].
  const entry = { pid, ppid: Number(rest[1]), starttime: Number(rest[19]), state: rest[0] ?? '?', comm: text.slice(open + 1, close) }
  return Number.isInteger(entry.pid) && Number.isInteger(entry.ppid) ? entry : undefined
}

/** CPU time in a `/proc/<pid>/stat` line, in ms: the process's own, and that of its children it has waited for. */
export interface CpuTimes {
  /** utime + stime: user and kernel time of the process itself. */
  ownMs: number
  /** cutime + cstime: of its children that have exited and been waited for (a child run with spawnSync, for one). */
  childrenMs: number
}

/** The kernel counts these in USER_HZ clock ticks, 100 a second on Linux. */
const TICK_MS = 10

/** Fields 14–17 of the stat line (utime, stime, cutime, cstime), split after the last ')' as `parseStat` does. */
export function cpuTimes (text: string): CpuTimes | undefined {
  const close = text.lastIndexOf(')')
  if (close < 0) return undefined
  const f = text.slice(close + 2).split(' ')
  const [utime, stime, cutime, cstime] = [f[11], f[12], f[13], f[14]].map(Number)
  if (![utime, stime, cutime, cstime].every((n) => Number.isInteger(n))) return undefined
  return { ownMs: (utime! + stime!) * TICK_MS, childrenMs: (cutime! + cstime!) * TICK_MS }
}

/** The CPU times of process `pid` (`self`: this one) now; undefined off Linux or once it is gone. */
export function processCpu (pid: number | 'self'): CpuTimes | undefined {
  const text = readProcText(`/proc/${pid}/stat`)
  return text === undefined ? undefined : cpuTimes(text)
}

/** A /proc file's text, or undefined when it cannot be read (the process is gone, or not ours to read). */
export function readProcText (path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8')
  } catch {
    return undefined
  }
}

/** The effective uid in a `/proc/<pid>/status` text (the second of `Uid:`'s real, effective, saved, fs), what `ps -o user` shows. */
export function effectiveUid (status: string | undefined): number | undefined {
  const m = status === undefined ? null : /^Uid:\s+\d+\s+(\d+)/m.exec(status)
  return m ? Number(m[1]) : undefined
}
