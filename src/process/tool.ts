/**
 * The one way to run a system tool (ip, setpriv, curl, ss, lsof, netstat, sysctl) and wait for it to finish:
 * argument arrays only (no shell), a timeout, optional stdin, and errors that say what went wrong in the user's terms:
 * `LAB_ERR_TOOL_MISSING` naming the tool when it is not installed, `LAB_ERR_TOOL_FAILED` with the tool's own stderr.
 * On Linux the tool dies with the lab (`dieWithLab()`, below), so a Ctrl-C'd or SIGKILLed run leaves no tool running.
 * Long-running helper programs are not tools: they are started with `startProgram()` (./child.ts).
 *
 * Only node: built-ins and the error table, so `localhost-lab ports` (which runs ss or lsof) stays light. which() checks
 * with node:fs's accessSync, not node:fs/promises: every quick file runs it now (run() does), and loading that module
 * cost ~1 ms of a Node 20 start. node:child_process is loaded by the first run(): loading it took 2.2-3.1 ms on Node
 * 20 and 22, at every start of ports, probe and check, which import this module and read /proc on Linux without
 * running any tool.
 */
import type { ChildProcess } from 'node:child_process'
import { accessSync, constants } from 'node:fs'
import { delimiter, join } from 'node:path'
import { LabError } from '../core/errors.js'

export interface RunResult {
  stdout: string
  stderr: string
  /** The exit code (0 unless `allowFail` or `okCodes`). */
  exitCode: number
}

export interface RunOptions {
  /** Written to the tool's stdin (e.g. a sysctl value for `tee`). Default: stdin is closed at once. */
  input?: string
  /** Kill the tool after this many ms. Default 5000. */
  timeoutMs?: number
  /** Resolve with the exit code instead of rejecting when the tool fails (a missing tool still rejects). Default false. */
  allowFail?: boolean
  /** Exit codes that are answers, not failures (lsof exits 1 when nothing matched). Default `[0]`. */
  okCodes?: number[]
  /** What the tool is needed to do, for `LAB_ERR_TOOL_MISSING` (e.g. `list listeners here`). */
  neededTo?: string
  /** What to try instead, for `LAB_ERR_TOOL_MISSING` (e.g. `another --source`). */
  tryInstead?: string
  /** Largest stdout accepted. Default 64 MiB (a busy machine's `netstat -ano`). */
  maxBuffer?: number
}

export async function run (cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const prefix = await dieWithLab()
  if (prefix.length === 0) return execTool(cmd, args, cmd, args, opts)
  // Under setpriv a missing tool is setpriv's exit 127, not ENOENT: find it first, to say which tool is missing.
  const path = await which(cmd)
  if (path === undefined) throw missing(cmd, opts)
  return execTool(prefix[0]!, [...prefix.slice(1), path, ...args], cmd, args, opts)
}

function missing (cmd: string, opts: RunOptions): LabError {
  return new LabError('LAB_ERR_TOOL_MISSING', { tool: cmd, ...(opts.neededTo !== undefined && { neededTo: opts.neededTo }), ...(opts.tryInstead !== undefined && { tryInstead: opts.tryInstead }) })
}

/** Run `file argv` and wait; `cmd args` is what the errors name (the tool, not the setpriv in front of it). */
/**
 * The tools running now. setpriv sets the death signal after its fork, so a lab that exits in between (a Ctrl-C at that
 * moment) would leave the tool running: as the process exits, each one still here is killed too.
 */
const running = new Set<ChildProcess>()
let killOnExit = false

async function execTool (file: string, argv: string[], cmd: string, args: string[], opts: RunOptions): Promise<RunResult> {
  const { execFile } = await import('node:child_process')
  if (!killOnExit) {
    killOnExit = true
    process.once('exit', () => { for (const c of running) c.kill('SIGKILL') })
  }
  return new Promise((resolve, reject) => {
    const child = execFile(file, argv, { timeout: opts.timeoutMs ?? 5000, maxBuffer: opts.maxBuffer ?? 64 * 1024 * 1024, encoding: 'utf8', windowsHide: true }, function toolOnExit (err, stdout, stderr) {
      running.delete(child)
      if (!err) return resolve({ stdout, stderr, exitCode: 0 })
      const e = err as NodeJS.ErrnoException & { code?: string | number, killed?: boolean }
      if (e.code === 'ENOENT') return reject(missing(cmd, opts))
      const exitCode = typeof e.code === 'number' ? e.code : -1
      if (opts.allowFail || (opts.okCodes ?? [0]).includes(exitCode)) return resolve({ stdout, stderr, exitCode })
      const said = (String(stderr).trim().split('\n')[0] || (e.killed ? `killed after ${opts.timeoutMs ?? 5000} ms` : e.message)).slice(0, 200)
      reject(new LabError('LAB_ERR_TOOL_FAILED', { command: `${cmd} ${args.join(' ')}`, said, exitCode }))
    })
    running.add(child)
    // A tool that exits without reading its stdin must not turn into an EPIPE here.
    child.stdin?.on('error', () => {})
    if (opts.input !== undefined) child.stdin?.end(opts.input)
    else child.stdin?.end()
  })
}

