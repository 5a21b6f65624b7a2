/**
 * Running system tools (ip, setpriv, curl) for the namespace scenarios: argument arrays only (no shell), a timeout,
 * and stderr in the error so a failure says what the tool said.
 */
import { execFile } from 'node:child_process'
import { access, constants } from 'node:fs/promises'
import { delimiter, join } from 'node:path'

export interface RunResult {
  stdout: string
  stderr: string
  /** The exit code (0 unless `allowFail`). */
  exitCode: number
}

export interface RunOptions {
  /** Written to the tool's stdin (e.g. a sysctl value for `tee`). */
  input?: string
  /** Kill the tool after this many ms. Default 5000. */
  timeoutMs?: number
  /** Resolve with the exit code instead of rejecting when the tool fails. Default false. */
  allowFail?: boolean
}

export class ToolError extends Error {
  constructor (readonly command: string, readonly exitCode: number | null, readonly stderr: string) {
    super(`${command} failed (${exitCode ?? 'killed'}): ${stderr.trim().split('\n')[0] ?? ''}`)
    this.name = 'ToolError'
  }
}

export function run (cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(cmd, args, { timeout: opts.timeoutMs ?? 5000, encoding: 'utf8' }, (err, stdout, stderr) => {
      const exitCode = err ? (typeof err.code === 'number' ? err.code : -1) : 0
      if (err && !opts.allowFail) reject(new ToolError(`${cmd} ${args.join(' ')}`, typeof err.code === 'number' ? err.code : null, stderr || err.message))
      else resolve({ stdout, stderr, exitCode })
    })
    // A tool that exits without reading its stdin must not turn into an EPIPE here.
    child.stdin?.on('error', () => {})
    if (opts.input !== undefined) child.stdin?.end(opts.input)
    else child.stdin?.end()
  })
}

/** The full path of an executable on PATH (also the sbin directories, where `ip` lives), or undefined. */
export async function which (name: string): Promise<string | undefined> {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin', '/usr/bin', '/bin']
  for (const dir of dirs) {
    if (dir === '') continue
    const candidate = join(dir, name)
    try {
      await access(candidate, constants.X_OK)
      return candidate
    } catch {}
  }
  return undefined
}
