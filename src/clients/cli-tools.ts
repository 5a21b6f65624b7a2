/**
 * The command-line clients people paste errors from, curl and `openssl s_client`, run for real through the one tool
 * runner (../process/tool.ts): the exit code and the line they print, word for word, and which installed program said
 * it (its Debian package and version when dpkg knows the file), so a lesson can quote them with their source.
 */
import { installedFrom, run, which, type RunOptions, type RunResult } from '../process/tool.js'

/** What a tool printed for one attempt. */
export interface ToolSaid {
  /** The command as run, e.g. `curl -sS --max-time 3 https://127.0.0.1:40123/`. */
  command: string
  exitCode: number
  /** The error line (stderr's first line), or the first line of stdout when it succeeded; at most 300 characters. */
  said: string
  /** Which program: `/usr/bin/curl, Debian package curl 7.88.1-10+deb12u14`. */
  source: string
}

/** Run a tool here, or somewhere else (inside a namespace: `execIn` bound to it). */
export type Exec = (cmd: string, args: string[], opts?: RunOptions) => Promise<RunResult>

/** curl `-sS --max-time 3`, plus `args`, against `url`. undefined when curl is not installed. */
export async function curlSays (url: string, args: readonly string[] = [], exec: Exec = run): Promise<ToolSaid | undefined> {
  const curl = await which('curl')
  if (curl === undefined) return undefined
  // Asked before curl runs, awaited after: dpkg's search (tool.ts) runs beside it.
  const source = installedFrom(curl)
  const argv = ['-sS', '--max-time', '3', ...args, url]
  const r = await exec(curl, argv, { allowFail: true })
  return { command: `curl ${argv.join(' ')}`, exitCode: r.exitCode, said: firstLine(r.exitCode === 0 ? r.stdout : r.stderr), source: await source }
}

/**
 * `openssl s_client -connect host:port -brief`: a TLS handshake and nothing else (stdin is closed at once, so it ends
 * right after). undefined when openssl is not installed.
 */
export async function opensslConnect (host: string, port: number, exec: Exec = run): Promise<ToolSaid | undefined> {
  const openssl = await which('openssl')
  if (openssl === undefined) return undefined
  const source = installedFrom(openssl)
  const connect = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`
  const argv = ['s_client', '-connect', connect, '-brief']
  const r = await exec(openssl, argv, { allowFail: true, timeoutMs: 5000 })
  return { command: `openssl ${argv.join(' ')}`, exitCode: r.exitCode, said: firstLine(r.exitCode === 0 ? r.stdout || r.stderr : r.stderr), source: await source }
}

function firstLine (text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 300)
}