let deathSignal: Promise<string[]> | undefined

/**
 * `setpriv --pdeathsig KILL` (Linux, util-linux), in front of every tool run() runs and every helper program
 * (./child.ts): the kernel sends it SIGKILL the moment the lab dies, even a SIGKILLed lab, even a SIGSTOPped program
 * (it cannot see its IPC channel close). Without it a `dpkg-query -S` (~100 ms) or a curl that a Ctrl-C'd run had
 * started went on after the run had exited. Nothing where setpriv is missing: the next run's sweep (./sweep.ts) finds
 * such a process by its environment marker.
 */
export function dieWithLab (): Promise<string[]> {
  deathSignal ??= process.platform !== 'linux'
    ? Promise.resolve([])
    : which('setpriv').then(async (setpriv) => {
      if (setpriv === undefined) return []
      // util-linux before 2.33 (2018) has no --pdeathsig, and would refuse to start the program at all.
      const help = await execTool(setpriv, ['--help'], setpriv, ['--help'], { allowFail: true }).catch(() => undefined)
      return help?.stdout.includes('--pdeathsig') === true ? [setpriv, '--pdeathsig', 'KILL'] : []
    })
  return deathSignal
}

/**
 * The full path of an executable on PATH (also the sbin directories, where `ip` lives), or undefined. A name with a
 * slash in it is a path already, as for the shell's `command -v`: itself if it is executable.
 */
export async function which (name: string): Promise<string | undefined> {
  const dirs = name.includes('/') ? [''] : [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin']
  for (const dir of dirs) {
    if (dir === '' && !name.includes('/')) continue
    const candidate = dir === '' ? name : join(dir, name)
    try {
      accessSync(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return undefined
}

// ---- where an installed program comes from ------------------------------------------------------------------------

/**
 * Once per program per process, and the programs asked for while the look-up finds dpkg-query share one search:
 * `dpkg-query -S` reads every package's file list whatever it is asked, so one path or three cost the same, 82-97 ms
 * of CPU here against 13-16 ms for the version (`-W`) (dpkg 1.21.22, 1,055 packages; medians of 9). Reading those
 * lists from Node took longer still (~130 ms). Ask early (right after `which`) and await late: the look-up then runs
 * while the program does, and programs started side by side (protocol-mismatch's curl and openssl) share it.
 */
const installed = new Map<string, Promise<string>>()
let asked: Map<string, (source: string) => void> | undefined

/** `/usr/bin/curl, Debian package curl 7.88.1-10+deb12u14`, or the path alone where dpkg does not know it. */
export function installedFrom (path: string): Promise<string> {
  let known = installed.get(path)
  if (known === undefined) {
    if (asked === undefined) {
      asked = new Map()
      void lookUp()
    }
    const batch = asked
    known = new Promise((resolve) => batch.set(path, resolve))
    installed.set(path, known)
  }
  return known
}

async function lookUp (): Promise<void> {
  const dpkg = await which('dpkg-query')
  // What was asked while `which` looked goes into this one search; what comes later, into the next.
  const batch = asked!
  asked = undefined
  const sources = dpkg === undefined ? new Map<string, string>() : await packagesOf(dpkg, [...batch.keys()]).catch(() => new Map<string, string>())
  for (const [path, resolve] of batch) resolve(sources.get(path) ?? path)
}

/** `dpkg-query -S a b c`, then `-W` for the packages it named: each path's source, for the paths dpkg knows. */
async function packagesOf (dpkg: string, paths: string[]): Promise<Map<string, string>> {
  const sources = new Map<string, string>()
  // `curl: /usr/bin/curl`, `libssl3:amd64: /usr/lib/…`, `a, b: /path` when two own it; a path dpkg does not know
  // only makes it exit 1, on stderr.
  const owners = await run(dpkg, ['-S', ...paths], { allowFail: true })
  const owner = new Map<string, string>()
  for (const line of owners.stdout.split('\n')) {
    const m = line.startsWith('diversion by ') ? null : /^(.*?): (\/.*)$/.exec(line)
    const pkg = m?.[1]?.split(',')[0]?.split(':')[0]?.trim()
    if (m !== null && pkg && paths.includes(m[2]!) && !owner.has(m[2]!)) owner.set(m[2]!, pkg)
  }
  if (owner.size === 0) return sources
  const pkgs = [...new Set(owner.values())]
  const versions = await run(dpkg, ['-W', '-f', '${Package} ${Version}\n', ...pkgs], { allowFail: true })
  const version = new Map<string, string>()
  for (const line of versions.stdout.split('\n')) {
    const [pkg, v] = line.trim().split(' ')
    if (pkg && v && !version.has(pkg)) version.set(pkg, v)
  }
  for (const [path, pkg] of owner) {
    const v = version.get(pkg)
    sources.set(path, v !== undefined ? `${path}, Debian package ${pkg} ${v}` : `${path}, Debian package ${pkg}`)
  }
  return sources
}
